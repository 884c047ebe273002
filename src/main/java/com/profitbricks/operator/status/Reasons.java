package com.profitbricks.operator.status;

import java.util.Set;

/**
 * The reasons of the Ready, Reconciling and Stalled conditions: a stable, documented vocabulary
 * (they are API: scripts and health checks match on them). CamelCase, as metav1.Condition demands.
 */
public final class Reasons {
  /** The cloud resource matches the spec and is AVAILABLE. */
  public static final String AVAILABLE = "Available";

  /** A create was sent (or is about to be) and is not finished. */
  public static final String CREATING = "Creating";

  /** A patch was sent and is not finished. */
  public static final String UPDATING = "Updating";

  /** A delete was sent and is not finished. */
  public static final String DELETING = "Deleting";

  /** A cloud request of this object is QUEUED or RUNNING. */
  public static final String WAITING_FOR_REQUEST = "WaitingForRequest";

  /** The cloud resource is BUSY with a request that is not ours; checked again later. */
  public static final String RESOURCE_BUSY = "ResourceBusy";

  /** A referenced object has no cloud id yet. */
  public static final String DEPENDENCY_NOT_READY = "DependencyNotReady";

  /** The Cloud API failed transiently (5xx, 429, transport); retried with backoff. */
  public static final String CLOUD_API_UNAVAILABLE = "CloudApiUnavailable";

  /** The spec is invalid; fix it. No cloud call was made. */
  public static final String INVALID_SPEC = "InvalidSpec";

  /** The cloud refused the spec (4xx); the message is the cloud's. Fix the spec. */
  public static final String CLOUD_REJECTED = "CloudRejected";

  /** A cloud request ended FAILED; a new generation tries again. */
  public static final String REQUEST_FAILED = "RequestFailed";

  /** An immutable field differs between spec and cloud; nothing is sent. */
  public static final String IMMUTABLE_FIELD_CHANGED = "ImmutableFieldChanged";

  /** spec.adoptId names no existing cloud resource. */
  public static final String ADOPT_TARGET_NOT_FOUND = "AdoptTargetNotFound";

  /** The cloud refused the credentials (401/403). */
  public static final String CREDENTIALS_INVALID = "CredentialsInvalid";

  /**
   * The operator has no Cloud API credentials (the credentials Secret is missing or incomplete):
   * nothing was sent; looked at again at the longest backoff, since the Secret can appear at any
   * time.
   */
  public static final String CREDENTIALS_MISSING = "CredentialsMissing";

  /**
   * The object resolves to other credentials than those its cloud resource was made with
   * (status.credentials): nothing is sent, the resource may not be in that contract.
   */
  public static final String CREDENTIALS_CHANGED = "CredentialsChanged";

  /** profitbricks.com/paused is "true": no cloud calls. */
  public static final String PAUSED = "Paused";

  /**
   * The cloud answered 403: the credentials are valid but lack a privilege (a sub-user without
   * "Create Data Center", a datacenter shared read-only). Retried at the longest backoff, since an
   * administrator can grant it without a spec change.
   */
  public static final String PERMISSION_DENIED = "PermissionDenied";

  /**
   * The cloud accepted the same change twice (DONE) and still reports another value: it does not
   * take it (a value it normalizes, a field it fills in). Nothing more is sent until the spec
   * changes.
   */
  public static final String UPDATE_NOT_APPLIED = "UpdateNotApplied";

  /**
   * A create's answer and its record in the cloud's request log were both lost, and a resource with
   * this object's name appeared since: it may be what the create made. Not adopted on that alone
   * and not created again; set spec.adoptId (or delete the suspect) to go on.
   */
  public static final String CREATE_UNCONFIRMED = "CreateUnconfirmed";

  /**
   * The operator met an error it has no name for (a defect of its own, a failing Kubernetes API
   * call): the message says what; retried with backoff, never left idle.
   */
  public static final String UNEXPECTED_ERROR = "UnexpectedError";

  /**
   * The profitbricks.com/preview annotation is "true" and the next pass would send calls: they are
   * listed in status.plan and held until the annotation is removed.
   */
  public static final String PLANNED = "Planned";

  /**
   * spec.managementPolicy is Observe and the cloud resource differs from the spec (or there is
   * none): the message says what differs, status.plan lists what Manage would send, nothing is
   * sent.
   */
  public static final String DRIFTED = "Drifted";

  /**
   * The next create or growth would go over the contract's resource limits; nothing is sent and the
   * check is made again later (limits raised, capacity freed).
   */
  public static final String CONTRACT_LIMIT = "ContractLimit";

  /** A delete failed; the finalizer stays and the delete is retried. */
  public static final String DELETION_FAILED = "DeletionFailed";

  /** Reasons of a pass that moved the object forward: they reset the failure backoff. */
  public static final Set<String> PROGRESS =
      Set.of(CREATING, UPDATING, DELETING, WAITING_FOR_REQUEST);

  /** Reasons after which nothing is retried until the generation changes. */
  public static final Set<String> TERMINAL =
      Set.of(
          INVALID_SPEC, CLOUD_REJECTED, REQUEST_FAILED, ADOPT_TARGET_NOT_FOUND, UPDATE_NOT_APPLIED);

  public static final Set<String> ALL =
      Set.of(
          AVAILABLE,
          CREATING,
          UPDATING,
          DELETING,
          WAITING_FOR_REQUEST,
          RESOURCE_BUSY,
          DEPENDENCY_NOT_READY,
          CLOUD_API_UNAVAILABLE,
          INVALID_SPEC,
          CLOUD_REJECTED,
          REQUEST_FAILED,
          IMMUTABLE_FIELD_CHANGED,
          ADOPT_TARGET_NOT_FOUND,
          CREDENTIALS_INVALID,
          CREDENTIALS_MISSING,
          CREDENTIALS_CHANGED,
          PERMISSION_DENIED,
          UPDATE_NOT_APPLIED,
          CREATE_UNCONFIRMED,
          PAUSED,
          PLANNED,
          DRIFTED,
          CONTRACT_LIMIT,
          DELETION_FAILED);

  private Reasons() {}
}
