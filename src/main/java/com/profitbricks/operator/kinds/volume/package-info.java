/** PBVolume: a volume of a datacenter, attached to the server its spec names and detached else. */
package com.profitbricks.operator.kinds.volume;
