package com.profitbricks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.profitbricks.contract.OpenApiContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Plain HTTP to a simulator (the JDK's HttpClient, none of the project's client), for the cases the
 * client hides. Every answer is checked against the official description when it is present.
 */
final class RawApi {
  static final ObjectMapper JSON = new ObjectMapper();
  final String base;
  final HttpClient http = HttpClient.newHttpClient();
  final List<String> violations = new ArrayList<>();
  String authorization =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("user@example.com:pw".getBytes(StandardCharsets.UTF_8));

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String requestId() {
      String location = header("Location");
      return location == null ? null : location.replaceAll(".*/requests/([^/]+)/status$", "$1");
    }
  }

  RawApi(String base) {
    this.base = base;
  }

  Answer get(String path) {
    return call("GET", path, null, null);
  }

  Answer post(String path, String json) {
    return call("POST", path, json, "application/json");
  }

  Answer patch(String path, String json) {
    return call("PATCH", path, json, "application/json");
  }

  Answer put(String path, String json) {
    return call("PUT", path, json, "application/json");
  }

  Answer delete(String path) {
    return call("DELETE", path, null, null);
  }

  Answer call(String method, String path, String body, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode tree = r.body().isEmpty() ? null : JSON.readTree(r.body());
      OpenApiContract contract = OpenApiContract.load();
      String full = URI.create(base + path).getPath();
      String relative =
          full.startsWith("/cloudapi/v6") ? full.substring("/cloudapi/v6".length()) : null;
      OpenApiContract.Operation op =
          contract == null || relative == null
              ? null
              : contract.find(method, relative.isEmpty() ? "/" : relative);
      if (op != null) {
        synchronized (violations) {
          violations.addAll(contract.validateResponse(op, r.statusCode(), tree));
        }
      }
      return new Answer(r.statusCode(), tree, r);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String status(String requestId) {
    return get("/requests/" + requestId + "/status")
        .body()
        .path("metadata")
        .path("status")
        .asText();
  }

  void assertContract() {
    assertThat(violations).as("answers that break the OpenAPI description").isEmpty();
  }
}
