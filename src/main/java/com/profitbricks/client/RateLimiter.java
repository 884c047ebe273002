package com.profitbricks.client;

/**
 * Paces the calls of one client. Reads ({@link #acquire()}, every GET) and writes ({@link
 * #acquireWrite()}, every POST, PATCH, PUT and DELETE) share one budget; a limiter may let reads go
 * first. {@link #onResponse} feeds it the API's {@code X-RateLimit-*} headers.
 *
 * <p>A caller that must not wait for a write (a reconcile thread, which others need for the reads
 * that confirm finished work) asks for a {@linkplain #writeTurn turn} first: granted, the turn is
 * held by the calling thread and its next write takes it without waiting; refused, the caller is
 * queued and its {@code wake} runs when its turn has come.
 */
public interface RateLimiter {
  /** Waits for a read's permit. */
  void acquire() throws InterruptedException;

  /** Waits for a write's permit, or takes the turn this thread holds. */
  default void acquireWrite() throws InterruptedException {
    acquire();
  }

  /**
   * Whether the calling thread may send a write now, without waiting: true gives it a turn its next
   * write takes. False queues {@code key} (once; a later call with the same key replaces the wake)
   * and runs {@code wake} when a turn is set aside for it, which its next call here then takes. A
   * turn set aside and not taken within a few seconds passes on. Writers of one {@code group} (the
   * datacenter written into; null for none) may be served together.
   */
  default boolean writeTurn(String key, String group, Runnable wake) {
    return true;
  }

  /** Gives back a turn this thread holds and did not use (the write was not sent after all). */
  default void releaseTurn() {}

  /** Values of X-RateLimit-Limit (per minute), -Remaining and -Burst; each may be null. */
  default void onResponse(Integer limitPerMinute, Integer remaining, Integer burst) {}

  /** Stops what the limiter runs in the background; it is not used after. */
  default void close() {}

  static RateLimiter unlimited() {
    return () -> {};
  }
}
