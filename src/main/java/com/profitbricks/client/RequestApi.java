package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Request;
import com.profitbricks.client.model.RequestState;
import com.profitbricks.client.model.RequestStatus;
import java.time.Duration;

/** {@code /requests}: what was asked of the cloud and how far it got. */
public final class RequestApi {
  private final Ops ops;
  private final Sleeper sleeper;

  RequestApi(Ops ops, Sleeper sleeper) {
    this.ops = ops;
    this.sleeper = sleeper;
  }

  public Collection<Request> list() {
    return list(RequestFilter.create());
  }

  public Collection<Request> list(RequestFilter filter) {
    return ops.list(Request.class, filter.toParameters(), "requests");
  }

  public Request get(String requestId) {
    return ops.get(Request.class, Query.depth(1), "requests", requestId);
  }

  /** QUEUED, RUNNING, DONE or FAILED, with the message and the targets. One GET. */
  public RequestStatus status(String requestId) {
    return ops.get(RequestStatus.class, Query.NONE, "requests", requestId, "status");
  }

  /** {@link #waitForCompletion(String, Duration, Duration, int)} with the Python SDK's defaults. */
  public RequestStatus waitForCompletion(Accepted<?> accepted) {
    if (accepted == null || accepted.requestId() == null) {
      return null;
    }
    return waitForCompletion(accepted.requestId(), Duration.ofHours(1), Duration.ofSeconds(5), 10);
  }

  /**
   * Blocks until the request is DONE, like the Python SDK's {@code wait_for_completion}: polls at
   * once, then sleeps {@code initialWait}; the period doubles whenever {@code period * scaleup} has
   * passed since the last increase, and {@code scaleup} doubles too. For SDK users and scripts; the
   * operator never blocks on a request.
   *
   * @throws RequestFailedException when the request ends FAILED
   * @throws RequestTimeoutException when it has not finished within {@code timeout}
   */
  public RequestStatus waitForCompletion(
      String requestId, Duration timeout, Duration initialWait, int scaleup) {
    long startedNanos = System.nanoTime();
    Duration slept = Duration.ZERO;
    Duration period = initialWait;
    Duration nextIncrease = period.multipliedBy(scaleup);
    long factor = scaleup;
    while (true) {
      RequestStatus status = status(requestId);
      if (status.state() == RequestState.DONE) {
        return status;
      }
      if (status.state() == RequestState.FAILED) {
        throw new RequestFailedException(requestId, status.message());
      }
      Duration elapsed = slept.plusNanos(System.nanoTime() - startedNanos);
      if (elapsed.compareTo(timeout) >= 0) {
        throw new RequestTimeoutException(requestId, elapsed);
      }
      try {
        sleeper.sleep(period);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException("interrupted while waiting for request " + requestId, e);
      }
      slept = slept.plus(period);
      Duration now = slept.plusNanos(System.nanoTime() - startedNanos);
      if (now.compareTo(nextIncrease) > 0) {
        period = period.multipliedBy(2);
        nextIncrease = now.plus(period.multipliedBy(factor));
        factor *= 2;
      }
    }
  }
}
