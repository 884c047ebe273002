package com.profitbricks.client;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The API answered with an error status. Carries the HTTP status and the API's {@code messages}.
 * Subclasses name the classes of error a caller acts on; other statuses stay this type.
 */
public class CloudApiException extends ProfitBricksException {
  private final String method;
  private final String url;
  private final int httpStatus;
  private final List<ErrorMessage> messages;

  public CloudApiException(
      String method, String url, int httpStatus, List<ErrorMessage> messages, String requestId) {
    super(describe(method, url, httpStatus, messages), requestId, null);
    this.method = method;
    this.url = url;
    this.httpStatus = httpStatus;
    this.messages = List.copyOf(messages);
  }

  private static String describe(String method, String url, int status, List<ErrorMessage> msgs) {
    String text =
        msgs.isEmpty()
            ? "no error message"
            : msgs.stream()
                .map(m -> (m.errorCode() == null ? "" : "[" + m.errorCode() + "] ") + m.message())
                .collect(Collectors.joining("; "));
    return method + " " + url + " answered " + status + ": " + text;
  }

  public String method() {
    return method;
  }

  public String url() {
    return url;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public List<ErrorMessage> messages() {
    return messages;
  }

  /** The API's messages joined, without method and URL: what a user should read. */
  public String apiMessage() {
    return messages.stream().map(ErrorMessage::message).collect(Collectors.joining("; "));
  }

  @Override
  public boolean isRetryable() {
    return false;
  }

  /** 400 or 422: the request is invalid; fix it, do not retry. */
  public static class ValidationException extends CloudApiException {
    public ValidationException(
        String method, String url, int status, List<ErrorMessage> messages, String requestId) {
      super(method, url, status, messages, requestId);
    }
  }

  /** 401: the credentials were refused. */
  public static class AuthenticationException extends CloudApiException {
    public AuthenticationException(
        String method, String url, int status, List<ErrorMessage> messages, String requestId) {
      super(method, url, status, messages, requestId);
    }
  }

  /** 403: the credentials are valid but lack a permission. */
  public static class PermissionDeniedException extends CloudApiException {
    public PermissionDeniedException(
        String method, String url, int status, List<ErrorMessage> messages, String requestId) {
      super(method, url, status, messages, requestId);
    }
  }

  /** 404: the resource (or a parent in its path) does not exist. */
  public static class NotFoundException extends CloudApiException {
    public NotFoundException(
        String method, String url, int status, List<ErrorMessage> messages, String requestId) {
      super(method, url, status, messages, requestId);
    }
  }

  /** 409 or 412: the resource is in a state that does not allow the call now. */
  public static class ConflictException extends CloudApiException {
    public ConflictException(
        String method, String url, int status, List<ErrorMessage> messages, String requestId) {
      super(method, url, status, messages, requestId);
    }

    @Override
    public boolean isRetryable() {
      return true;
    }
  }

  /** 5xx: the server failed; retrying later can help. */
  public static class ServerException extends CloudApiException {
    public ServerException(
        String method, String url, int status, List<ErrorMessage> messages, String requestId) {
      super(method, url, status, messages, requestId);
    }

    @Override
    public boolean isRetryable() {
      return true;
    }
  }
}
