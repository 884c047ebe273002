/**
 * Conditions in kstatus terms (Ready, Reconciling, Stalled) and the one vocabulary of their
 * reasons. What kubectl, Argo CD and Flux read: a reason renamed here is a change of contract.
 */
package com.profitbricks.operator.status;
