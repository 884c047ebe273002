package com.profitbricks.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's own metrics, beside the operator SDK's reconcile metrics, on {@code /q/metrics}
 * (Prometheus names in the README): cloud calls by method, route and status with their duration,
 * retries, 429 answers, how long cloud requests took until the operator saw them end, and the
 * objects by kind and Ready condition. Registered in Micrometer's global registry, to which Quarkus
 * adds its Prometheus registry; without one (plain tests) they cost next to nothing.
 */
public final class OperatorMetrics {
  private static final OperatorMetrics GLOBAL = new OperatorMetrics(Metrics.globalRegistry);

  private final MeterRegistry registry;
  private final Map<String, String> objects = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> byState = new ConcurrentHashMap<>();

  OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public static OperatorMetrics global() {
    return GLOBAL;
  }

  /** One HTTP exchange with the Cloud API (a {@code CallObserver} of the client). */
  public void cloudCall(String method, String route, int status, int attempt, Duration elapsed) {
    String code = status == 0 ? "none" : Integer.toString(status);
    Timer.builder("profitbricks.cloud.calls")
        .description("Cloud API calls by method, route and HTTP status (none: no answer)")
        .tags("method", method, "route", route, "status", code)
        .register(registry)
        .record(elapsed);
    if (attempt > 1) {
      Counter.builder("profitbricks.cloud.retries")
          .description("Cloud API calls that were retries of an earlier attempt")
          .tags("method", method, "route", route, "status", code)
          .register(registry)
          .increment();
    }
    if (status == 429) {
      Counter.builder("profitbricks.cloud.rate.limited")
          .description("Cloud API answers 429 (rate limit reached)")
          .tags("method", method, "route", route)
          .register(registry)
          .increment();
    }
  }

  /**
   * A cloud request of an object was seen DONE or FAILED, {@code waited} after it was accepted: the
   * cloud's provisioning time plus the operator's polling delay.
   */
  public void requestFinished(String kind, String action, String result, Duration waited) {
    Timer.builder("profitbricks.cloud.request.wait")
        .description("Time from a cloud request's acceptance until the operator saw it end")
        .tags("kind", kind, "action", action == null ? "none" : action, "result", result)
        .register(registry)
        .record(waited);
  }

  /** Where an object stands after a pass: its kind, Ready status and reason. */
  public void objectState(String uid, String kind, String ready, String reason) {
    String state = kind + "|" + ready + "|" + reason;
    String before = objects.put(uid, state);
    if (state.equals(before)) {
      return;
    }
    if (before != null) {
      byState.get(before).decrementAndGet();
    }
    byState
        .computeIfAbsent(
            state,
            s -> {
              AtomicLong n = new AtomicLong();
              Gauge.builder("profitbricks.objects", n, AtomicLong::get)
                  .description("Objects by kind and their Ready condition's status and reason")
                  .tags("kind", kind, "ready", ready, "reason", reason)
                  .register(registry);
              return n;
            })
        .incrementAndGet();
  }

  /** The object is gone (its finalizer removed). */
  public void forget(String uid) {
    String before = objects.remove(uid);
    if (before != null) {
      byState.get(before).decrementAndGet();
    }
  }
}
