package com.profitbricks.client;

/**
 * A create (POST) was sent but no answer came back (read timeout, reset connection). The server may
 * have accepted it, so the client does not send it again: doing so can create a duplicate. Look the
 * resource up (labels, name, the requests list) before creating again.
 */
public class AmbiguousWriteException extends TransportException {
  public AmbiguousWriteException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
