package com.profitbricks.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every API call the simulator answered, with its route template, so tests and the benchmark can
 * count what the operator spends ({@code count("POST", "/datacenters/{datacenterId}/servers")}).
 * Admin calls under {@code /_sim/} are not logged.
 */
public final class CallLog {
  /**
   * One answered call. {@code status} 0 means the connection was dropped on purpose; {@code body}
   * is the request body as sent (null when there was none, or the call was refused unread).
   */
  public record Call(
      Instant at, String method, String path, String route, String query, int status, String body) {
    public boolean isWrite() {
      return !method.equals("GET") && !method.equals("HEAD");
    }
  }

  private final List<Call> calls = new ArrayList<>();

  synchronized void add(Call c) {
    calls.add(c);
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized long count(Predicate<Call> filter) {
    return calls.stream().filter(filter).count();
  }

  /** Calls with this method and route template ({@code "*"} matches any). */
  public long count(String method, String route) {
    return count(c -> matches(method, c.method()) && matches(route, c.route()));
  }

  public long count(String method, String route, int status) {
    return count(
        c -> matches(method, c.method()) && matches(route, c.route()) && c.status() == status);
  }

  /** Writes (POST, PUT, PATCH, DELETE) of any route. */
  public long writes() {
    return count(Call::isWrite);
  }

  /** Answers with a status in [from, to]. */
  public long statusBetween(int from, int to) {
    return count(c -> c.status() >= from && c.status() <= to);
  }

  /** "METHOD route status" → count, sorted. */
  public synchronized Map<String, Long> counters() {
    Map<String, Long> m = new TreeMap<>();
    for (Call c : calls) {
      m.merge(c.method() + " " + c.route() + " " + c.status(), 1L, Long::sum);
    }
    return m;
  }

  public synchronized void reset() {
    calls.clear();
  }

  private static boolean matches(String pattern, String value) {
    return pattern == null || pattern.equals("*") || pattern.equals(value);
  }
}
