package com.profitbricks.operator.api.v1alpha1;

/** Whether the operator may change the cloud resource, or only read it. */
public enum ManagementPolicy {
  /** The operator creates, updates and deletes the cloud resource to match the spec. */
  Manage,
  /**
   * The operator only reads: status, outputs and conditions are filled, differences from the spec
   * are reported (Ready False, reason Drifted) with the calls Manage would send in status.plan, and
   * nothing is ever sent to the cloud, not even when the object is deleted.
   */
  Observe
}
