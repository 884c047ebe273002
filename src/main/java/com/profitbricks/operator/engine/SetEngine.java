package com.profitbricks.operator.engine;

import com.profitbricks.client.PlannedWrite;
import com.profitbricks.client.ProfitBricksException;
import com.profitbricks.client.Rehearsal;
import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.metrics.OperatorMetrics;
import com.profitbricks.operator.status.Conditions;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import com.profitbricks.operator.tenancy.CredentialSet;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.MDC;

/**
 * How one kind's objects reached with one set of credentials are reconciled: a pass runs the gates
 * below in order until one decides how the object stands (references, the pending request, create
 * with intent recorded first, drift, conditions), and the finalizer runs {@link Deletion}. A
 * reconcile never waits for the cloud: it records where things stand and asks to be called again.
 * Everything here works with the set's one reader and client; {@link CloudReconcilerEngine} picks
 * the set.
 */
final class SetEngine<R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  private final OperatorMetrics metrics = OperatorMetrics.global();
  private final Parts<R, T> parts;
  private final Failures errors;
  private final Deletion<R, T> deletion;
  private final List<Gate<R, T>> gates;
  private final CredentialSet set;

  /** Told the uid of an object whose cleanup is over (it uses no credential set any more). */
  private final Consumer<String> forgotten;

  SetEngine(
      String kind,
      KindOps<R, T> ops,
      CloudReader reader,
      CredentialSet set,
      Consumer<String> forgotten,
      EventRecorder events,
      OperatorConfig config,
      Attempts attempts,
      SimpleInboundEventSource<R> requestEvents) {
    // every time the engine keeps is compared with times the cloud recorded (the request log's
    // createdDate): they are taken from the cloud's clock, not the host's
    Clock clock = reader.client().cloudClock();
    this.parts =
        new Parts<>(
            kind,
            ops,
            reader,
            events,
            config,
            clock,
            attempts,
            new Requests<>(reader, clock, requestEvents),
            new StatusWrites<>(),
            new Observations<>(ops, reader, config));
    Recovery<R, T> recovery = new Recovery<>(parts);
    this.set = set;
    this.forgotten = forgotten;
    this.errors = new Failures(kind, set.scope(), events, config);
    this.deletion = new Deletion<>(parts, recovery);
    this.gates = gates(parts, recovery);
  }

  /** The gates of a pass, in the order they run. */
  private static <R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus>
      List<Gate<R, T>> gates(Parts<R, T> parts, Recovery<R, T> recovery) {
    Preconditions<R, T> pre = new Preconditions<>(parts);
    InFlightRequest<R, T> request = new InFlightRequest<>(parts);
    Creation<R, T> creation = new Creation<>(parts, recovery);
    Convergence<R, T> converge = new Convergence<>(parts, creation);
    return List.of(
        pre::notPaused,
        pre::passRequested,
        pre::validSpec,
        pre::notStalledForGood,
        pre::parentReady,
        pre::parentUnchanged,
        request::finished,
        pre::referencesResolved,
        creation::adopted,
        creation::recovered,
        creation::created,
        converge::found,
        converge::notBusy,
        converge::noImmutableDrift,
        converge::propertiesMatch,
        converge::converged,
        converge::ready);
  }

  /**
   * A pass over the object; with {@code record}, its status records the set's scope and contract
   * while it has sent nothing (the pass of a paused object under other credentials records none).
   * no cloud resource yet.
   */
  UpdateControl<R> reconcile(R cr, Context<R> ctx, boolean record) {
    try {
      return Lookup.within(ctx, cr.getClass(), set.scope(), () -> reconcileStored(cr, ctx, record));
    } finally {
      MDC.remove(CloudReconcilerEngine.MDC_REQUEST);
      parts.reader().passDone();
      parts.reader().client().releaseTurn(); // a turn not used goes to the next writer
    }
  }

  /**
   * A pass whose status write met a newer stored status is made once more from the stored object
   * (which {@link StatusWrites} put in hand), so the write lands now instead of failing until the
   * informer catches up; a second such refusal waits a little, as any failure does.
   */
  private UpdateControl<R> reconcileStored(R cr, Context<R> ctx, boolean record) {
    try {
      return reconcileTraced(cr, ctx, record);
    } catch (StaleStatus first) {
      if (cr.isMarkedForDeletion()) {
        // the stored object is being deleted: its finalizer's cleanup takes it from here, never a
        // pass that might create what the delete is taking away
        return UpdateControl.<R>noUpdate()
            .rescheduleAfter(parts.attempts().backoff(cr, null).toMillis());
      }
      Log.debugf("%s; passing again", first.getMessage());
      try {
        return reconcileTraced(cr, ctx, record);
      } catch (StaleStatus again) {
        Log.infof("%s again; trying later", again.getMessage());
        return UpdateControl.<R>noUpdate()
            .rescheduleAfter(parts.attempts().backoff(cr, null).toMillis());
      }
    }
  }

  private UpdateControl<R> reconcileTraced(R cr, Context<R> ctx, boolean record) {
    parts.reader().passing();
    T before = cr.getStatus();
    T status = before == null ? parts.ops().newStatus() : parts.writes().copy(before);
    if (record) {
      recordCredentials(status);
    }
    boolean rehearsing = Previews.rehearsing(cr);
    if (!rehearsing) {
      status.setPlan(null); // a plan is shown only while writes are held
    }
    Pass<R, T> pass = new Pass<>(cr, ctx, before, status, generation(cr), rehearsing);
    Requests.trace(status.getRequest());
    if (viewAfterOwnRequestWillDo(cr, before, pass.generation)) {
      // woken by a neighbour that changed in Kubernetes, it may use a view read after its own last
      // request; a new spec and a Ready object's full re-read read afresh (a change somebody made
      // through the API has dropped the view already)
      CloudRequest last = status.getRequest();
      parts.reader().passFrom(last == null ? null : last.getId(), last != null);
    }
    Step step;
    try {
      step = rehearsing ? rehearsed(pass) : pass(pass);
    } catch (StaleStatus e) {
      throw e; // not a failure of the pass: it is made again from the stored status
    } catch (Lookup.OtherCredentials e) {
      step = new Step(Outcome.stalled(Reasons.INVALID_SPEC, e.getMessage()), null);
    } catch (ProfitBricksException e) {
      step = errors.step(cr, e, retryAfter -> parts.attempts().backoff(cr, retryAfter));
    } catch (RuntimeException e) {
      // handed to the SDK it would be retried a few times and then left until its maximum
      // reconciliation interval (10 h): backed off here like any failure instead
      step = errors.unexpected(cr, e, parts.attempts().backoff(cr, null));
    }
    if (step.outcome() == null) {
      // nothing changed (a terminal stall, or a write waiting for its turn): nothing is written
      return control(step);
    }
    step = deadline(cr, pass.generation, step);
    record(pass, step);
    return control(step);
  }

  /**
   * Writes an outcome decided before any gate (the object's credentials cannot be had, or are not
   * those of its cloud resource), with {@code next} as the step's wait.
   */
  UpdateControl<R> refuse(R cr, Context<R> ctx, Outcome outcome, Duration next) {
    T before = cr.getStatus();
    T status = before == null ? parts.ops().newStatus() : parts.writes().copy(before);
    Pass<R, T> pass = new Pass<>(cr, ctx, before, status, generation(cr), false);
    Step step = new Step(outcome, next);
    record(pass, step);
    return control(step);
  }

  private UpdateControl<R> control(Step step) {
    return step.next() == null
        ? UpdateControl.noUpdate()
        : UpdateControl.<R>noUpdate().rescheduleAfter(step.next().toMillis());
  }

  /**
   * Keeps with the resource the credentials and contract it is made with: a pass under others is
   * refused. A resource made before they were recorded learns its contract from its credentials.
   */
  private void recordCredentials(T status) {
    if (!CloudReconcilerEngine.sentAnything(status)) {
      status.setCredentials(set.scope());
      status.setContractNumber(set.contract());
    } else if (set.scope().equals(CloudReconcilerEngine.recordedScope(status))) {
      status.setCredentials(set.scope()); // made before it was recorded: the operator's
      if (status.getContractNumber() == null) {
        status.setContractNumber(set.contract());
      }
    }
  }

  /** The first gate that decides how the object stands. */
  private Step pass(Pass<R, T> pass) {
    for (Gate<R, T> gate : gates) {
      Step step = gate.check(pass);
      if (step != Gate.GO_ON) {
        return step;
      }
    }
    throw new IllegalStateException("the last gate always decides");
  }

  /**
   * A pass whose writes are held: the first write it would send is stopped before it leaves the
   * process and becomes status.plan; a pass that would send nothing says so there.
   */
  private Step rehearsed(Pass<R, T> p) {
    boolean observe = p.cr.getSpec().isObserveOnly();
    Step step;
    try {
      step = Rehearsal.run(() -> pass(p));
    } catch (PlannedWrite w) {
      p.dropUnsentIntent();
      p.status.setPlan(Previews.planned(p.generation, w));
      String call = p.status.getPlan().getSummary();
      if (p.status.getId() != null) {
        // a change in the cloud (the request log) or a neighbour wakes it, as a Ready object
        parts.reader().watch(p.group(parts.ops()), Attempts.uid(p.cr), parts.requests().wake(p.cr));
      }
      return new Step(
          observe
              ? Outcome.held(Reasons.DRIFTED, observedDifference(p) + "; Manage would send " + call)
              : Previews.heldByPreview("the next pass would send " + call, "send it"),
          parts.config().driftInterval());
    } catch (RuntimeException e) {
      p.dropUnsentIntent(); // a kind's step that failed before its send recorded an intent of it
      throw e;
    }
    if (step.outcome() == null) {
      return step;
    }
    boolean ready = step.outcome().kind() == Outcome.Kind.READY;
    p.status.setPlan(Previews.nothing(p.generation, ready, step.outcome().message()));
    if (ready && observe) {
      return new Step(
          Outcome.ready(
              step.outcome().message() + " (managementPolicy Observe: the operator only reads)"),
          step.next());
    }
    return step;
  }

  private String observedDifference(Pass<R, T> p) {
    String nothing = "managementPolicy Observe, nothing was sent: ";
    if (p.status.getId() == null) {
      return nothing + "no cloud resource is recorded or named by spec.adoptId";
    }
    if (p.observed == null) {
      return nothing + "the cloud no longer has " + parts.kind() + " " + p.status.getId();
    }
    if (p.drift != null && !p.drift.changed().isEmpty()) {
      return nothing + "the cloud differs from the spec in " + String.join(", ", p.drift.changed());
    }
    return nothing + (p.nextStep == null ? "the cloud differs from the spec" : p.nextStep);
  }

  /** Writes the step's outcome as conditions, metrics and events; only progress resets backoff. */
  private void record(Pass<R, T> pass, Step step) {
    R cr = pass.cr;
    T status = pass.status;
    if (step.outcome().kind() == Outcome.Kind.READY
        || Reasons.PROGRESS.contains(step.outcome().reason())) {
      // a 404 on a parent, a 5xx, a refused PATCH that comes back each time all wait longer and
      // longer
      parts.attempts().progressed(cr);
    }
    Conditions.apply(status, pass.generation, step.outcome(), parts.clock());
    metrics.objectState(
        Attempts.uid(cr),
        cr.getKind(),
        status.condition(Conditions.READY).map(c -> c.getStatus()).orElse("Unknown"),
        Conditions.reason(status, Conditions.READY));
    announce(cr, pass.before, status);
    parts.writes().persist(cr, pass.ctx, status);
  }

  /**
   * A wait for a reference that outlasts {@code profitbricks.progress-deadline} becomes Stalled (so
   * kubectl wait, Flux and Argo CD stop waiting and say why), still looked at on the same schedule.
   * In memory: a restart gives the reference a new deadline, the patient side.
   */
  private Step deadline(R cr, long generation, Step step) {
    Outcome o = step.outcome();
    if (o.kind() != Outcome.Kind.PROGRESSING || !Reasons.DEPENDENCY_NOT_READY.equals(o.reason())) {
      parts.attempts().notWaiting(cr);
      return step;
    }
    Instant now = Instant.now(parts.clock());
    Duration waited = Duration.between(parts.attempts().waitingSince(cr, generation, now), now);
    if (waited.compareTo(parts.config().progressDeadline()) < 0) {
      return step;
    }
    return new Step(
        Outcome.stalled(
            o.reason(),
            o.message()
                + "; still waiting after "
                + waited.truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase()
                + " (profitbricks.progress-deadline): create or fix the reference; this object"
                + " goes on as soon as it is there"),
        step.next());
  }

  /** Events on transitions of Ready, not on every reconcile. */
  private void announce(R cr, T before, T after) {
    String was = Conditions.reason(before, Conditions.READY);
    boolean wasReady = Conditions.isTrue(before, Conditions.READY);
    boolean isReady = Conditions.isTrue(after, Conditions.READY);
    String reason = Conditions.reason(after, Conditions.READY);
    String kind = parts.kind();
    if (isReady && !wasReady) {
      parts.events().normal(cr, "Ready", kind + " " + after.getId() + " is ready");
    } else if (!isReady && Reasons.IMMUTABLE_FIELD_CHANGED.equals(reason) && !reason.equals(was)) {
      parts
          .events()
          .warning(
              cr,
              "ImmutableFieldChanged",
              after.condition(Conditions.READY).map(c -> c.getMessage()).orElse(""));
    }
  }

  DeleteControl cleanup(R cr, Context<R> ctx) {
    Incarnations.Stored stored = Incarnations.stored(cr, ctx);
    if (stored == Incarnations.Stored.UNKNOWN) {
      return DeleteControl.noFinalizerRemoval()
          .rescheduleAfter(parts.attempts().backoff(cr, null).toMillis());
    }
    if (stored != Incarnations.Stored.SAME) {
      // an object already gone, handed again from a cache: nothing of it is left to clean up, and
      // a new object of its name is not touched (see Incarnations); that one is looked at afresh
      forget(cr);
      return stored == Incarnations.Stored.GONE
          ? DeleteControl.noFinalizerRemoval()
          : DeleteControl.noFinalizerRemoval()
              .rescheduleAfter(parts.config().poll().initial().toMillis());
    }
    parts.reader().passing();
    DeleteControl control = Lookup.within(ctx, cr.getClass(), () -> deletion.cleanup(cr, ctx));
    if (control.isRemoveFinalizer()) {
      forget(cr);
    }
    return control;
  }

  /** The object is gone: nothing of it is kept. */
  void forget(R cr) {
    forgotten.accept(Attempts.uid(cr));
    metrics.forget(Attempts.uid(cr));
    parts.reader().unwatch(Attempts.uid(cr));
    parts.observations().forget(cr);
    parts.attempts().forget(cr);
    parts.reader().limits().forget(Attempts.uid(cr));
  }

  private boolean viewAfterOwnRequestWillDo(R cr, CommonStatus before, long generation) {
    return before != null
        && java.util.Objects.equals(before.getObservedGeneration(), generation)
        && !(Conditions.isTrue(before, Conditions.READY) && parts.observations().resyncDue(cr));
  }

  private static long generation(CustomResource<?, ?> cr) {
    return CloudReconcilerEngine.generation(cr);
  }
}
