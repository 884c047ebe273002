package com.profitbricks.operator.engine;

import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.status.Outcome;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What differs between kinds: how to find the parent, and how to read, create, patch and delete the
 * cloud resource. Everything else (requests in status, conditions, finalizer, crash-safe creation,
 * errors, drift checks) is {@link CloudReconcilerEngine}'s, the same for every kind.
 */
public interface KindOps<
    R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {

  /**
   * The parent's cloud id, or why there is none yet. Top-level kinds answer {@code ready(null)}.
   */
  record Parent(String id, String waitingFor) {
    public static Parent ready(String id) {
      return new Parent(id, null);
    }

    public static Parent waiting(String why) {
      return new Parent(null, why);
    }

    public boolean isReady() {
      return waitingFor == null;
    }
  }

  /** A cloud resource as read: its metadata.state and the client's model of it. */
  record Observed<M>(String state, M resource) {}

  /** What a create returned. */
  record Created(String id, String requestId) {}

  /**
   * A mutation other than a patch (attach, detach, power, an inline item), decided but not sent:
   * the engine counts it against the repeats allowed and only then {@link #send sends} it, so a
   * mutation the cloud keeps ignoring is not sent once more than it is counted.
   *
   * @param action the request's action name as status records it, e.g. {@code ATTACH}
   * @param description what it does, for conditions and events
   * @param sender sends it and answers the cloud's request id; null when nothing is to be sent
   */
  record Action(String action, String description, Supplier<String> sender) {
    private static final String BUSY = "BUSY";
    private static final String RECOVERING = "RECOVERING";

    /** A mutation to send with {@code sender}. */
    public static Action of(String action, String description, Supplier<String> sender) {
      return new Action(
          Objects.requireNonNull(action), description, Objects.requireNonNull(sender));
    }

    /** Nothing is to be sent: the next mutation waits for another object ({@code why}). */
    public static Action waiting(String why) {
      return new Action(null, why, null);
    }

    /**
     * Nothing is to be sent while the cloud is busy with a resource it needs ({@code why}): looked
     * at again when a request of its read group ends, not at the drift interval.
     */
    public static Action busy(String why) {
      return new Action(BUSY, why, null);
    }

    /**
     * Nothing was sent: a create of a sub-resource whose answer was lost is being looked up in the
     * cloud's request log ({@code why}), and the object is looked at again soon, not after a drift
     * interval.
     */
    public static Action recovering(String why) {
      return new Action(RECOVERING, why, null);
    }

    public boolean isWaiting() {
      return sender == null;
    }

    boolean isBusy() {
      return isWaiting() && BUSY.equals(action);
    }

    /** Sends the mutation; answers the request id. */
    String send() {
      return sender.get();
    }

    public boolean isRecovering() {
      return isWaiting() && RECOVERING.equals(action);
    }
  }

  T newStatus();

  /** Checks the CRD schema cannot make (or that must hold with CEL off); null when valid. */
  default String validate(R cr) {
    return null;
  }

  Parent parent(R cr, T status);

  /**
   * Objects besides the parent that creating or updating needs (a LAN, an IP block's addresses, a
   * boot volume, a Secret): null when they all resolve, else a progressing outcome (waiting) or a
   * stalled one (the spec cannot be met). Never consulted on delete: a missing reference must not
   * keep a resource in the cloud.
   */
  default Outcome references(R cr, T status) {
    return null;
  }

  /** The resource, or empty when the cloud has no such resource (404). */
  Optional<Observed<?>> observe(R cr, String parentId, String id);

  /**
   * Sends the create through {@code client}, which marks the request as made for this object (see
   * {@link com.profitbricks.operator.cloud.LostCreateFinder}).
   */
  Created create(R cr, String parentId, com.profitbricks.client.ProfitBricksClient client);

  /**
   * The collection a create POSTs to, e.g. {@code /datacenters/<id>/lans}: where the request log is
   * searched for a create whose answer was lost.
   */
  String collection(String parentId);

  /** The cloud's type name of the resource, e.g. {@code lan}: the target of its create request. */
  String cloudType();

  /** A resource of this kind under a parent, as the lost-create guard compares it. */
  record Sibling(String id, String name, java.time.OffsetDateTime createdDate) {}

  static Sibling sibling(String id, String name, com.profitbricks.client.model.Metadata m) {
    return new Sibling(id, name, m == null ? null : m.createdDate());
  }

  /** The name this object's resource has in the cloud. */
  String cloudName(R cr);

  /**
   * The resources of this kind under the parent: when a create's answer and its log record are both
   * lost, one of them with this object's name made since the intent may be what it made (a suspect,
   * never adopted on that alone).
   */
  java.util.List<Sibling> siblings(String parentId);

  /**
   * Whether the parent the spec names exists in the cloud (a datacenter, a server): checked before
   * a create, so a wrong id costs a read per backoff step, never a write.
   */
  default boolean parentExists(String parentId) {
    return true;
  }

  /**
   * The spec against the resource as read. {@code status} is this pass's, with the outputs of the
   * read already recorded: what was applied at creation (an image alias, fixed addresses) is
   * compared from there, never from a read that does not show it.
   */
  Drift<?> diff(R cr, T status, Observed<?> observed);

  /** Sends the drift's patch; answers the request id. */
  String patch(R cr, String parentId, String id, Drift<?> drift);

  /**
   * After properties match: the next mutation that is not a PATCH (attaching a volume, say), not
   * sent yet, or empty when there is none.
   */
  default Optional<Action> converge(R cr, String parentId, String id, Observed<?> observed) {
    return Optional.empty();
  }

  /**
   * As {@link #converge(CustomResource, String, String, Observed)}, for a kind that records an
   * intent before it creates a sub-resource: {@code status} is this pass's (what the kind records
   * there is written at the end of the pass), and {@code persist} writes it to the API server at
   * once, before the POST, so that a crash or a lost answer leaves the intent behind.
   */
  default Optional<Action> converge(
      R cr, T status, String parentId, String id, Observed<?> observed, Runnable persist) {
    return converge(cr, parentId, id, observed);
  }

  /**
   * Before the resource's own DELETE: the next deletion of something that belongs to it and would
   * otherwise stay behind (a server's inline volumes), not sent yet, or empty. {@code observed} is
   * the resource as the delete just read it. A waiting action sends nothing and looks again soon
   * (what the resource owns is not known yet).
   */
  default Optional<Action> beforeDelete(
      R cr, String parentId, String id, T status, Observed<?> observed) {
    return Optional.empty();
  }

  /**
   * The parent object is being deleted and its DELETE takes this resource along (a datacenter takes
   * everything in it, a server its NICs): the child then waits for that instead of sending a DELETE
   * of its own, which would only race the cascade into 404s and refusals.
   */
  default boolean goesWithParent(R cr, String parentId) {
    return false;
  }

  /**
   * Whether a listing the cloud gives (shared by all objects of the kind for a moment) still shows
   * the resource: a delete is confirmed by its absence there, without a 404 of its own. Kinds that
   * are read from their parent's view answer true (their confirmation is that view).
   */
  default boolean stillListed(String parentId, String id) {
    return true;
  }

  /** A warning to give before this resource's DELETE, or null. */
  default String deleteWarning(R cr) {
    return null;
  }

  /**
   * Sends the DELETE; answers the request id. A 404 is raised as the client's NotFoundException.
   */
  String delete(String parentId, String id);

  /**
   * What the next create ({@code observed} null) or update of this object adds to the contract's
   * resource counts (cores, RAM, storage, reserved IPs): checked against the contract's limits
   * before anything is sent. Kinds that count against no limit add nothing.
   */
  default com.profitbricks.operator.cloud.Demand demand(R cr, T status, Observed<?> observed) {
    return com.profitbricks.operator.cloud.Demand.NONE;
  }

  /** Copies kind outputs (IPs, version) into status. */
  default void recordOutputs(R cr, T status, Observed<?> observed, String parentId) {}

  /**
   * When the object's resource lives in another parent than the spec now names (the parent is
   * immutable), that difference as {@code field (spec X, cloud Y)}; else null.
   */
  default String parentDrift(T status, String parentId) {
    return null;
  }

  /**
   * The parent id the resource was recorded under, or null. Read when {@link #parentDrift} reports
   * a difference: a resource gone with its former parent (a datacenter deleted out of band and
   * created anew) is created in the new one; one that still exists stalls.
   */
  default String recordedParent(T status) {
    return null;
  }

  /** Records the parent a resource is created under: what {@link #recordedParent} reads. */
  default void recordParent(T status, String parentId) {}

  /**
   * Records what only the create carried and a read never shows (a volume's image alias), right
   * after the create was accepted.
   */
  default void recordCreated(R cr, T status) {}

  /**
   * The read group of the resource: the datacenter whose one view serves it, whose writes are
   * queued together and whose objects share drift checks, or null.
   */
  default String datacenterOf(String parentId, String id) {
    return parentId;
  }
}
