package com.profitbricks.operator.engine;

import com.profitbricks.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine remembers of each object between passes, in memory: a restart forgets it, which
 * only makes the next tries sooner. Keyed by UID.
 */
final class Attempts {
  /** How often one mutation is sent, or a 422 of a follow-up step retried, before stalling. */
  static final int MAX_REPEATS = 2;

  private final OperatorConfig config;

  /** Consecutive transient failures, for backoff. */
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  /**
   * Mutations sent since the object was last Ready, by what they were meant to do. The cloud may
   * accept a change and keep its own value (it sorts addresses, fills in a port range): the same
   * mutation is not sent a third time, and a race refused with 422 is not retried for ever.
   */
  private final Map<String, Map<String, Integer>> sent = new ConcurrentHashMap<>();

  /** Since when each object has been waiting for a reference, and for which generation. */
  private final Map<String, Wait> waiting = new ConcurrentHashMap<>();

  private record Wait(long generation, Instant since) {}

  Attempts(OperatorConfig config) {
    this.config = config;
  }

  /** The next backoff step of the object, never shorter than the cloud's Retry-After. */
  Duration backoff(CustomResource<?, ?> cr, Duration retryAfter) {
    int n = failures.merge(uid(cr), 1, Integer::sum);
    Duration d = config.backoff().initial().multipliedBy(1L << Math.min(16, n - 1));
    if (d.compareTo(config.backoff().max()) > 0) {
      d = config.backoff().max();
    }
    return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
  }

  /** The object made progress: its next failure backs off from the start. */
  void progressed(CustomResource<?, ?> cr) {
    failures.remove(uid(cr));
  }

  /**
   * Counts a mutation about to be sent; true when this generation already sent it {@link
   * #MAX_REPEATS} times since the object was last Ready, each time taken by the cloud.
   */
  boolean repeated(CustomResource<?, ?> cr, long generation, String what) {
    Map<String, Integer> counts = sent.computeIfAbsent(uid(cr), k -> new ConcurrentHashMap<>());
    return counts.merge(generation + " " + what, 1, Integer::sum) > MAX_REPEATS;
  }

  /** As {@link #repeated}, without counting: whether the mutation would be refused as repeated. */
  boolean wouldRepeat(CustomResource<?, ?> cr, long generation, String what) {
    Map<String, Integer> counts = sent.get(uid(cr));
    return counts != null && counts.getOrDefault(generation + " " + what, 0) >= MAX_REPEATS;
  }

  /** The mutation counted by {@link #repeated} was refused: it counts as not sent. */
  void refused(CustomResource<?, ?> cr, long generation, String what) {
    Map<String, Integer> counts = sent.get(uid(cr));
    if (counts != null) {
      counts.computeIfPresent(generation + " " + what, (k, n) -> n > 1 ? n - 1 : null);
    }
  }

  /**
   * A request of {@code action} ended FAILED: the cloud did not take what was sent, so no mutation
   * of that action counts as sent (a failed attach tried again is not "taken twice").
   */
  void failed(CustomResource<?, ?> cr, long generation, String action) {
    Map<String, Integer> counts = sent.get(uid(cr));
    if (counts != null) {
      counts.keySet().removeIf(k -> k.startsWith(generation + " " + action + " "));
    }
  }

  /** The object is Ready: what it sent before counts no more. */
  void converged(CustomResource<?, ?> cr) {
    sent.remove(uid(cr));
  }

  /** A pass was asked for by hand: backoff and repeat counts start over. */
  void startOver(CustomResource<?, ?> cr) {
    failures.remove(uid(cr));
    sent.remove(uid(cr));
  }

  /** Since when the object has waited for a reference in this generation, starting now. */
  Instant waitingSince(CustomResource<?, ?> cr, long generation, Instant now) {
    return waiting
        .compute(
            uid(cr),
            (k, v) -> v == null || v.generation() != generation ? new Wait(generation, now) : v)
        .since();
  }

  /** The object waits for no reference (any more). */
  void notWaiting(CustomResource<?, ?> cr) {
    waiting.remove(uid(cr));
  }

  /** The object is gone: nothing of it is kept. */
  void forget(CustomResource<?, ?> cr) {
    failures.remove(uid(cr));
    sent.remove(uid(cr));
    waiting.remove(uid(cr));
  }

  static String uid(CustomResource<?, ?> cr) {
    return cr.getMetadata().getUid() == null
        ? cr.getMetadata().getNamespace() + "/" + cr.getMetadata().getName()
        : cr.getMetadata().getUid();
  }
}
