package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an HTTP request brings: its caller, body (JSON or form), query and headers. */
final class HttpInput {
  private HttpInput() {}

  /** The user name for logs and createdBy, or null when the credentials are refused. */
  static String authenticate(SimConfig config, String header) {
    if (header == null) {
      return null;
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      String user = decoded.substring(0, colon);
      String pass = decoded.substring(colon + 1);
      if (config.username() != null
          && !(config.username().equals(user) && config.password().equals(pass))) {
        return null;
      }
      if (config.username() == null && config.token() != null) {
        return null;
      }
      return user;
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = header.substring(7).trim();
      if (token.isEmpty() || (config.token() != null && !config.token().equals(token))) {
        return null;
      }
      if (config.token() == null && config.username() != null) {
        return null;
      }
      return "token-user@example.com";
    }
    return null;
  }

  static String readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JsonNode parseJson(ObjectMapper mapper, String body) {
    String trimmed = body.strip();
    if (trimmed.isEmpty() || !(trimmed.startsWith("{") || trimmed.startsWith("["))) {
      return null;
    }
    try {
      return mapper.readTree(trimmed);
    } catch (IOException e) {
      throw ApiError.badRequest(
          "The request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  static Map<String, String> parseForm(String body, HttpExchange ex) {
    String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
    String trimmed = body.strip();
    if (trimmed.isEmpty()
        || trimmed.startsWith("{")
        || !(type.contains("form") || trimmed.contains("="))) {
      return Map.of();
    }
    return parsePairs(trimmed);
  }

  static Map<String, String> parseQuery(String rawQuery) {
    return rawQuery == null || rawQuery.isEmpty() ? Map.of() : parsePairs(rawQuery);
  }

  private static Map<String, String> parsePairs(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  static Map<String, String> headers(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> out.put(k, String.join(",", v)));
    return out;
  }
}
