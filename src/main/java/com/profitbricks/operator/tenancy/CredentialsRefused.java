package com.profitbricks.operator.tenancy;

/**
 * An object's credentials cannot be had (a Secret missing, unreadable or without credentials): the
 * object says so in its conditions, naming the Secret, and nothing is sent for it.
 */
public final class CredentialsRefused extends RuntimeException {
  private final String reason;

  CredentialsRefused(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** The condition reason (CredentialsMissing or CredentialsInvalid). */
  public String reason() {
    return reason;
  }
}
