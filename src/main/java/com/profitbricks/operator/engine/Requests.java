package com.profitbricks.operator.engine;

import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.CloudReader;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.slf4j.MDC;

/**
 * The cloud requests of a kind's objects: recorded in status as they are sent, followed by the
 * request tracker, and the object woken when one ends instead of polled.
 */
final class Requests<R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  private final SimpleInboundEventSource<R> events;
  private final CloudReader reader;
  private final Clock clock;

  /** {@code events}: the kind's one source of request events, whatever the credentials. */
  Requests(CloudReader reader, Clock clock, SimpleInboundEventSource<R> events) {
    this.reader = reader;
    this.clock = clock;
    this.events = events;
  }

  SimpleInboundEventSource<R> events() {
    return events;
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
  void follow(R cr, T status, CloudRequest req, String group) {
    status.setRequest(req);
    trace(req);
    if (req.getId() != null) {
      reader.track(req.getId(), group, wake(cr));
    }
  }

  /** Reconciles the object now (its request ended), instead of at its next poll step. */
  Runnable wake(R cr) {
    ResourceID id = ResourceID.fromResource(cr);
    return () -> {
      try {
        events.propagateEvent(id);
      } catch (RuntimeException e) {
        // not started yet or stopping: the object's own schedule still looks
      }
    };
  }

  /**
   * Whether the object may send a write now: the account's rate limit is shared first come first
   * served by read group ({@code group}, the datacenter written into: its writes go out together),
   * with reads (which confirm finished work) ahead of writes. False queues the object, and it is
   * woken when its turn has come; its reconcile thread is not held meanwhile.
   */
  boolean turn(R cr, String group) {
    return reader.client().writeTurn(Attempts.uid(cr), group, wake(cr));
  }

  /** Puts the request's id in the log context: each line of this pass then names it. */
  static void trace(CloudRequest req) {
    if (req != null && req.getId() != null) {
      MDC.put(CloudReconcilerEngine.MDC_REQUEST, req.getId());
    }
  }

  /** A create whose answer never arrived: sent (or maybe sent) but no id recorded. */
  static boolean isUnansweredCreate(CloudRequest req) {
    return req != null
        && "CREATE".equals(req.getAction())
        && (CloudRequest.PENDING.equals(req.getStatus())
            || CloudRequest.LOST.equals(req.getStatus()));
  }

  Instant parse(String when) {
    return parse(when, clock);
  }

  /** A time recorded in status; now when there is none or it cannot be read. */
  static Instant parse(String when, Clock clock) {
    try {
      return when == null ? Instant.now(clock) : Instant.parse(when);
    } catch (DateTimeParseException e) {
      return Instant.now(clock);
    }
  }

  String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
