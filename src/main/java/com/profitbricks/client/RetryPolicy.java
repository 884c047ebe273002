package com.profitbricks.client;

import java.time.Duration;

/**
 * When the client sends a call again by itself.
 *
 * <ul>
 *   <li>GET on 5xx and transport errors: up to {@code maxAttempts}, capped exponential backoff with
 *       jitter.
 *   <li>Any method on 429 and 503: waits the whole {@code Retry-After} when the API sent one and it
 *       is at most {@code maxRetryAfter}; otherwise the error goes to the caller, who can schedule
 *       the retry without blocking a thread.
 *   <li>Any method when the connection could not be opened (nothing was sent).
 *   <li>Never a POST after it may have reached the server: {@link AmbiguousWriteException}.
 * </ul>
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double jitter,
    Duration maxRetryAfter) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be within 0..1");
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(
        4, Duration.ofMillis(250), Duration.ofSeconds(8), 0.2, Duration.ofSeconds(30));
  }

  /** One attempt, never a retry: for callers that schedule retries themselves. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
  }

  /** The backoff before attempt {@code attempt + 1}, without jitter. */
  Duration backoff(int attempt) {
    long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
    Duration d = initialBackoff.multipliedBy(factor);
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
