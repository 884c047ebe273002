package com.profitbricks.operator.api.v1alpha1;

/** What happens to the cloud resource when the custom resource is deleted. */
public enum DeletionPolicy {
  /** The cloud resource is deleted; the custom resource goes once the cloud confirms. */
  Delete,
  /** The cloud resource is kept and no longer managed. */
  Orphan
}
