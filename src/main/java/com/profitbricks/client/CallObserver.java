package com.profitbricks.client;

import java.time.Duration;

/**
 * Told of every HTTP exchange the client makes, each retry included, after the answer (or its
 * absence) is known: for metrics, without the client depending on a metrics library. Called on the
 * calling thread; must be quick and must not throw.
 */
@FunctionalInterface
public interface CallObserver {
  /**
   * @param method the HTTP method
   * @param route the path below the base URL with every id replaced by {@code {id}} (UUIDs and
   *     numbers, such as LAN numbers): {@code /datacenters/{id}/servers}; low cardinality
   * @param status the HTTP status, or 0 when no answer came (connection refused, timeout)
   * @param attempt 1 for the first try of a call, 2 and more for its retries
   * @param elapsed how long the exchange took
   */
  void onCall(String method, String route, int status, int attempt, Duration elapsed);

  CallObserver NONE = (method, route, status, attempt, elapsed) -> {};
}
