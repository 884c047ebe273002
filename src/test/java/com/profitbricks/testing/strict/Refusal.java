package com.profitbricks.testing.strict;

/**
 * A request the API refused (403 Forbidden, 409 Conflict, 415, 422 Invalid, ...): who asked, what
 * ({@code verb group/resource[/subresource] namespace/name}), the Status message answered, and the
 * request's body (for a write).
 */
public record Refusal(
    String subject, int code, String reason, RequestInfo request, String message, String body) {
  /** {@code patch coordination.k8s.io/leases}, {@code get secrets}, ... */
  public String what() {
    String g = request.group().isEmpty() ? "" : request.group() + "/";
    return request.verb() + " " + g + request.resourceWithSubresource();
  }

  @Override
  public String toString() {
    return code + " " + reason + " " + subject + ": " + what() + " (" + message + ")";
  }
}
