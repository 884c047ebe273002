package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Fields every kind's spec has. */
public abstract class CommonSpec {
  /**
   * adoptId names the cloud resource to take over while the object has none (status.id unset):
   * until then it may be added (the way out of CreateUnconfirmed) or removed (of
   * AdoptTargetNotFound), never after. Only a rule on the whole object sees status, so each kind
   * carries this one on its class.
   */
  public static final String ADOPT_ID_RULE =
      "!has(oldSelf.status) || !has(oldSelf.status.id)"
          + " || (has(self.spec) && has(self.spec.adoptId))"
          + " == (has(oldSelf.spec) && has(oldSelf.spec.adoptId))";

  public static final String ADOPT_ID_MESSAGE =
      "adoptId cannot be added or removed once the object has a cloud resource (status.id);"
          + " create a new object to manage another cloud resource";

  /**
   * credentialsRef is write-once with the cloud resource: changed after status.id, the same id
   * would be looked for in another contract (not found there, it would be created again and the
   * first left running). A rule on the whole object, like {@link #ADOPT_ID_RULE}.
   */
  public static final String CREDENTIALS_RULE =
      "!has(oldSelf.status) || !has(oldSelf.status.id)"
          + " || ((has(self.spec) && has(self.spec.credentialsRef))"
          + " ? self.spec.credentialsRef.name : '')"
          + " == ((has(oldSelf.spec) && has(oldSelf.spec.credentialsRef))"
          + " ? oldSelf.spec.credentialsRef.name : '')";

  public static final String CREDENTIALS_MESSAGE =
      "credentialsRef cannot be added, removed or changed once the object has a cloud resource"
          + " (status.id): the resource is in the contract of the credentials it was made with";

  @JsonPropertyDescription(
      "A Secret in this namespace with the Cloud API credentials for this object (keys username"
          + " and password, or token; optionally contractNumber). Without it, the namespace's"
          + " Secret profitbricks-credentials is used if there is one, else the operator's own."
          + " Objects that refer to each other must use the same credentials. Cannot be changed"
          + " once the object has a cloud resource (status.id).")
  private LocalRef credentialsRef;

  @Default("Delete")
  @JsonPropertyDescription(
      "Delete (default) deletes the cloud resource with this object; Orphan keeps it in the cloud"
          + " and only removes this object.")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

  @Default("Manage")
  @JsonPropertyDescription(
      "Manage (default) creates, updates and deletes the cloud resource to match this spec."
          + " Observe only reads it: status and conditions say how it differs from the spec"
          + " (reason Drifted) and status.plan lists the calls Manage would send; nothing is ever"
          + " sent, and deleting this object leaves the cloud resource alone. Switch to Manage to"
          + " let the operator act from then on.")
  private ManagementPolicy managementPolicy = ManagementPolicy.Manage;

  @Pattern("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$|^[0-9]+$")
  @ValidationRule(
      value = "self == oldSelf",
      message = "adoptId cannot be changed; create a new object to manage another cloud resource")
  @JsonPropertyDescription(
      "Id of an existing cloud resource to manage instead of creating one (explicit adoption)."
          + " Its properties are then driven to this spec. Cannot be changed once set, nor added or"
          + " removed once the object has a cloud resource (status.id).")
  private String adoptId;

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public ManagementPolicy getManagementPolicy() {
    return managementPolicy;
  }

  public void setManagementPolicy(ManagementPolicy managementPolicy) {
    this.managementPolicy = managementPolicy;
  }

  /** Whether the operator may only read the cloud resource. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isObserveOnly() {
    return managementPolicy == ManagementPolicy.Observe;
  }

  public LocalRef getCredentialsRef() {
    return credentialsRef;
  }

  public void setCredentialsRef(LocalRef credentialsRef) {
    this.credentialsRef = credentialsRef;
  }

  /** The name of the Secret spec.credentialsRef names, or null. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String credentialsSecret() {
    return credentialsRef == null ? null : credentialsRef.getName();
  }

  public String getAdoptId() {
    return adoptId;
  }

  public void setAdoptId(String adoptId) {
    this.adoptId = adoptId;
  }
}
