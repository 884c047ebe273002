/** The operator's own metrics beside the operator SDK's: object states and cloud requests. */
package com.profitbricks.operator.metrics;
