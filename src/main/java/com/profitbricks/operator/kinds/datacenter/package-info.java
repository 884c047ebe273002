/**
 * PBDatacenter: the top of every tree, whose delete takes everything in it. Changes here touch only
 * datacenters; their children learn of them through {@code placement}.
 */
package com.profitbricks.operator.kinds.datacenter;
