package com.profitbricks.client;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} calls at once, then {@code permitsPerSecond}. When the API reports
 * that few calls remain ({@code X-RateLimit-Remaining} at or below a tenth of {@code
 * X-RateLimit-Limit}), the bucket slows to the API's sustained average (limit per minute / 60)
 * until the remaining count recovers, so a fleet backs off before it is refused with 429.
 */
public final class TokenBucketRateLimiter implements RateLimiter {
  private final double permitsPerSecond;
  private final int burst;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  private double tokens;
  private long lastRefill;
  private double throttledRate = Double.NaN;

  public TokenBucketRateLimiter(double permitsPerSecond, int burst) {
    this(permitsPerSecond, burst, System::nanoTime, Sleeper.SYSTEM);
  }

  public TokenBucketRateLimiter(
      double permitsPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
    if (permitsPerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
    }
    this.permitsPerSecond = permitsPerSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.tokens = burst;
    this.lastRefill = nanoTime.getAsLong();
  }

  @Override
  public void acquire() throws InterruptedException {
    Duration wait = reserve();
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
  }

  /** Takes a token, possibly on credit, and says how long the caller must wait for it. */
  synchronized Duration reserve() {
    double rate = currentRate();
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * rate);
    lastRefill = now;
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / rate * 1e9));
  }

  synchronized double currentRate() {
    return Double.isNaN(throttledRate)
        ? permitsPerSecond
        : Math.min(permitsPerSecond, throttledRate);
  }

  @Override
  public synchronized void onResponse(Integer limitPerMinute, Integer remaining, Integer burstHdr) {
    if (remaining == null || limitPerMinute == null || limitPerMinute <= 0) {
      return;
    }
    int lowWatermark = Math.max(1, limitPerMinute / 10);
    if (remaining <= lowWatermark) {
      throttledRate = limitPerMinute / 60.0;
      if (remaining == 0) {
        tokens = Math.min(tokens, 0);
      }
    } else {
      throttledRate = Double.NaN;
    }
  }
}
