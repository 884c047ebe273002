package com.profitbricks.client;

/**
 * Paces the calls of one client. {@link #acquire()} is called before every HTTP call and may block;
 * {@link #onResponse} feeds it the API's {@code X-RateLimit-*} headers.
 */
public interface RateLimiter {
  void acquire() throws InterruptedException;

  /** Values of X-RateLimit-Limit (per minute), -Remaining and -Burst; each may be null. */
  default void onResponse(Integer limitPerMinute, Integer remaining, Integer burst) {}

  static RateLimiter unlimited() {
    return () -> {};
  }
}
