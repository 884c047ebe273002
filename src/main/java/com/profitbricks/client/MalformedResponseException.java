package com.profitbricks.client;

/** The API answered with a success status, but the body is not the JSON the call expects. */
public class MalformedResponseException extends ProfitBricksException {
  private final int httpStatus;

  public MalformedResponseException(String message, int httpStatus, Throwable cause) {
    super(message, null, cause);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
