package com.profitbricks.operator.engine;

import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.status.Conditions;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Objects;

/**
 * The gates before the resource itself is looked at: what a human asked for (pause, a pass now),
 * what the spec allows, and whether the parent and the other references are there.
 */
final class Preconditions<
    R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  private final String kind;
  private final KindOps<R, T> ops;
  private final CloudReader reader;
  private final EventRecorder events;
  private final OperatorConfig config;
  private final Attempts attempts;
  private final Observations<R, T> observations;

  Preconditions(Parts<R, T> parts) {
    this.kind = parts.kind();
    this.ops = parts.ops();
    this.reader = parts.reader();
    this.events = parts.events();
    this.config = parts.config();
    this.attempts = parts.attempts();
    this.observations = parts.observations();
  }

  Step notPaused(Pass<R, T> p) {
    if (!CloudReconcilerEngine.isPaused(p.cr)) {
      return Gate.GO_ON;
    }
    // removing the annotation wakes the object (Wakeups); the drift interval is a backstop
    return new Step(Outcome.paused(), config.driftInterval());
  }

  /** A new reconcile-requested value starts over: backoff, repeat counts and the cached view. */
  Step passRequested(Pass<R, T> p) {
    String requested = Wakeups.annotation(p.cr, CloudReconcilerEngine.RECONCILE_REQUESTED);
    p.retryNow = requested != null && !requested.equals(p.status.getLastHandledReconcileAt());
    if (p.retryNow) {
      p.status.setLastHandledReconcileAt(requested);
      attempts.startOver(p.cr);
      if (p.status.getId() != null) {
        reader.invalidate(ops.datacenterOf(ops.recordedParent(p.status), p.status.getId()));
      }
      events.normal(p.cr, "ReconcileRequested", "A pass was requested (" + requested + ")");
    }
    return Gate.GO_ON;
  }

  Step validSpec(Pass<R, T> p) {
    String invalid = ops.validate(p.cr);
    return invalid == null
        ? Gate.GO_ON
        : new Step(Outcome.stalled(Reasons.INVALID_SPEC, invalid), null);
  }

  /**
   * A terminal stall of this generation stays as it is until the spec changes or a pass is asked.
   */
  Step notStalledForGood(Pass<R, T> p) {
    T before = p.before;
    boolean stalled =
        !p.retryNow
            && before != null
            && Objects.equals(before.getObservedGeneration(), p.generation)
            && Conditions.isTrue(before, Conditions.STALLED)
            && Reasons.TERMINAL.contains(Conditions.reason(before, Conditions.STALLED));
    return stalled ? Step.UNCHANGED : Gate.GO_ON;
  }

  Step parentReady(Pass<R, T> p) {
    KindOps.Parent parent = ops.parent(p.cr, p.status);
    if (!parent.isReady()) {
      // a parent object wakes its children itself; the drift interval catches the rest (a Secret)
      return new Step(
          Outcome.progressing(Reasons.DEPENDENCY_NOT_READY, parent.waitingFor()),
          config.driftInterval());
    }
    p.parentId = parent.id();
    return Gate.GO_ON;
  }

  /**
   * The parent is immutable: a resource that lives under another parent than the spec now names
   * stalls, unless it went with its former parent (then it is created in the new one).
   */
  Step parentUnchanged(Pass<R, T> p) {
    T status = p.status;
    String movedFrom = status.getId() == null ? null : ops.parentDrift(status, p.parentId);
    String former = movedFrom == null ? null : ops.recordedParent(status);
    if (former != null && observations.fresh(p.cr, former, status.getId()).isEmpty()) {
      // nothing to move and nothing left behind: the resource went with its former parent (a
      // fact a rehearsed pass records too; it then plans the create instead of announcing it)
      if (!p.rehearsing) {
        events.warning(
            p.cr,
            "Vanished",
            kind
                + " "
                + status.getId()
                + " went with its former parent "
                + former
                + "; creating it in "
                + p.parentId);
      }
      status.setId(null);
      status.setState(null);
      movedFrom = null;
    }
    if (movedFrom == null) {
      return Gate.GO_ON;
    }
    return new Step(
        Outcome.stalled(
            Reasons.IMMUTABLE_FIELD_CHANGED,
            "Immutable fields differ, nothing was sent: "
                + movedFrom
                + ". Restore the spec, or create a new object"),
        config.driftInterval());
  }

  Step referencesResolved(Pass<R, T> p) {
    Outcome unresolved = ops.references(p.cr, p.status);
    if (unresolved == null) {
      return Gate.GO_ON;
    }
    // informers wake a wait on a LAN, IP block or volume; a Secret has none, so look again
    // after poll.max (Kubernetes reads only, no cloud call) rather than a whole drift interval
    return new Step(
        unresolved, unresolved.kind() == Outcome.Kind.STALLED ? null : config.poll().max());
  }
}
