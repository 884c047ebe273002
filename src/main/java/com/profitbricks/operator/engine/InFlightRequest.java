package com.profitbricks.operator.engine;

import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.model.RequestStatus;
import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.metrics.OperatorMetrics;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The gate of the object's latest request while it may still run: the pass waits for it, goes on
 * when it is done, and reports a failure; a request the cloud forgot is checked on the resource.
 */
final class InFlightRequest<
    R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  private final KindOps<R, T> ops;
  private final CloudReader reader;
  private final EventRecorder events;
  private final OperatorConfig config;
  private final Clock clock;
  private final Attempts attempts;
  private final Requests<R, T> requests;
  private final OperatorMetrics metrics = OperatorMetrics.global();

  InFlightRequest(Parts<R, T> parts) {
    this.ops = parts.ops();
    this.reader = parts.reader();
    this.events = parts.events();
    this.config = parts.config();
    this.clock = parts.clock();
    this.attempts = parts.attempts();
    this.requests = parts.requests();
  }

  /** Polls the object's in-flight request; goes on when there is none or it is finished. */
  Step finished(Pass<R, T> p) {
    CloudRequest req = p.status.getRequest();
    if (req == null || req.getId() == null || !req.isInFlight()) {
      return Gate.GO_ON;
    }
    RequestStatus rs;
    try {
      rs = reader.requestStatus(req.getId(), requests.wake(p.cr));
    } catch (CloudApiException.NotFoundException e) {
      req.setStatus(CloudRequest.LOST);
      req.setMessage(
          "The cloud no longer knows this request; the resource itself was checked instead");
      req.setUpdatedAt(requests.now());
      return Gate.GO_ON;
    }
    String state = rs.state().name();
    if (!state.equals(req.getStatus())) {
      req.setStatus(state);
      req.setUpdatedAt(requests.now());
    }
    if (rs.state().isFinal()) {
      metrics.requestFinished(
          p.cr.getKind(),
          req.getAction(),
          state,
          Duration.between(requests.parse(req.getStartedAt()), Instant.now(clock)));
    }
    return switch (rs.state()) {
      case DONE -> done(p, req, rs);
      case FAILED -> failed(p, req, rs);
      // the request tracker wakes the object when the request moves or ends; this is a backstop
      default ->
          new Step(
              Outcome.progressing(
                  Reasons.WAITING_FOR_REQUEST,
                  req.getAction() + " request " + req.getId() + " is " + state),
              config.poll().max());
    };
  }

  private Step done(Pass<R, T> p, CloudRequest req, RequestStatus rs) {
    req.setMessage(rs.message());
    // what the request changed is seen on a read begun after its end, not a view from before it
    reader.ended(p.group(ops), req.getId());
    return Gate.GO_ON;
  }

  private Step failed(Pass<R, T> p, CloudRequest req, RequestStatus rs) {
    T status = p.status;
    req.setMessage(rs.message());
    reader.limits().settled(Attempts.uid(p.cr));
    reader.limits().failed(rs.message());
    boolean own = "CREATE".equals(req.getAction()) || "UPDATE".equals(req.getAction());
    if ("CREATE".equals(req.getAction())) {
      // only the object's own create failing means there is no resource; a failed
      // sub-resource request (a volume, NIC or rule added later) leaves the object's id
      status.setId(null);
      status.setState(null);
    } else if (!own) {
      attempts.failed(p.cr, CloudReconcilerEngine.generation(p.cr), req.getAction());
    }
    if (!own
        && !attempts.repeated(
            p.cr, CloudReconcilerEngine.generation(p.cr), "FAILED " + req.getAction())) {
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
          attempts.backoff(p.cr, null));
    }
    events.warning(
        p.cr,
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
}
