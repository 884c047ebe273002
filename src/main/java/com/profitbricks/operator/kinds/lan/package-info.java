/** PBLan: a LAN of a datacenter, identified by the number the cloud gives it. */
package com.profitbricks.operator.kinds.lan;
