package com.profitbricks.client;

/**
 * No credentials could be had for a call (a Secret not mounted yet, an empty credentials file):
 * nothing was sent. Not retryable as such: it takes a change outside the call (the credentials
 * appearing), which a caller may check for again later.
 */
public class CredentialsUnavailableException extends ProfitBricksException {
  public CredentialsUnavailableException(String message, Throwable cause) {
    super(message, null, cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
