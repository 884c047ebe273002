package com.profitbricks.operator.engine;

import com.profitbricks.client.CloudApiException;
import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The gates of an object whose resource exists: read it, wait while the cloud is busy with it,
 * refuse immutable drift, patch what differs, take the kind's next step (attach, power, inline
 * items), and call it Ready when nothing is left to do.
 */
final class Convergence<R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  private final String kind;
  private final KindOps<R, T> ops;
  private final CloudReader reader;
  private final EventRecorder events;
  private final OperatorConfig config;
  private final Attempts attempts;
  private final Requests<R, T> requests;
  private final Observations<R, T> observations;
  private final Clock clock;
  private final StatusWrites<R, T> writes;

  private final Creation<R, T> creation;

  Convergence(Parts<R, T> parts, Creation<R, T> creation) {
    this.creation = creation;
    this.kind = parts.kind();
    this.ops = parts.ops();
    this.reader = parts.reader();
    this.events = parts.events();
    this.config = parts.config();
    this.attempts = parts.attempts();
    this.requests = parts.requests();
    this.observations = parts.observations();
    this.writes = parts.writes();
    this.clock = parts.clock();
  }

  /** Reads the resource and records what the read shows; one that vanished is created again. */
  Step found(Pass<R, T> p) {
    T status = p.status;
    Optional<KindOps.Observed<?>> seen = ops.observe(p.cr, p.parentId, status.getId());
    if (seen.isEmpty()) {
      // creating again is not undone: decide it on a read made now, not on a shared view
      seen = observations.fresh(p.cr, p.parentId, status.getId());
    }
    if (seen.isEmpty() && createdJustNow(p)) {
      // the cloud need not list or read a resource at once after its create ended: looked at
      // again until the recovery window is over, only then is it gone
      return new Step(
          Outcome.progressing(
              Reasons.CREATING,
              kind + " " + p.status.getId() + " is not readable yet after its create"),
          config.poll().initial());
    }
    if (seen.isEmpty() && p.rehearsing && p.cr.getSpec().getAdoptId() == null) {
      // what Manage would do: create it again, as its next pass would; the id stays recorded
      return creation.createUnderParent(p);
    }
    if (seen.isEmpty()) {
      return vanished(p);
    }
    p.observed = seen.get();
    status.setState(p.observed.state());
    ops.recordParent(status, p.parentId);
    ops.recordOutputs(p.cr, status, p.observed, p.parentId);
    return Gate.GO_ON;
  }

  /** The object's latest request is its create, and it ended within the recovery window. */
  private boolean createdJustNow(Pass<R, T> p) {
    CloudRequest req = p.status.getRequest();
    return req != null
        && "CREATE".equals(req.getAction())
        && Instant.now(clock)
            .isBefore(requests.parse(req.getUpdatedAt()).plus(config.recoveryWindow()));
  }

  private Step vanished(Pass<R, T> p) {
    T status = p.status;
    if (p.cr.getSpec().getAdoptId() != null) {
      return new Step(
          Outcome.stalled(
              Reasons.ADOPT_TARGET_NOT_FOUND,
              kind + " " + status.getId() + " no longer exists in the cloud"),
          null);
    }
    events.warning(
        p.cr,
        "Vanished",
        kind + " " + status.getId() + " no longer exists in the cloud; creating it again");
    status.setId(null);
    status.setState(null);
    return new Step(
        Outcome.progressing(
            Reasons.CREATING, kind + " no longer exists in the cloud; creating it again"),
        Duration.ZERO.plusMillis(1));
  }

  Step notBusy(Pass<R, T> p) {
    if (!"BUSY".equals(p.observed.state())) {
      return Gate.GO_ON;
    }
    return busy(p, kind + " " + p.status.getId() + " is BUSY in the cloud");
  }

  /**
   * BUSY with a request this operator follows (a NIC added to the server, an attach): woken when a
   * request of the datacenter ends, poll.max a backstop. BUSY with someone else's request (a
   * snapshot, a change from the console) is nothing the operator hears of: looked at again after a
   * growing wait up to poll.max, and not counted as progress of the object's own.
   */
  private Step busy(Pass<R, T> p, String why) {
    boolean ours = reader.wakeWhenGroupMoves(p.group(ops), requests.wake(p.cr));
    Duration next = config.poll().max();
    if (!ours) {
      Duration backoff = attempts.backoff(p.cr, null);
      next = backoff.compareTo(next) < 0 ? backoff : next;
    }
    return new Step(Outcome.progressing(Reasons.RESOURCE_BUSY, why), next);
  }

  Step noImmutableDrift(Pass<R, T> p) {
    p.drift = ops.diff(p.cr, p.status, p.observed);
    if (p.drift.immutable().isEmpty()) {
      return Gate.GO_ON;
    }
    return new Step(
        Outcome.stalled(
            Reasons.IMMUTABLE_FIELD_CHANGED,
            "Immutable fields differ, nothing was sent: "
                + String.join("; ", p.drift.immutable())
                + ". Restore the spec, or create a new object"),
        config.driftInterval());
  }

  /** PATCHes the mutable fields that differ. */
  Step propertiesMatch(Pass<R, T> p) {
    if (p.drift.patch() == null) {
      return Gate.GO_ON;
    }
    Step over = creation.overLimit(p, ops.demand(p.cr, p.status, p.observed));
    if (over != null) {
      return over;
    }
    if (!p.rehearsing && !requests.turn(p.cr, p.group(ops))) {
      return Step.queued(config.poll().max());
    }
    String changed = String.join(", ", p.drift.changed());
    if (repeated(p, "PATCH " + changed)) {
      return notTaken(p.cr, "PATCH of " + changed);
    }
    String id = p.status.getId();
    String rid = ops.patch(p.cr, p.parentId, id, p.drift);
    requests.queued(p.cr, p.status, rid, "UPDATE", p.group(ops));
    events.normal(
        p.cr,
        "Updating",
        "Updating " + changed + " of " + kind + " " + id + " (request " + rid + ")");
    return new Step(
        Outcome.progressing(Reasons.UPDATING, "Updating " + changed + " (request " + rid + ")"),
        config.poll().initial());
  }

  /**
   * Whether the mutation went out too often to send it again; counted as sent unless the pass is
   * rehearsed (then only looked at).
   */
  private boolean repeated(Pass<R, T> p, String what) {
    return p.rehearsing
        ? attempts.wouldRepeat(p.cr, p.generation, what)
        : attempts.repeated(p.cr, p.generation, what);
  }

  /** Sends the kind's next mutation other than a PATCH (attach, power, an inline item). */
  Step converged(Pass<R, T> p) {
    if (p.rehearsing) {
      p.beforeWrite = writes.copy(p.status);
    }
    Optional<KindOps.Action> action =
        ops.converge(
            p.cr,
            p.status,
            p.parentId,
            p.status.getId(),
            p.observed,
            p.rehearsing ? () -> {} : () -> writes.persist(p.cr, p.ctx, p.status));
    if (action.isEmpty()) {
      return Gate.GO_ON;
    }
    KindOps.Action a = action.get();
    if (a.isRecovering()) {
      return new Step(Outcome.progressing(Reasons.CREATING, a.description()), config.poll().max());
    }
    if (a.isBusy()) {
      return busy(p, a.description());
    }
    if (a.isWaiting()) {
      // the referenced object's informer wakes this one; the drift interval catches the rest
      return new Step(
          Outcome.progressing(Reasons.DEPENDENCY_NOT_READY, a.description()),
          config.driftInterval());
    }
    p.nextStep = a.description();
    // an inline item the kind adds (a server's volume) needs room in the contract too
    Step over = creation.overLimit(p, ops.demand(p.cr, p.status, p.observed));
    if (over != null) {
      return over;
    }
    if (!p.rehearsing && !requests.turn(p.cr, p.group(ops))) {
      return Step.queued(config.poll().max());
    }
    // counted before it is sent: a mutation the cloud takes and ignores goes out MAX_REPEATS times
    String what = a.action() + " " + a.description();
    if (repeated(p, what)) {
      return notTaken(p.cr, a.description());
    }
    String rid;
    try {
      rid = a.send();
    } catch (CloudApiException c) {
      if (c.httpStatus() >= 400 && c.httpStatus() < 500) {
        // refused, so not taken; an answer lost or a 5xx may have been taken and stays counted
        attempts.refused(p.cr, p.generation, what);
      }
      if (c.httpStatus() != 422 || attempts.repeated(p.cr, p.generation, "422 " + c.apiMessage())) {
        throw c;
      }
      // a follow-up step (attach, a rule, an inline item) refused as invalid is often a race
      // with another change ("already attached"): looked at again a few times before stalling
      return new Step(
          Outcome.progressing(
              Reasons.CLOUD_REJECTED,
              "The cloud refused a step (" + c.apiMessage() + "); trying again in case of a race"),
          attempts.backoff(p.cr, null));
    }
    requests.queued(p.cr, p.status, rid, a.action(), p.group(ops));
    events.normal(p.cr, "Updating", a.description() + " (request " + rid + ")");
    return new Step(
        Outcome.progressing(Reasons.UPDATING, a.description() + " (request " + rid + ")"),
        config.poll().initial());
  }

  /** Nothing is left to do: Ready, and looked at again with the rest of its read group. */
  Step ready(Pass<R, T> p) {
    attempts.converged(p.cr);
    reader.limits().settled(Attempts.uid(p.cr));
    reader.watch(p.group(ops), Attempts.uid(p.cr), requests.wake(p.cr));
    return new Step(
        Outcome.ready(kind + " " + p.status.getId() + " is AVAILABLE and matches the spec"),
        observations.resync(p.cr, p.group(ops)));
  }

  private Step notTaken(R cr, String what) {
    String message =
        "The cloud took the "
            + what
            + " "
            + Attempts.MAX_REPEATS
            + " times but keeps its own value, so it is not sent again: set the spec to what"
            + " the cloud reports, or change the spec to try again";
    events.warning(cr, "UpdateNotApplied", message);
    return new Step(Outcome.stalled(Reasons.UPDATE_NOT_APPLIED, message), null);
  }
}
