package com.profitbricks.client;

/** No HTTP answer was had: connection refused, reset, timeout, interrupted. */
public class TransportException extends ProfitBricksException {
  public TransportException(String message, Throwable cause) {
    super(message, null, cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
