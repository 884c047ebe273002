package com.profitbricks.operator.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.profitbricks.client.AmbiguousWriteException;
import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.ProfitBricksException;
import com.profitbricks.client.model.RequestStatus;
import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.metrics.OperatorMetrics;
import com.profitbricks.operator.status.Conditions;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;

/**
 * How every kind is reconciled (DESIGN.md, "How a reconcile goes"): references, the pending
 * request, create with intent recorded first, drift, conditions, and the finalizer. A reconcile
 * never waits for the cloud: it records where things stand and asks to be called again.
 */
public final class CloudReconcilerEngine<
    R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  /** The one finalizer of every kind; never renamed (objects in clusters carry it). */
  public static final String FINALIZER = "profitbricks.com/finalizer";

  /** Annotation that stops every cloud call for an object. */
  public static final String PAUSED = "profitbricks.com/paused";

  /**
   * Annotation whose new value asks for a pass now (any value, a timestamp by convention, like
   * Flux's reconcile.fluxcd.io/requestedAt): a stalled object is tried again, backoff and repeat
   * counts start over and the cloud is read afresh, with no spec change. The value handled is
   * written to status.lastHandledReconcileAt.
   */
  public static final String RECONCILE_REQUESTED = "profitbricks.com/reconcile-requested-at";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Log context key of the cloud request a pass is about, beside the operator SDK's keys. */
  public static final String MDC_REQUEST = "profitbricks.request";

  private final OperatorMetrics metrics = OperatorMetrics.global();

  private final SimpleInboundEventSource<R> requestEvents =
      new SimpleInboundEventSource<>("cloud-requests");

  private final KindOps<R, T> ops;
  private final CloudReader reader;
  private final EventRecorder events;
  private final OperatorConfig config;
  private final Clock clock;
  private final String kind;
  private final Recovery<R, T> recovery;
  private final Deletion<R, T> deletion;
  private final Failures errors;

  /**
   * Consecutive transient failures per object UID, for backoff. In memory: a restart retries soon.
   */
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  /**
   * Mutations sent per object since it was last Ready, by what they were meant to do. The cloud may
   * accept a change and keep its own value (it sorts addresses, fills in a port range): the same
   * mutation is not sent a third time, and a race refused with 422 is not retried for ever.
   */
  private final Map<String, Map<String, Integer>> sent = new ConcurrentHashMap<>();

  /** Since when each object (by UID) has been waiting for a reference, and for which generation. */
  private final Map<String, Wait> waiting = new ConcurrentHashMap<>();

  private record Wait(long generation, Instant since) {}

  /** How often one mutation is sent, or a 422 of a follow-up step retried, before stalling. */
  static final int MAX_REPEATS = 2;

  public CloudReconcilerEngine(
      String kind,
      KindOps<R, T> ops,
      CloudReader reader,
      EventRecorder events,
      OperatorConfig config,
      Clock clock) {
    this.kind = kind;
    this.ops = ops;
    this.reader = reader;
    this.events = events;
    this.config = config;
    this.clock = clock;
    this.recovery = new Recovery<>(kind, ops, reader, events, config, clock);
    this.errors = new Failures(kind, events, config);
    this.deletion = new Deletion<>(this, kind, ops, reader, events, config, recovery, clock);
  }

  // ================================================================ reconcile

  public UpdateControl<R> reconcile(R cr, Context<R> ctx) {
    try {
      return Lookup.within(ctx, cr.getClass(), () -> reconcileTraced(cr, ctx));
    } finally {
      MDC.remove(MDC_REQUEST);
    }
  }

  private UpdateControl<R> reconcileTraced(R cr, Context<R> ctx) {
    T before = cr.getStatus();
    T status = before == null ? ops.newStatus() : copy(before);
    long generation = generation(cr);
    trace(status.getRequest());
    Step step;
    try {
      step = pass(cr, ctx, status, before, generation);
    } catch (ProfitBricksException e) {
      step = errors.step(cr, e, retryAfter -> backoff(cr, retryAfter));
    }
    if (step == null) {
      return UpdateControl
          .noUpdate(); // terminal state of this generation: nothing to do, no calls made
    }
    step = deadline(cr, generation, step);
    if (step.outcome().kind() == Outcome.Kind.READY
        || Reasons.PROGRESS.contains(step.outcome().reason())) {
      // only progress resets the backoff: a 404 on a parent, a 5xx, a refused PATCH that comes
      // back each time all wait longer and longer
      failures.remove(uid(cr));
    }
    Conditions.apply(status, generation, step.outcome(), clock);
    metrics.objectState(
        uid(cr),
        cr.getKind(),
        status.condition(Conditions.READY).map(c -> c.getStatus()).orElse("Unknown"),
        Conditions.reason(status, Conditions.READY));
    announce(cr, before, status);
    persist(cr, ctx, status);
    return step.next() == null
        ? UpdateControl.noUpdate()
        : UpdateControl.<R>noUpdate().rescheduleAfter(step.next().toMillis());
  }

  /**
   * A wait for a reference that outlasts {@code profitbricks.progress-deadline} becomes Stalled (so
   * kubectl wait, Flux and Argo CD stop waiting and say why), still looked at on the same schedule.
   * In memory: a restart gives the reference a new deadline, the patient side.
   */
  private Step deadline(R cr, long generation, Step step) {
    Outcome o = step.outcome();
    if (o.kind() != Outcome.Kind.PROGRESSING || !Reasons.DEPENDENCY_NOT_READY.equals(o.reason())) {
      waiting.remove(uid(cr));
      return step;
    }
    Instant now = Instant.now(clock);
    Wait w =
        waiting.compute(
            uid(cr),
            (k, v) -> v == null || v.generation() != generation ? new Wait(generation, now) : v);
    Duration waited = Duration.between(w.since(), now);
    if (waited.compareTo(config.progressDeadline()) < 0) {
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

  private Step pass(R cr, Context<R> ctx, T status, T before, long generation) {
    if (isPaused(cr)) {
      // removing the annotation wakes the object (Wakeups); the drift interval is a backstop
      return new Step(Outcome.paused(), config.driftInterval());
    }
    String requested = Wakeups.annotation(cr, RECONCILE_REQUESTED);
    boolean retryNow = requested != null && !requested.equals(status.getLastHandledReconcileAt());
    if (retryNow) {
      status.setLastHandledReconcileAt(requested);
      failures.remove(uid(cr));
      sent.remove(uid(cr));
      if (status.getId() != null) {
        reader.invalidate(ops.datacenterOf(ops.recordedParent(status), status.getId()));
      }
      events.normal(cr, "ReconcileRequested", "A pass was requested (" + requested + ")");
    }
    String invalid = ops.validate(cr);
    if (invalid != null) {
      return new Step(Outcome.stalled(Reasons.INVALID_SPEC, invalid), null);
    }
    if (!retryNow
        && before != null
        && Objects.equals(before.getObservedGeneration(), generation)
        && Conditions.isTrue(before, Conditions.STALLED)
        && Reasons.TERMINAL.contains(Conditions.reason(before, Conditions.STALLED))) {
      return null;
    }
    KindOps.Parent parent = ops.parent(cr, status);
    if (!parent.isReady()) {
      // a parent object wakes its children itself; the drift interval catches the rest (a Secret)
      return new Step(
          Outcome.progressing(Reasons.DEPENDENCY_NOT_READY, parent.waitingFor()),
          config.driftInterval());
    }
    String parentId = parent.id();
    String movedFrom = status.getId() == null ? null : ops.parentDrift(status, parentId);
    String former = movedFrom == null ? null : ops.recordedParent(status);
    if (former != null && observeFresh(cr, former, status.getId()).isEmpty()) {
      // nothing to move and nothing left behind: the resource went with its former parent
      events.warning(
          cr,
          "Vanished",
          kind
              + " "
              + status.getId()
              + " went with its former parent "
              + former
              + "; creating it in "
              + parentId);
      status.setId(null);
      status.setState(null);
      movedFrom = null;
    }
    if (movedFrom != null) {
      return new Step(
          Outcome.stalled(
              Reasons.IMMUTABLE_FIELD_CHANGED,
              "Immutable fields differ, nothing was sent: "
                  + movedFrom
                  + ". Restore the spec, or create a new object"),
          config.driftInterval());
    }

    CloudRequest req = status.getRequest();
    if (req != null && req.getId() != null && req.isInFlight()) {
      Step waiting = followRequest(cr, status, req, parentId);
      if (waiting != null) {
        return waiting;
      }
    }

    Outcome unresolved = ops.references(cr, status);
    if (unresolved != null) {
      // informers wake a wait on a LAN, IP block or volume; a Secret has none, so look again
      // after poll.max (Kubernetes reads only, no cloud call) rather than a whole drift interval
      return new Step(
          unresolved, unresolved.kind() == Outcome.Kind.STALLED ? null : config.poll().max());
    }

    if (status.getId() == null) {
      String adopt = cr.getSpec().getAdoptId();
      if (adopt != null) {
        if (ops.observe(cr, parentId, adopt).isEmpty()) {
          return new Step(
              Outcome.stalled(
                  Reasons.ADOPT_TARGET_NOT_FOUND,
                  "spec.adoptId " + adopt + " names no " + kind + " in the cloud"),
              null);
        }
        status.setId(adopt);
        events.normal(cr, "Adopted", "Adopted existing " + kind + " " + adopt);
      } else {
        req = status.getRequest();
        if (isUnansweredCreate(req)) {
          Step recovering = recovery.recover(cr, ctx, status, parentId, parse(req.getStartedAt()));
          if (recovering != null) {
            return recovering;
          }
        }
        if (status.getId() == null) {
          if (parentId != null && !ops.parentExists(parentId)) {
            return new Step(
                Outcome.progressing(
                    Reasons.DEPENDENCY_NOT_READY,
                    "The parent "
                        + parentId
                        + " of this "
                        + kind
                        + " does not exist in the cloud; nothing was sent"),
                backoff(cr, null));
          }
          return create(cr, ctx, status, parentId, generation);
        }
      }
    }

    Optional<KindOps.Observed<?>> seen = ops.observe(cr, parentId, status.getId());
    if (seen.isEmpty()) {
      // creating again is not undone: decide it on a read made now, not on a shared view
      seen = observeFresh(cr, parentId, status.getId());
    }
    if (seen.isEmpty()) {
      if (cr.getSpec().getAdoptId() != null) {
        return new Step(
            Outcome.stalled(
                Reasons.ADOPT_TARGET_NOT_FOUND,
                kind + " " + status.getId() + " no longer exists in the cloud"),
            null);
      }
      events.warning(
          cr,
          "Vanished",
          kind + " " + status.getId() + " no longer exists in the cloud; creating it again");
      status.setId(null);
      status.setState(null);
      return new Step(
          Outcome.progressing(
              Reasons.CREATING, kind + " no longer exists in the cloud; creating it again"),
          Duration.ZERO.plusMillis(1));
    }
    KindOps.Observed<?> observed = seen.get();
    status.setState(observed.state());
    ops.recordParent(status, parentId);
    ops.recordOutputs(cr, status, observed, parentId);
    if ("BUSY".equals(observed.state())) {
      // BUSY with a request this operator follows (a NIC added to the server, an attach): woken
      // when a request of the datacenter ends, poll.max a backstop; else looked at on poll.initial
      boolean ours =
          reader.wakeWhenGroupMoves(ops.datacenterOf(parentId, status.getId()), wake(cr));
      return new Step(
          Outcome.progressing(
              Reasons.RESOURCE_BUSY, kind + " " + status.getId() + " is BUSY in the cloud"),
          ours ? config.poll().max() : config.poll().initial());
    }
    Drift<?> drift = ops.diff(cr, status, observed);
    if (!drift.immutable().isEmpty()) {
      return new Step(
          Outcome.stalled(
              Reasons.IMMUTABLE_FIELD_CHANGED,
              "Immutable fields differ, nothing was sent: "
                  + String.join("; ", drift.immutable())
                  + ". Restore the spec, or create a new object"),
          config.driftInterval());
    }
    if (drift.patch() != null) {
      if (repeated(cr, generation, "PATCH " + String.join(", ", drift.changed()))) {
        return notTaken(cr, "PATCH of " + String.join(", ", drift.changed()));
      }
      String rid = ops.patch(cr, parentId, status.getId(), drift);
      reader.invalidate(ops.datacenterOf(parentId, status.getId()));
      queued(cr, status, rid, "UPDATE", ops.datacenterOf(parentId, status.getId()));
      events.normal(
          cr,
          "Updating",
          "Updating "
              + String.join(", ", drift.changed())
              + " of "
              + kind
              + " "
              + status.getId()
              + " (request "
              + rid
              + ")");
      return new Step(
          Outcome.progressing(
              Reasons.UPDATING,
              "Updating " + String.join(", ", drift.changed()) + " (request " + rid + ")"),
          config.poll().initial());
    }
    Optional<KindOps.Action> action;
    try {
      action = ops.converge(cr, parentId, status.getId(), observed);
    } catch (CloudApiException e) {
      if (e.httpStatus() != 422 || repeated(cr, generation, "422 " + e.apiMessage())) {
        throw e;
      }
      // a follow-up step (attach, a rule, an inline item) refused as invalid is often a race
      // with another change ("already attached"): looked at again a few times before stalling
      return new Step(
          Outcome.progressing(
              Reasons.CLOUD_REJECTED,
              "The cloud refused a step (" + e.apiMessage() + "); trying again in case of a race"),
          backoff(cr, null));
    }
    if (action.isPresent() && action.get().isWaiting()) {
      // the referenced object's informer wakes this one; the drift interval catches the rest
      return new Step(
          Outcome.progressing(Reasons.DEPENDENCY_NOT_READY, action.get().description()),
          config.driftInterval());
    }
    if (action.isPresent()) {
      KindOps.Action a = action.get();
      if (repeated(cr, generation, a.action() + " " + a.description())) {
        return notTaken(cr, a.description());
      }
      reader.invalidate(ops.datacenterOf(parentId, status.getId()));
      queued(cr, status, a.requestId(), a.action(), ops.datacenterOf(parentId, status.getId()));
      events.normal(cr, "Updating", a.description() + " (request " + a.requestId() + ")");
      return new Step(
          Outcome.progressing(
              Reasons.UPDATING, a.description() + " (request " + a.requestId() + ")"),
          config.poll().initial());
    }
    sent.remove(uid(cr));
    return new Step(
        Outcome.ready(kind + " " + status.getId() + " is AVAILABLE and matches the spec"),
        driftDelay(ops.datacenterOf(parentId, status.getId())));
  }

  /**
   * Counts a mutation about to be sent; true when this generation already sent it {@link
   * #MAX_REPEATS} times since the object was last Ready, each time taken by the cloud.
   */
  private boolean repeated(R cr, long generation, String what) {
    Map<String, Integer> counts = sent.computeIfAbsent(uid(cr), k -> new ConcurrentHashMap<>());
    return counts.merge(generation + " " + what, 1, Integer::sum) > MAX_REPEATS;
  }

  private Step notTaken(R cr, String what) {
    String message =
        "The cloud took the "
            + what
            + " "
            + MAX_REPEATS
            + " times but keeps its own value, so it is not sent again: set the spec to what"
            + " the cloud reports, or change the spec to try again";
    events.warning(cr, "UpdateNotApplied", message);
    return new Step(Outcome.stalled(Reasons.UPDATE_NOT_APPLIED, message), null);
  }

  /** Polls the object's in-flight request; null when it is finished and the pass goes on. */
  private Step followRequest(R cr, T status, CloudRequest req, String parentId) {
    RequestStatus rs;
    try {
      rs = reader.requestStatus(req.getId(), wake(cr));
    } catch (CloudApiException.NotFoundException e) {
      req.setStatus(CloudRequest.LOST);
      req.setMessage(
          "The cloud no longer knows this request; the resource itself was checked instead");
      req.setUpdatedAt(now());
      return null;
    }
    String state = rs.state().name();
    if (!state.equals(req.getStatus())) {
      req.setStatus(state);
      req.setUpdatedAt(now());
    }
    if (rs.state().isFinal()) {
      metrics.requestFinished(
          cr.getKind(),
          req.getAction(),
          state,
          Duration.between(parse(req.getStartedAt()), Instant.now(clock)));
    }
    switch (rs.state()) {
      case DONE -> {
        req.setMessage(rs.message());
        // what the request changed is seen on the next read, not a view from before it
        reader.invalidate(ops.datacenterOf(parentId, status.getId()));
        return null;
      }
      case FAILED -> {
        req.setMessage(rs.message());
        boolean own = "CREATE".equals(req.getAction()) || "UPDATE".equals(req.getAction());
        if ("CREATE".equals(req.getAction())) {
          // only the object's own create failing means there is no resource; a failed
          // sub-resource request (a volume, NIC or rule added later) leaves the object's id
          status.setId(null);
          status.setState(null);
        } else if (!own && !repeated(cr, generation(cr), "FAILED " + req.getAction())) {
          // a follow-up step that failed (often capacity for a moment) is tried again a few
          // times with backoff before the object stalls
          return new Step(
              Outcome.progressing(
                  Reasons.REQUEST_FAILED,
                  req.getAction()
                      + " request "
                      + req.getId()
                      + " failed: "
                      + rs.message()
                      + "; trying again"),
              backoff(cr, null));
        }
        events.warning(
            cr,
            "RequestFailed",
            req.getAction() + " request " + req.getId() + " failed: " + rs.message());
        return new Step(
            Outcome.stalled(
                Reasons.REQUEST_FAILED,
                req.getAction()
                    + " request "
                    + req.getId()
                    + " failed: "
                    + rs.message()
                    + ". Change the spec (or re-apply it with a new generation) to try again"),
            null);
      }
      default -> {
        // the request tracker wakes the object when the request moves or ends; this is a backstop
        return new Step(
            Outcome.progressing(
                Reasons.WAITING_FOR_REQUEST,
                req.getAction() + " request " + req.getId() + " is " + state),
            config.poll().max());
      }
    }
  }

  private Step create(R cr, Context<R> ctx, T status, String parentId, long generation) {
    String now = now();
    // the intent goes to the API server before the POST: a restart in between then looks the
    // resource up instead of creating a second one
    status.setRequest(new CloudRequest(null, "CREATE", CloudRequest.PENDING, null, now, now));
    Conditions.apply(
        status, generation, Outcome.progressing(Reasons.CREATING, "Creating " + kind), clock);
    persist(cr, ctx, status);
    KindOps.Created created;
    try {
      created = ops.create(cr, parentId, reader.client().onBehalfOf(Recovery.marker(cr)));
    } catch (AmbiguousWriteException e) {
      status
          .getRequest()
          .setMessage(
              "The cloud's answer to the create was lost; looking the resource up before creating again");
      return new Step(
          Outcome.progressing(
              Reasons.CLOUD_API_UNAVAILABLE,
              "The cloud's answer to the create was lost; looking the resource up"),
          config.poll().initial());
    } catch (ProfitBricksException e) {
      // any other failure says the cloud did not take the POST (a 4xx, a 429, no connection):
      // there is nothing to look for, and the next attempt may create at once
      status.setRequest(null);
      throw e;
    }
    reader.invalidate(ops.datacenterOf(parentId, created.id()));
    status.setId(created.id());
    ops.recordParent(status, parentId);
    ops.recordCreated(cr, status);
    status.setState("BUSY");
    follow(
        cr,
        status,
        new CloudRequest(created.requestId(), "CREATE", "QUEUED", null, now, now()),
        ops.datacenterOf(parentId, created.id()));
    Conditions.apply(
        status,
        generation,
        Outcome.progressing(Reasons.CREATING, "Creating " + kind + " " + created.id()),
        clock);
    persist(cr, ctx, status);
    events.normal(
        cr,
        "Creating",
        "Creating " + kind + " " + created.id() + " (request " + created.requestId() + ")");
    return new Step(
        Outcome.progressing(
            Reasons.CREATING,
            "Creating " + kind + " " + created.id() + " (request " + created.requestId() + ")"),
        config.poll().initial());
  }

  // ================================================================ cleanup

  public DeleteControl cleanup(R cr, Context<R> ctx) {
    DeleteControl control = Lookup.within(ctx, cr.getClass(), () -> deletion.cleanup(cr, ctx));
    if (control.isRemoveFinalizer()) {
      metrics.forget(uid(cr));
      failures.remove(uid(cr));
      sent.remove(uid(cr));
      waiting.remove(uid(cr));
    }
    return control;
  }

  // ================================================================ helpers

  /** Writes the status when it changed, JSON merge patch, keeping JOSDK's cache consistent. */
  void persist(R cr, Context<R> ctx, T status) {
    if (Objects.equals(cr.getStatus(), status) || sameContent(cr.getStatus(), status)) {
      return;
    }
    T toWrite = copy(status);
    // A JSON Patch from the status in hand to the new one, through JOSDK so that the next
    // reconcile reads this write even before the informer has seen it (no duplicate creates).
    // Not server-side apply (DESIGN.md), and not a JSON merge patch: the Fabric8 mock API server
    // of the tests appends arrays on a merge patch, so conditions would pile up there.
    R written =
        ctx.resourceOperations()
            .jsonPatchPrimaryStatus(
                copyResource(cr),
                c -> {
                  c.setStatus(toWrite);
                  return c;
                });
    cr.setStatus(written.getStatus() == null ? toWrite : written.getStatus());
    cr.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
  }

  /**
   * Equal but for nulls, empty lists and absent fields: the API server may give back a list the
   * operator wrote empty as absent (and the other way round), and a write of that difference alone
   * changes nothing but the object's resourceVersion.
   */
  static boolean sameContent(Object a, Object b) {
    return a != null
        && b != null
        && pruned(JSON.valueToTree(a)).equals(pruned(JSON.valueToTree(b)));
  }

  private static com.fasterxml.jackson.databind.JsonNode pruned(
      com.fasterxml.jackson.databind.JsonNode n) {
    if (n.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
      n.fields()
          .forEachRemaining(
              e -> {
                com.fasterxml.jackson.databind.JsonNode v = pruned(e.getValue());
                if (!v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
                  o.set(e.getKey(), v);
                }
              });
      return o;
    }
    if (n.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode a = JSON.createArrayNode();
      n.forEach(x -> a.add(pruned(x)));
      return a;
    }
    return n;
  }

  /** Events on transitions of Ready, not on every reconcile. */
  private void announce(R cr, T before, T after) {
    String was = Conditions.reason(before, Conditions.READY);
    boolean wasReady = Conditions.isTrue(before, Conditions.READY);
    boolean isReady = Conditions.isTrue(after, Conditions.READY);
    String reason = Conditions.reason(after, Conditions.READY);
    if (isReady && !wasReady) {
      events.normal(cr, "Ready", kind + " " + after.getId() + " is ready");
    } else if (!isReady && Reasons.IMMUTABLE_FIELD_CHANGED.equals(reason) && !reason.equals(was)) {
      events.warning(
          cr,
          "ImmutableFieldChanged",
          after.condition(Conditions.READY).map(c -> c.getMessage()).orElse(""));
    }
  }

  /**
   * When to compare with the cloud again. Objects of one read group (a datacenter and what is in
   * it, or all IP blocks) are woken on the same grid points, so one shared read serves them all:
   * the steady-state cost is per datacenter and drift interval, not per object.
   */
  Duration driftDelay(String group) {
    long interval = config.driftInterval().toMillis();
    if (group == null || interval <= 0) {
      return config.driftInterval();
    }
    long offset = Math.floorMod(group.hashCode(), interval);
    long now = clock.millis();
    long delay = Math.floorDiv(now - offset, interval) * interval + interval + offset - now;
    return Duration.ofMillis(delay < interval / 2 ? delay + interval : delay);
  }

  /** The resource as the cloud has it now: the shared view is dropped first. */
  Optional<KindOps.Observed<?>> observeFresh(R cr, String parentId, String id) {
    reader.invalidate(ops.datacenterOf(parentId, id));
    return ops.observe(cr, parentId, id);
  }

  /** A create whose answer never arrived: sent (or maybe sent) but no id recorded. */
  static boolean isUnansweredCreate(CloudRequest req) {
    return req != null
        && "CREATE".equals(req.getAction())
        && (CloudRequest.PENDING.equals(req.getStatus())
            || CloudRequest.LOST.equals(req.getStatus()));
  }

  /**
   * Records a mutation the cloud just accepted as the object's latest request, and has it followed:
   * the object is woken when it ends.
   */
  void queued(R cr, T status, String requestId, String action, String group) {
    String now = now();
    follow(cr, status, new CloudRequest(requestId, action, "QUEUED", null, now, now), group);
  }

  /** Records the request in status and the log context, and has the request tracker follow it. */
  private void follow(R cr, T status, CloudRequest req, String group) {
    status.setRequest(req);
    trace(req);
    if (req.getId() != null) {
      reader.track(req.getId(), group, wake(cr));
    }
  }

  /**
   * The operator SDK event source that wakes an object whose cloud request ended: each reconciler
   * registers it beside its informers.
   */
  public EventSource<Void, R> requestEvents() {
    return requestEvents;
  }

  /** Reconciles the object now (its request ended), instead of at its next poll step. */
  Runnable wake(R cr) {
    ResourceID id = ResourceID.fromResource(cr);
    return () -> {
      try {
        requestEvents.propagateEvent(id);
      } catch (RuntimeException e) {
        // not started yet or stopping: the object's own schedule still looks
      }
    };
  }

  /** Puts the request's id in the log context: each line of this pass then names it. */
  private static void trace(CloudRequest req) {
    if (req != null && req.getId() != null) {
      MDC.put(MDC_REQUEST, req.getId());
    }
  }

  Duration backoff(R cr, Duration retryAfter) {
    int n = failures.merge(uid(cr), 1, Integer::sum);
    Duration d = config.backoff().initial().multipliedBy(1L << Math.min(16, n - 1));
    if (d.compareTo(config.backoff().max()) > 0) {
      d = config.backoff().max();
    }
    return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
  }

  Instant parse(String when) {
    try {
      return when == null ? Instant.now(clock) : Instant.parse(when);
    } catch (DateTimeParseException e) {
      return Instant.now(clock);
    }
  }

  String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  public static boolean isPaused(CustomResource<?, ?> cr) {
    return cr.getMetadata().getAnnotations() != null
        && "true".equalsIgnoreCase(cr.getMetadata().getAnnotations().get(PAUSED));
  }

  static long generation(CustomResource<?, ?> cr) {
    return cr.getMetadata().getGeneration() == null ? 0 : cr.getMetadata().getGeneration();
  }

  private static String uid(CustomResource<?, ?> cr) {
    return cr.getMetadata().getUid() == null
        ? cr.getMetadata().getNamespace() + "/" + cr.getMetadata().getName()
        : cr.getMetadata().getUid();
  }

  @SuppressWarnings("unchecked")
  private R copyResource(R cr) {
    return (R) JSON.convertValue(cr, cr.getClass());
  }

  @SuppressWarnings("unchecked")
  T copy(T status) {
    return (T) JSON.convertValue(status, status.getClass());
  }
}
