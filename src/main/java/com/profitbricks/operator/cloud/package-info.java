/**
 * The cloud as every kind sees it: the cached reader (one depth read of a datacenter serves all
 * objects in it), the request tracker that follows requests and wakes their objects, the search for
 * what a create whose answer was lost made, and the drift type. Kind-agnostic: a change here
 * changes the cost and timing of every kind, not what any of them does.
 */
package com.profitbricks.operator.cloud;
