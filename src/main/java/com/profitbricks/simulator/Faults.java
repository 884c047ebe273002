package com.profitbricks.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Faults on demand, deterministic under the simulator's seed. A rule names a method and a route
 * template as the call log spells them ({@code "POST"}, {@code
 * "/datacenters/{datacenterId}/servers"}), {@code "*"} matching any. Set from code or through
 * {@code POST /_sim/faults}.
 */
public final class Faults {
  record Rule(String method, String route) {
    boolean matches(String m, String r) {
      return ("*".equals(method) || method.equalsIgnoreCase(m))
          && ("*".equals(route) || route.equals(r));
    }
  }

  private record Latency(Rule rule, Duration delay) {}

  private static final class Slow {
    final Rule rule;
    final Duration delay;
    int remaining;

    Slow(Rule rule, Duration delay, int remaining) {
      this.rule = rule;
      this.delay = delay;
      this.remaining = remaining;
    }
  }

  private record ErrorRate(Rule rule, double rate, int status) {}

  private static final class Counted {
    final Rule rule;
    int remaining;
    final String message;

    Counted(Rule rule, int remaining, String message) {
      this.rule = rule;
      this.remaining = remaining;
      this.message = message;
    }
  }

  private final long seed;
  private Random random;
  private final List<Latency> latencies = new ArrayList<>();
  private final List<Slow> slow = new ArrayList<>();
  private final List<ErrorRate> errorRates = new ArrayList<>();
  private final List<Counted> failures = new ArrayList<>();
  private final List<Counted> drops = new ArrayList<>();
  private final List<Counted> garbles = new ArrayList<>();
  private final List<Counted> errorBursts = new ArrayList<>();
  private final List<Rule> denied = new ArrayList<>();
  private final List<Counted> losses = new ArrayList<>();
  private final List<Ignored> ignored = new ArrayList<>();

  private record Ignored(Rule rule, List<String> fields) {}

  private int burst429;
  private int burstRetryAfter = 1;
  private double enforcedRps;
  private int enforcedBurst;
  private int enforcedRetryAfter = 1;
  private double tokens;
  private long lastRefillNanos;
  private boolean holdRequests;
  private boolean lateVisibility;
  private int loseRequests;
  private int releaseGeneration;

  Faults(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** Adds {@code delay} before answering matching calls. */
  public synchronized Faults latency(String method, String route, Duration delay) {
    latencies.add(new Latency(new Rule(method, route), delay));
    return this;
  }

  /**
   * Adds {@code delay} before handling the next {@code count} matching calls: a write slower than
   * the client's read timeout is carried out after the client has given up on its answer.
   */
  public synchronized Faults latency(String method, String route, Duration delay, int count) {
    slow.add(new Slow(new Rule(method, route), delay, count));
    return this;
  }

  /** Answers a fraction ({@code rate}, 0..1) of matching calls with {@code status} (5xx). */
  public synchronized Faults errorRate(String method, String route, double rate, int status) {
    errorRates.add(new ErrorRate(new Rule(method, route), rate, status));
    return this;
  }

  /** Answers the next {@code count} matching calls with {@code status}. */
  public synchronized Faults errors(String method, String route, int count, int status) {
    errorBursts.add(new Counted(new Rule(method, route), count, Integer.toString(status)));
    return this;
  }

  /** Answers the next {@code count} API calls with 429 and {@code Retry-After: seconds}. */
  public synchronized Faults rateLimitBurst(int count, int retryAfterSeconds) {
    burst429 = count;
    burstRetryAfter = retryAfterSeconds;
    return this;
  }

  /** Refuses calls beyond {@code perSecond} (token bucket of {@code burst}) with 429. */
  public synchronized Faults enforceRateLimit(double perSecond, int burst, int retryAfterSeconds) {
    enforcedRps = perSecond;
    enforcedBurst = burst;
    enforcedRetryAfter = retryAfterSeconds;
    tokens = burst;
    lastRefillNanos = System.nanoTime();
    return this;
  }

  /** The next {@code count} requests created by matching writes end FAILED with {@code message}. */
  public synchronized Faults failRequests(String method, String route, int count, String message) {
    failures.add(new Counted(new Rule(method, route), count, message));
    return this;
  }

  /** New requests stay RUNNING until {@link #releaseRequests()}. */
  public synchronized Faults holdRequests(boolean hold) {
    holdRequests = hold;
    return this;
  }

  /**
   * What a create makes stays out of sight (404 by id, absent from every listing) until its request
   * ends, though the request is in the log from the start: a cloud whose reads lag its writes.
   */
  public synchronized Faults lateVisibility(boolean on) {
    lateVisibility = on;
    return this;
  }

  synchronized boolean lateVisibility() {
    return lateVisibility;
  }

  /** Lets every held request finish. */
  public synchronized Faults releaseRequests() {
    holdRequests = false;
    releaseGeneration++;
    return this;
  }

  /**
   * The next {@code count} requests vanish: their status answers 404 and the request list no longer
   * shows them (the work still happens).
   */
  public synchronized Faults loseRequests(int count) {
    loseRequests = count;
    return this;
  }

  /** As {@link #loseRequests(int)}, for the requests of matching writes only. */
  public synchronized Faults loseRequests(String method, String route, int count) {
    losses.add(new Counted(new Rule(method, route), count, null));
    return this;
  }

  /**
   * The next {@code count} matching calls are carried out, then the connection is closed without an
   * answer: the lost 202 that makes naive clients create duplicates.
   */
  public synchronized Faults dropResponses(String method, String route, int count) {
    drops.add(new Counted(new Rule(method, route), count, null));
    return this;
  }

  /**
   * The next {@code count} matching writes are carried out and answered with their status and
   * headers but a body that is not the JSON object the spec promises (a proxy's page, a truncated
   * answer): the client cannot read what it made.
   */
  public synchronized Faults garbleResponses(String method, String route, int count) {
    garbles.add(new Counted(new Rule(method, route), count, null));
    return this;
  }

  /**
   * Matching calls are refused with 403 as the cloud refuses a user who lacks a privilege (a
   * sub-user without "create datacenter", say): not bad credentials, which are 401 (E9).
   */
  public synchronized Faults deny(String method, String route) {
    denied.add(new Rule(method, route));
    return this;
  }

  /**
   * Matching updates are accepted (202, DONE) but leave {@code fields} as they were: a cloud that
   * keeps its own value (normalizes it, fills it in), for testing clients that must not resend.
   */
  public synchronized Faults ignoreFields(String method, String route, String... fields) {
    ignored.add(new Ignored(new Rule(method, route), List.of(fields)));
    return this;
  }

  synchronized List<String> ignoredFor(String method, String route) {
    List<String> out = new ArrayList<>();
    ignored.stream()
        .filter(i -> i.rule().matches(method, route))
        .forEach(i -> out.addAll(i.fields()));
    return out;
  }

  synchronized boolean deniedFor(String method, String route) {
    return denied.stream().anyMatch(r -> r.matches(method, route));
  }

  /** Removes every fault and restarts the random sequence from the seed. */
  public synchronized Faults clear() {
    latencies.clear();
    slow.clear();
    errorRates.clear();
    failures.clear();
    drops.clear();
    garbles.clear();
    errorBursts.clear();
    denied.clear();
    ignored.clear();
    losses.clear();
    burst429 = 0;
    enforcedRps = 0;
    holdRequests = false;
    lateVisibility = false;
    loseRequests = 0;
    releaseGeneration++;
    random = new Random(seed);
    return this;
  }

  synchronized Duration latencyFor(String method, String route) {
    Duration d = Duration.ZERO;
    for (Latency l : latencies) {
      if (l.rule().matches(method, route)) {
        d = d.plus(l.delay());
      }
    }
    for (Iterator<Slow> it = slow.iterator(); it.hasNext(); ) {
      Slow s = it.next();
      if (s.rule.matches(method, route) && s.remaining > 0) {
        d = d.plus(s.delay);
        if (--s.remaining == 0) {
          it.remove();
        }
        break;
      }
    }
    return d;
  }

  /** A forced error status for this call, or 0. */
  synchronized int errorFor(String method, String route) {
    for (Iterator<Counted> it = errorBursts.iterator(); it.hasNext(); ) {
      Counted c = it.next();
      if (c.rule.matches(method, route) && c.remaining > 0) {
        if (--c.remaining == 0) {
          it.remove();
        }
        return Integer.parseInt(c.message);
      }
    }
    for (ErrorRate e : errorRates) {
      if (e.rule().matches(method, route) && random.nextDouble() < e.rate()) {
        return e.status();
      }
    }
    return 0;
  }

  /** Seconds for Retry-After when this call is to be refused with 429, or -1. */
  synchronized int rateLimitFor() {
    if (burst429 > 0) {
      burst429--;
      return burstRetryAfter;
    }
    if (enforcedRps > 0) {
      long now = System.nanoTime();
      tokens = Math.min(enforcedBurst, tokens + (now - lastRefillNanos) / 1e9 * enforcedRps);
      lastRefillNanos = now;
      if (tokens < 1) {
        return enforcedRetryAfter;
      }
      tokens -= 1;
    }
    return -1;
  }

  synchronized String failureFor(String method, String route) {
    return take(failures, method, route, "failure injected");
  }

  synchronized boolean dropFor(String method, String route) {
    return take(drops, method, route, "") != null;
  }

  synchronized boolean garbleFor(String method, String route) {
    return take(garbles, method, route, "") != null;
  }

  private static String take(List<Counted> list, String method, String route, String fallback) {
    for (Iterator<Counted> it = list.iterator(); it.hasNext(); ) {
      Counted c = it.next();
      if (c.rule.matches(method, route) && c.remaining > 0) {
        if (--c.remaining == 0) {
          it.remove();
        }
        return c.message == null ? fallback : c.message;
      }
    }
    return null;
  }

  synchronized boolean holdNew() {
    return holdRequests;
  }

  synchronized int releaseGeneration() {
    return releaseGeneration;
  }

  synchronized boolean loseNext(String method, String route) {
    if (take(losses, method, route, "") != null) {
      return true;
    }
    if (loseRequests > 0) {
      loseRequests--;
      return true;
    }
    return false;
  }
}
