package com.profitbricks.client;

/**
 * Root of every error the client throws. All are unchecked. {@link #isRetryable()} says whether
 * sending the same call again later can succeed without a change on the caller's side.
 */
public abstract class ProfitBricksException extends RuntimeException {
  private final String requestId;

  protected ProfitBricksException(String message, String requestId, Throwable cause) {
    super(message, cause);
    this.requestId = requestId;
  }

  /** True when the same call may succeed later (5xx, 429, transport errors on safe calls). */
  public abstract boolean isRetryable();

  /** The cloud request id this error is about, or null when none is known. */
  public String requestId() {
    return requestId;
  }
}
