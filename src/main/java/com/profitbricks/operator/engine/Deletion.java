package com.profitbricks.operator.engine;

import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.PlannedWrite;
import com.profitbricks.client.ProfitBricksException;
import com.profitbricks.client.RateLimitedException;
import com.profitbricks.client.Rehearsal;
import com.profitbricks.client.model.RequestStatus;
import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.DeletionPolicy;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.status.Conditions;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The finalizer's side of {@link CloudReconcilerEngine}: honour the deletion policy, wait for what
 * runs, find a create whose answer was lost, let a parent's cascade take its children, delete the
 * resource's own sub-resources first, then the resource, and let go only when a read made now says
 * it is gone. A failed delete keeps the finalizer and backs off.
 */
final class Deletion<R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  private final String kind;
  private final KindOps<R, T> ops;
  private final CloudReader reader;
  private final EventRecorder events;
  private final OperatorConfig config;
  private final Clock clock;
  private final Attempts attempts;
  private final Requests<R, T> requests;
  private final StatusWrites<R, T> writes;
  private final Recovery<R, T> recovery;

  Deletion(Parts<R, T> parts, Recovery<R, T> recovery) {
    this.kind = parts.kind();
    this.ops = parts.ops();
    this.reader = parts.reader();
    this.events = parts.events();
    this.config = parts.config();
    this.clock = parts.clock();
    this.attempts = parts.attempts();
    this.requests = parts.requests();
    this.writes = parts.writes();
    this.recovery = recovery;
  }

  DeleteControl cleanup(R cr, Context<R> ctx) {
    T status = cr.getStatus() == null ? ops.newStatus() : writes.copy(cr.getStatus());
    String leftBecause =
        cr.getSpec().isObserveOnly()
            ? "managementPolicy Observe"
            : CloudReconcilerEngine.isPaused(cr)
                ? "paused"
                : cr.getSpec().getDeletionPolicy() == DeletionPolicy.Orphan
                    ? "deletionPolicy Orphan"
                    : null;
    if (leftBecause != null) {
      if (status.getId() != null) {
        events.normal(
            cr,
            "Orphaned",
            "Left " + kind + " " + status.getId() + " in the cloud (" + leftBecause + ")");
      }
      return DeleteControl.defaultDelete();
    }
    boolean preview = Previews.previewWanted(cr);
    if (!preview) {
      status.setPlan(null); // the annotation went: the delete is sent, not shown
    }
    try {
      return preview ? rehearsed(cr, ctx, status) : delete(cr, ctx, status);
    } catch (StaleStatus e) {
      // the object in hand is now the stored one: the next try decides from it, and nothing of
      // this try's old status is written over it
      return DeleteControl.noFinalizerRemoval()
          .rescheduleAfter(attempts.backoff(cr, null).toMillis());
    } catch (ProfitBricksException e) {
      String message = e instanceof CloudApiException api ? api.apiMessage() : e.getMessage();
      return deletionFailed(
          cr, ctx, status, message, e instanceof RateLimitedException r ? r.retryAfter() : null);
    } catch (KubernetesClientException e) {
      // a refused status write or read: the SDK's own retry would give up after a few tries
      return deletionFailed(cr, ctx, status, e.getMessage(), null);
    }
  }

  /**
   * The delete with the preview annotation: what it would send is stopped before it leaves the
   * process and shown in status.plan, and the finalizer stays until the annotation is removed.
   */
  private DeleteControl rehearsed(R cr, Context<R> ctx, T status) {
    try {
      return Rehearsal.run(() -> delete(cr, ctx, status));
    } catch (PlannedWrite w) {
      long generation = CloudReconcilerEngine.generation(cr);
      status.setPlan(Previews.planned(generation, w));
      Conditions.apply(
          status,
          generation,
          Previews.heldByPreview("deleting would send " + status.getPlan().getSummary(), "delete"),
          clock);
      writes.persist(cr, ctx, status);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.driftInterval().toMillis());
    }
  }

  /** A failed delete keeps the finalizer, says why, and is retried with backoff. */
  private DeleteControl deletionFailed(
      R cr, Context<R> ctx, T status, String message, Duration retryAfter) {
    Conditions.apply(
        status,
        CloudReconcilerEngine.generation(cr),
        Outcome.progressing(
            Reasons.DELETION_FAILED, "Deleting " + kind + " failed, retrying: " + message),
        clock);
    if (!Objects.equals(
        Conditions.reason(cr.getStatus(), Conditions.READY), Reasons.DELETION_FAILED)) {
      events.warning(
          cr, "DeletionFailed", "Deleting " + kind + " " + status.getId() + " failed: " + message);
    }
    writes.persist(cr, ctx, status);
    return DeleteControl.noFinalizerRemoval()
        .rescheduleAfter(attempts.backoff(cr, retryAfter).toMillis());
  }

  private DeleteControl delete(R cr, Context<R> ctx, T status) {
    KindOps.Parent parent = ops.parent(cr, status);
    String parentId = parent.id();
    DeleteControl running = awaitRequest(cr, ctx, status, parentId);
    if (running != null) {
      return running;
    }
    String id = status.getId();
    CloudRequest req = status.getRequest();
    if (id == null && Requests.isUnansweredCreate(req) && parent.isReady()) {
      Recovery.Found found = recovery.search(cr, ctx, parentId, req);
      if (found.lookingAgain()) {
        // the create may have made something that is not in the log yet: removing the
        // finalizer now could leave it behind
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(found.lookAgainIn().toMillis());
      }
      if (found.uncertain()) {
        events.warning(
            cr,
            "CreateUnconfirmed",
            "Not deleted on a guess: "
                + kind
                + " "
                + String.join(", ", found.suspects())
                + " may be what the create whose answer was lost made");
      }
      id = found.id();
    }
    if (id == null || (!parent.isReady() && parentId == null)) {
      // nothing in the cloud to delete, or its datacenter is gone
      return DeleteControl.defaultDelete();
    }
    return deleteResource(cr, ctx, status, parentId, id);
  }

  /**
   * Whatever runs (a delete, or the create itself: a server's create adds its volumes) is waited
   * for, so the next step sees all it made; null when nothing runs any more.
   */
  private DeleteControl awaitRequest(R cr, Context<R> ctx, T status, String parentId) {
    CloudRequest req = status.getRequest();
    if (req == null || req.getId() == null || !req.isInFlight()) {
      return null;
    }
    RequestStatus rs;
    try {
      rs = reader.requestStatus(req.getId(), requests.wake(cr));
    } catch (CloudApiException.NotFoundException e) {
      return null;
    }
    if (!rs.state().isFinal()) {
      if (!rs.state().name().equals(req.getStatus())) {
        req.setStatus(rs.state().name());
        req.setUpdatedAt(requests.now());
        writes.persist(cr, ctx, status);
      }
      // woken by the request tracker when it moves or ends; this is a backstop
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.poll().max().toMillis());
    }
    req.setStatus(rs.state().name());
    req.setMessage(rs.message());
    req.setUpdatedAt(requests.now());
    reader.invalidate(ops.datacenterOf(parentId, status.getId()));
    if (rs.state().name().equals("FAILED") && req.getAction().startsWith("DELETE")) {
      return deletionFailed(
          cr, ctx, status, "request " + req.getId() + " failed: " + rs.message(), null);
    }
    return null;
  }

  private DeleteControl deleteResource(R cr, Context<R> ctx, T status, String parentId, String id) {
    // the finalizer goes only on a read made now, not on a shared view: a listing that no longer
    // shows the resource, or a read of it
    reader.invalidate(ops.datacenterOf(parentId, id));
    Optional<KindOps.Observed<?>> seen =
        ops.stillListed(parentId, id) ? ops.observe(cr, parentId, id) : Optional.empty();
    if (seen.isEmpty()) {
      events.normal(cr, "Deleted", "Deleted " + kind + " " + id);
      return DeleteControl.defaultDelete();
    }
    if (ops.goesWithParent(cr, parentId)) {
      // the parent's DELETE takes this resource: wait for it instead of racing it
      deleting(
          cr, ctx, status, kind + " " + id + " is deleted with its parent, which is being deleted");
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.poll().max().toMillis());
    }
    Optional<KindOps.Action> first;
    try {
      first = ops.beforeDelete(cr, parentId, id, status, seen.get());
    } catch (CloudApiException.NotFoundException e) {
      // what it was to delete is gone already (with its datacenter, say): the view it was chosen
      // from is stale, so read afresh before the next step instead of retrying the same DELETE
      reader.invalidate(ops.datacenterOf(parentId, id));
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.poll().initial().toMillis());
    }
    if (first.isPresent() && first.get().isWaiting()) {
      deleting(cr, ctx, status, first.get().description());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.poll().max().toMillis());
    }
    if (first.isPresent()) {
      KindOps.Action a = first.get();
      String rid;
      try {
        rid = a.send();
      } catch (CloudApiException.NotFoundException e) {
        // what it was to delete is gone already (with its datacenter, say): the view it was chosen
        // from is stale, so read afresh before the next step instead of retrying the same DELETE
        reader.invalidate(ops.datacenterOf(parentId, id));
        return DeleteControl.noFinalizerRemoval()
            .rescheduleAfter(config.poll().initial().toMillis());
      }
      reader.invalidate(ops.datacenterOf(parentId, id));
      requests.queued(cr, status, rid, a.action(), ops.datacenterOf(parentId, id));
      deleting(cr, ctx, status, a.description());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.poll().initial().toMillis());
    }
    return sendDelete(cr, ctx, status, parentId, id);
  }

  private DeleteControl sendDelete(R cr, Context<R> ctx, T status, String parentId, String id) {
    String warning = ops.deleteWarning(cr);
    if (warning != null && !Rehearsal.active()) {
      events.warning(cr, "DeletesOrphans", warning);
    }
    String rid;
    try {
      rid = ops.delete(parentId, id);
    } catch (CloudApiException.NotFoundException e) {
      events.normal(cr, "Deleted", "Deleted " + kind + " " + id);
      return DeleteControl.defaultDelete();
    }
    reader.invalidate(ops.datacenterOf(parentId, id));
    status.setId(id);
    requests.queued(cr, status, rid, "DELETE", ops.datacenterOf(parentId, id));
    String message = "Deleting " + kind + " " + id + " (request " + rid + ")";
    deleting(cr, ctx, status, message);
    events.normal(cr, "Deleting", message);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.poll().initial().toMillis());
  }

  /** Says in status what the deletion is doing now. */
  private void deleting(R cr, Context<R> ctx, T status, String message) {
    Conditions.apply(
        status,
        CloudReconcilerEngine.generation(cr),
        Outcome.progressing(Reasons.DELETING, message),
        clock);
    writes.persist(cr, ctx, status);
  }
}
