package com.profitbricks.operator.engine;

import com.profitbricks.client.AmbiguousWriteException;
import com.profitbricks.client.ProfitBricksException;
import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.ContractLimits;
import com.profitbricks.operator.cloud.Demand;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.status.Conditions;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Clock;
import java.util.Optional;

/**
 * The gates of an object without a resource yet: adopt the one spec.adoptId names, find what an
 * earlier create whose answer was lost made, or create, recording the intent before the POST and
 * the id right after it.
 */
final class Creation<R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
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

  Creation(Parts<R, T> parts, Recovery<R, T> recovery) {
    this.recovery = recovery;
    this.kind = parts.kind();
    this.ops = parts.ops();
    this.reader = parts.reader();
    this.events = parts.events();
    this.config = parts.config();
    this.clock = parts.clock();
    this.attempts = parts.attempts();
    this.requests = parts.requests();
    this.writes = parts.writes();
  }

  /** Takes over the resource spec.adoptId names, which must exist. */
  Step adopted(Pass<R, T> p) {
    String adopt = p.cr.getSpec().getAdoptId();
    if (p.status.getId() != null || adopt == null) {
      return Gate.GO_ON;
    }
    if (ops.observe(p.cr, p.parentId, adopt).isEmpty()) {
      return new Step(
          Outcome.stalled(
              Reasons.ADOPT_TARGET_NOT_FOUND,
              "spec.adoptId " + adopt + " names no " + kind + " in the cloud"),
          null);
    }
    p.status.setId(adopt);
    events.normal(p.cr, "Adopted", "Adopted existing " + kind + " " + adopt);
    return Gate.GO_ON;
  }

  /** A create whose answer was lost: what it made is looked for before anything is created. */
  Step recovered(Pass<R, T> p) {
    CloudRequest req = p.status.getRequest();
    if (p.status.getId() != null || !Requests.isUnansweredCreate(req)) {
      return Gate.GO_ON;
    }
    Step recovering = recovery.recover(p.cr, p.ctx, p.status, p.parentId, req);
    return recovering == null ? Gate.GO_ON : recovering;
  }

  /** Creates the resource when there is none, once the parent the spec names exists. */
  Step created(Pass<R, T> p) {
    if (p.status.getId() != null) {
      return Gate.GO_ON;
    }
    return createUnderParent(p);
  }

  /**
   * The create, once the parent the spec names exists; in a rehearsed pass the same checks and the
   * same create, stopped before it is sent (it comes back as a PlannedWrite).
   */
  Step createUnderParent(Pass<R, T> p) {
    if (p.parentId != null && !ops.parentExists(p.parentId)) {
      return new Step(
          Outcome.progressing(
              Reasons.DEPENDENCY_NOT_READY,
              "The parent "
                  + p.parentId
                  + " of this "
                  + kind
                  + " does not exist in the cloud; nothing was sent"),
          attempts.backoff(p.cr, null));
    }
    Step over = overLimit(p, ops.demand(p.cr, p.status, null));
    if (over != null) {
      return over;
    }
    if (p.rehearsing) {
      // no turn and no intent, since nothing goes out
      send(p);
      throw new IllegalStateException(kind + "'s create sent no request");
    }
    return create(p);
  }

  /**
   * Null when what the next write adds fits the contract's resource limits; else the step that
   * holds the object with nothing sent: Stalled when the spec alone is over a limit (looked at
   * again after the drift interval, in case the limits are raised or capacity freed), waiting when
   * it only does not fit beside writes other objects have on their way.
   */
  Step overLimit(Pass<R, T> p, Demand demand) {
    Optional<ContractLimits.Refusal> refused =
        reader.limits().admit(Attempts.uid(p.cr), demand, !p.rehearsing);
    if (refused.isEmpty()) {
      return null;
    }
    String message = refused.get().message();
    return refused.get().waiting()
        ? new Step(
            Outcome.progressing(
                Reasons.CONTRACT_LIMIT, message + "; waiting for those writes to end"),
            config.poll().max())
        : new Step(
            Outcome.stalled(
                Reasons.CONTRACT_LIMIT,
                message + ". Lower the spec, free capacity, or have the contract's limits raised"),
            config.driftInterval());
  }

  private KindOps.Created send(Pass<R, T> p) {
    return ops.create(p.cr, p.parentId, reader.client().onBehalfOf(Recovery.marker(p.cr)));
  }

  private Step create(Pass<R, T> p) {
    if (!requests.turn(p.cr, ops.datacenterOf(p.parentId, null))) {
      return Step.queued(config.poll().max()); // before the intent: nothing is sent meanwhile
    }
    T status = p.status;
    reader.syncClock(); // the intent's time is searched for in the cloud's request log
    String now = requests.now();
    // the intent goes to the API server before the POST: a restart in between then looks the
    // resource up instead of creating a second one
    status.setRequest(new CloudRequest(null, "CREATE", CloudRequest.PENDING, null, now, now));
    Conditions.apply(
        status, p.generation, Outcome.progressing(Reasons.CREATING, "Creating " + kind), clock);
    writes.persist(p.cr, p.ctx, status);
    KindOps.Created created;
    try {
      created = send(p);
    } catch (AmbiguousWriteException e) {
      // the send has ended now: the recovery window counts from here, not from the intent
      status.getRequest().setUpdatedAt(requests.now());
      status
          .getRequest()
          .setMessage(
              "The cloud's answer to the create was lost; looking the resource up before creating"
                  + " again");
      return new Step(
          Outcome.progressing(
              Reasons.CLOUD_API_UNAVAILABLE,
              "The cloud's answer to the create was lost; looking the resource up"),
          config.poll().initial());
    } catch (ProfitBricksException e) {
      // any other failure says the cloud did not take the POST (a 4xx, a 429, no connection):
      // there is nothing to look for, and the next attempt may create at once
      status.setRequest(null);
      reader.limits().forget(Attempts.uid(p.cr));
      throw e;
    }
    return accepted(p, created, now);
  }

  /** Records the id and request of an accepted create before anything else. */
  private Step accepted(Pass<R, T> p, KindOps.Created created, String intentAt) {
    T status = p.status;
    // the datacenter's view is not dropped: this object reads again only after its request ended
    // (InFlightRequest), and others act on their own requests' ends the same way
    status.setId(created.id());
    ops.recordParent(status, p.parentId);
    ops.recordCreated(p.cr, status);
    status.setState("BUSY");
    requests.follow(
        p.cr,
        status,
        new CloudRequest(created.requestId(), "CREATE", "QUEUED", null, intentAt, requests.now()),
        ops.datacenterOf(p.parentId, created.id()));
    String creating =
        "Creating " + kind + " " + created.id() + " (request " + created.requestId() + ")";
    Conditions.apply(
        status,
        p.generation,
        Outcome.progressing(Reasons.CREATING, "Creating " + kind + " " + created.id()),
        clock);
    writes.persist(p.cr, p.ctx, status);
    events.normal(p.cr, "Creating", creating);
    return new Step(Outcome.progressing(Reasons.CREATING, creating), config.poll().initial());
  }
}
