package com.profitbricks.client;

import java.time.Duration;

/** {@code waitForCompletion} gave up before the request reached DONE or FAILED. */
public class RequestTimeoutException extends ProfitBricksException {
  public RequestTimeoutException(String requestId, Duration waited) {
    super("Request " + requestId + " not finished after " + waited, requestId, null);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
