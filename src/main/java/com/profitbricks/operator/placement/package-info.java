/**
 * Where a kind's resource lives, as several kinds share it: in a datacenter (LAN, volume, server:
 * {@link com.profitbricks.operator.placement.DatacenterChild}) or on a server, found from a
 * reference or a raw id; the informers that wake an object when what it refers to gets its id; and
 * the inline items of a server that a volume or NIC on it must not be named like.
 *
 * <p>A change here reaches every kind that lives in a datacenter or on a server, and none other.
 */
package com.profitbricks.operator.placement;
