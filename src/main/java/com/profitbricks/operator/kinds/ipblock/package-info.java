/**
 * PBIPBlock: reserved public addresses, in no datacenter; NICs take addresses from its status, so
 * what it records there is its contract with them.
 */
package com.profitbricks.operator.kinds.ipblock;
