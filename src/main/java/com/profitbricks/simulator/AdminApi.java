package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The simulator's own endpoints under {@code /_sim}. A fault is posted as JSON with a {@code kind}:
 *
 * <pre>
 * {"kind":"latency","method":"GET","route":"/datacenters/{datacenterId}","millis":200}
 * {"kind":"latency","method":"POST","route":"/ipblocks","millis":6000,"count":1}
 * {"kind":"errorRate","method":"*","route":"*","rate":0.2,"status":503}
 * {"kind":"errors","method":"GET","route":"/datacenters","count":2,"status":500}
 * {"kind":"rateLimitBurst","count":3,"retryAfterSeconds":2}
 * {"kind":"enforceRateLimit","perSecond":5,"burst":10,"retryAfterSeconds":1}
 * {"kind":"failRequests","method":"POST","route":"/datacenters","count":1,"message":"no capacity"}
 * {"kind":"holdRequests"}
 * {"kind":"lateVisibility"}
 * {"kind":"loseRequests","count":1}
 * {"kind":"dropResponses","method":"POST","route":"/datacenters","count":1}
 * {"kind":"garbleResponses","method":"POST","route":"/datacenters","count":1}
 * </pre>
 *
 * <p>{@code POST /_sim/limits} with {@code {"coresPerContract": 8, "reservableIps": 4}} sets the
 * contract's resource limits (names as {@code GET /contracts} reports them); {@code /_sim/reset}
 * puts the defaults back.
 */
final class AdminApi {
  private final CloudSimulator sim;
  private final ObjectMapper mapper;

  AdminApi(CloudSimulator sim, ObjectMapper mapper) {
    this.sim = sim;
    this.mapper = mapper;
  }

  CloudApi.Reply handle(String method, String path, String body) {
    try {
      return switch (method + " " + path) {
        case "GET /calls" -> ok(calls());
        case "GET /counters" -> ok(mapper.valueToTree(sim.calls().counters()));
        case "POST /calls/reset" -> {
          sim.calls().reset();
          yield ok(null);
        }
        case "GET /state" -> {
          ObjectNode o = mapper.createObjectNode();
          o.put("resources", sim.resourceCount());
          o.put("pendingRequests", sim.pendingRequests());
          o.set("dump", sim.dump());
          yield ok(o);
        }
        case "POST /reset" -> {
          sim.reset();
          yield ok(null);
        }
        case "POST /limits" -> {
          mapper
              .readTree(body)
              .fields()
              .forEachRemaining(e -> sim.limit(e.getKey(), e.getValue().asLong()));
          yield ok(null);
        }
        case "POST /faults" -> {
          fault(mapper.readTree(body));
          yield ok(null);
        }
        case "DELETE /faults" -> {
          sim.faults().clear();
          yield ok(null);
        }
        case "POST /requests/release" -> {
          sim.faults().releaseRequests();
          yield ok(null);
        }
        default -> sim.error(404, "309", "no simulator endpoint " + method + " /_sim" + path);
      };
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      return sim.error(400, "101", "bad fault description: " + e.getMessage());
    }
  }

  private static CloudApi.Reply ok(JsonNode body) {
    return new CloudApi.Reply(body == null ? 204 : 200, body, Map.of());
  }

  private ObjectNode calls() {
    ObjectNode o = mapper.createObjectNode();
    ArrayNode a = o.putArray("calls");
    for (CallLog.Call c : sim.callList()) {
      ObjectNode n = a.addObject();
      n.put("at", c.at().toString());
      n.put("method", c.method());
      n.put("path", c.path());
      n.put("route", c.route());
      n.put("query", c.query());
      n.put("status", c.status());
    }
    return o;
  }

  private void fault(JsonNode f) {
    if (f == null || !f.hasNonNull("kind")) {
      throw new IllegalArgumentException("a fault needs a kind");
    }
    Faults faults = sim.faults();
    String method = f.path("method").asText("*");
    String route = f.path("route").asText("*");
    switch (f.get("kind").asText()) {
      case "latency" -> {
        Duration d = Duration.ofMillis(f.path("millis").asLong());
        if (f.has("count")) {
          faults.latency(method, route, d, f.get("count").asInt());
        } else {
          faults.latency(method, route, d);
        }
      }
      case "errorRate" ->
          faults.errorRate(method, route, f.path("rate").asDouble(), f.path("status").asInt(500));
      case "errors" ->
          faults.errors(method, route, f.path("count").asInt(1), f.path("status").asInt(500));
      case "rateLimitBurst" ->
          faults.rateLimitBurst(f.path("count").asInt(1), f.path("retryAfterSeconds").asInt(1));
      case "enforceRateLimit" ->
          faults.enforceRateLimit(
              f.path("perSecond").asDouble(),
              f.path("burst").asInt(1),
              f.path("retryAfterSeconds").asInt(1));
      case "failRequests" ->
          faults.failRequests(
              method,
              route,
              f.path("count").asInt(1),
              f.path("message").asText("failure injected"));
      case "holdRequests" -> faults.holdRequests(true);
      case "lateVisibility" -> faults.lateVisibility(f.path("on").asBoolean(true));
      case "deny" -> faults.deny(method, route);
      case "ignoreFields" -> {
        java.util.List<String> fields = new java.util.ArrayList<>();
        f.path("fields").forEach(x -> fields.add(x.asText()));
        faults.ignoreFields(method, route, fields.toArray(String[]::new));
      }
      case "loseRequests" -> faults.loseRequests(method, route, f.path("count").asInt(1));
      case "dropResponses" -> faults.dropResponses(method, route, f.path("count").asInt(1));
      case "garbleResponses" -> faults.garbleResponses(method, route, f.path("count").asInt(1));
      default -> throw new IllegalArgumentException("unknown fault kind " + f.get("kind").asText());
    }
  }
}
