/**
 * What a volume, a NIC and its firewall rules are in the cloud, however they are declared: as a
 * PBVolume or PBNic of their own, or inline in a PBServer. Both ways make the same cloud resource,
 * so its create body, its drift and the rule sync are defined here once, for {@code kinds.volume},
 * {@code kinds.nic} and {@code kinds.server}.
 *
 * <p>A change here changes those three kinds together, which is the point: an inline volume must
 * not drift differently from a PBVolume.
 */
package com.profitbricks.operator.devices;
