package com.profitbricks.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Headers;

/** What an error answer says: its exception by status, the API's messages, the rate headers. */
final class ErrorAnswers {
  private ErrorAnswers() {}

  /** The exception of an error answer, by status, with the API's messages. */
  static CloudApiException toError(ObjectMapper mapper, String method, HttpTransport.Answer a) {
    List<ErrorMessage> messages = new ArrayList<>();
    try {
      JsonNode tree = a.body().length == 0 ? null : mapper.readTree(a.body());
      JsonNode list = tree == null ? null : tree.get("messages");
      if (list != null && list.isArray()) {
        for (JsonNode m : list) {
          messages.add(new ErrorMessage(text(m.get("errorCode")), text(m.get("message"))));
        }
      }
    } catch (IOException e) {
      // not JSON (an HTML page of a proxy, say): keep a short excerpt as the message
      String raw = new String(a.body(), java.nio.charset.StandardCharsets.UTF_8).strip();
      messages.add(
          new ErrorMessage(
              null,
              "non-JSON error body: " + (raw.length() > 200 ? raw.substring(0, 200) + "…" : raw)));
    }
    String url = a.url();
    String rid = a.requestId();
    int s = a.status();
    return switch (s) {
      case 400, 422 -> new CloudApiException.ValidationException(method, url, s, messages, rid);
      case 401 -> new CloudApiException.AuthenticationException(method, url, s, messages, rid);
      case 403 -> new CloudApiException.PermissionDeniedException(method, url, s, messages, rid);
      case 404 -> new CloudApiException.NotFoundException(method, url, s, messages, rid);
      case 409, 412 -> new CloudApiException.ConflictException(method, url, s, messages, rid);
      case 429 ->
          new RateLimitedException(
              method,
              url,
              s,
              messages,
              rid,
              retryAfter(a.headers()),
              intHeader(a.headers(), "X-RateLimit-Limit"),
              intHeader(a.headers(), "X-RateLimit-Remaining"),
              intHeader(a.headers(), "X-RateLimit-Burst"));
      default ->
          s >= 500
              ? new CloudApiException.ServerException(method, url, s, messages, rid)
              : new CloudApiException(method, url, s, messages, rid);
    };
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  static Duration retryAfter(Headers headers) {
    String v = headers.get("Retry-After");
    if (v == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(v.trim());
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Integer intHeader(Headers headers, String name) {
    String v = headers.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
