/**
 * PBServer: created with its inline volumes and NICs in one composite request, then kept as the
 * spec says one mutation at a time (properties, inline items, boot volume, power); deleted with the
 * volumes that are its own. How volumes and NICs look in the cloud is shared with their own kinds
 * through {@code devices}.
 */
package com.profitbricks.operator.kinds.server;
