package com.profitbricks.client;

/** A request the API accepted ended FAILED; the message is the cloud's. */
public class RequestFailedException extends ProfitBricksException {
  private final String cloudMessage;

  public RequestFailedException(String requestId, String cloudMessage) {
    super("Request " + requestId + " failed to complete: " + cloudMessage, requestId, null);
    this.cloudMessage = cloudMessage;
  }

  public String cloudMessage() {
    return cloudMessage;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
