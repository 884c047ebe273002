package com.profitbricks.client;

import java.time.Duration;
import java.util.List;

/**
 * 429: the contract's rate limit was hit. {@link #retryAfter()} is the API's {@code Retry-After}
 * (null when it sent none); the {@code X-RateLimit-*} values are null when absent.
 */
public class RateLimitedException extends CloudApiException {
  private final Duration retryAfter;
  private final Integer limit;
  private final Integer remaining;
  private final Integer burst;

  public RateLimitedException(
      String method,
      String url,
      int status,
      List<ErrorMessage> messages,
      String requestId,
      Duration retryAfter,
      Integer limit,
      Integer remaining,
      Integer burst) {
    super(method, url, status, messages, requestId);
    this.retryAfter = retryAfter;
    this.limit = limit;
    this.remaining = remaining;
    this.burst = burst;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public Integer limit() {
    return limit;
  }

  public Integer remaining() {
    return remaining;
  }

  public Integer burst() {
    return burst;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
