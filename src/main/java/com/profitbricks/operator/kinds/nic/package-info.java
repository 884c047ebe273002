/**
 * PBNic: a NIC of a server, with its LAN and addresses resolved from references and its firewall
 * rules kept as listed. Its parent id is {@code <datacenterId>/<serverId>}.
 */
package com.profitbricks.operator.kinds.nic;
