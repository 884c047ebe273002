package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.simulator.CloudApi.Ctx;
import com.profitbricks.simulator.CloudApi.Reply;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The request log (list, request, status) and labels, which are synchronous. */
final class RequestsApi extends ApiFamily {
  private static final List<String> LABEL_OWNERS =
      List.of(
          "/datacenters/{datacenterId}",
          "/datacenters/{datacenterId}/servers/{serverId}",
          "/datacenters/{datacenterId}/volumes/{volumeId}",
          "/snapshots/{snapshotId}",
          "/ipblocks/{ipblockId}");

  RequestsApi(Env env) {
    super(env);
  }

  @Override
  void routes(CloudApi api) {
    api.on("GET", "/requests", this::listRequests);
    api.on(
        "GET", "/requests/{requestId}", c -> ok(request(findRequest(c), Math.max(1, c.depth()))));
    api.on("GET", "/requests/{requestId}/status", c -> ok(requestStatus(findRequest(c))));

    for (String owner : LABEL_OWNERS) {
      api.on("GET", owner + "/labels", c -> ok(labels(labelOwner(c))));
      api.on("POST", owner + "/labels", c -> createLabel(labelOwner(c), c));
      api.on("GET", owner + "/labels/{key}", c -> ok(label(labelOwner(c), c.p("key"))));
      api.on("PUT", owner + "/labels/{key}", c -> putLabel(labelOwner(c), c));
      api.on("DELETE", owner + "/labels/{key}", c -> deleteLabel(labelOwner(c), c));
    }
  }

  private RequestEngine.SimRequest findRequest(Ctx c) {
    RequestEngine.SimRequest r = engine.find(c.p("requestId"));
    if (r == null) {
      throw ApiError.notFound("request " + c.p("requestId"));
    }
    return r;
  }

  private ObjectNode requestStatus(RequestEngine.SimRequest r) {
    ObjectNode o = store.mapper.createObjectNode();
    o.put("id", r.id + "/status");
    o.put("type", "request-status");
    o.put("href", store.baseUrl + "/requests/" + r.id + "/status");
    ObjectNode m = o.putObject("metadata");
    m.put("status", r.status);
    m.put("message", r.message);
    m.put("etag", r.etag + r.status.length());
    ArrayNode targets = m.putArray("targets");
    for (Node t : r.targets) {
      ObjectNode target = targets.addObject();
      ObjectNode ref = target.putObject("target");
      ref.put("id", t.id);
      ref.put("type", t.type);
      ref.put("href", store.href(t));
      target.put("status", r.status);
    }
    return o;
  }

  private ObjectNode request(RequestEngine.SimRequest r, int depth) {
    ObjectNode o = store.mapper.createObjectNode();
    o.put("id", r.id);
    o.put("type", "request");
    o.put("href", store.baseUrl + "/requests/" + r.id);
    if (depth == 0) {
      return o;
    }
    ObjectNode m = o.putObject("metadata");
    m.put("createdDate", r.createdDate);
    m.put("createdBy", r.createdBy);
    m.put("etag", r.etag);
    m.set("requestStatus", depth >= 2 ? requestStatus(r) : refOnly(requestStatus(r)));
    ObjectNode p = o.putObject("properties");
    p.put("method", r.method);
    ObjectNode h = p.putObject("headers");
    r.headers.forEach(h::put);
    if (r.body != null && !r.body.isEmpty()) {
      p.put("body", r.body);
    }
    p.put("url", r.url);
    return o;
  }

  private static ObjectNode refOnly(ObjectNode full) {
    ObjectNode o = full.objectNode();
    o.set("id", full.get("id"));
    o.set("type", full.get("type"));
    o.set("href", full.get("href"));
    return o;
  }

  private Reply listRequests(Ctx c) {
    Map<String, String> q = c.query();
    List<RequestEngine.SimRequest> matching = new ArrayList<>();
    int depth = c.depth();
    for (RequestEngine.SimRequest r : engine.all()) {
      if (matches(r, q, depth)) {
        matching.add(r);
      }
    }
    long offset =
        c.longQuery("offset", 0, Long.MAX_VALUE) == null
            ? 0
            : c.longQuery("offset", 0, Long.MAX_VALUE);
    long limit = c.longQuery("limit", 1, 10000) == null ? 1000 : c.longQuery("limit", 1, 10000);
    ObjectNode col = store.mapper.createObjectNode();
    col.put("id", "requests");
    col.put("type", "collection");
    col.put("href", store.baseUrl + "/requests");
    ArrayNode items = col.putArray("items");
    matching.stream().skip(offset).limit(limit).forEach(r -> items.add(request(r, depth)));
    Store.paging(col, store.baseUrl + "/requests", offset, limit, matching.size());
    return ok(col);
  }

  /**
   * The documented filters (facts §13a E7): status and the two date bounds always; the others only
   * with depth &gt; 0, as case-insensitive "contains" matches. Dates only in the documented {@code
   * yyyy-MM-dd HH:mm:ss} form (UTC), anything else is refused (strict side).
   */
  private static boolean matches(RequestEngine.SimRequest r, Map<String, String> q, int depth) {
    for (Map.Entry<String, String> f : q.entrySet()) {
      if (!f.getKey().startsWith("filter.")) {
        continue;
      }
      String name = f.getKey().substring(7);
      String v = f.getValue();
      boolean needsDepth = !Set.of("status", "createdAfter", "createdBefore").contains(name);
      if (needsDepth && depth < 1) {
        throw ApiError.badRequest(
            "[(root)." + f.getKey() + "] this filter requires depth greater than 0");
      }
      boolean ok =
          switch (name) {
            case "status", "requestStatus" -> r.status.equalsIgnoreCase(v);
            case "method" -> r.method.equalsIgnoreCase(v);
            case "url" -> contains(r.url, v);
            case "body" -> contains(r.body, v);
            case "headers" -> contains(headerText(r.headers), v);
            case "createdBy" -> contains(r.createdBy, v);
            case "etag" -> contains(r.etag, v);
            case "createdDate" -> contains(r.createdDate, v);
            case "createdAfter" -> date(r.createdDate).isAfter(filterDate(f.getKey(), v));
            case "createdBefore" -> date(r.createdDate).isBefore(filterDate(f.getKey(), v));
            default -> throw ApiError.badRequest("unknown filter " + f.getKey());
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(String text, String part) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
  }

  /** The recorded headers as {@code name: value} lines, what filter.headers searches. */
  private static String headerText(Map<String, String> headers) {
    StringBuilder b = new StringBuilder();
    headers.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
    return b.toString();
  }

  private static final DateTimeFormatter FILTER_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private static Instant filterDate(String filter, String text) {
    try {
      return FILTER_DATE.parse(text.trim(), Instant::from);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(
          "[(root)." + filter + "] '" + text + "' is not a date in the yyyy-MM-dd HH:mm:ss format");
    }
  }

  private static Instant date(String recorded) {
    return Instant.parse(recorded);
  }

  private ObjectNode labels(Node owner) {
    ObjectNode col = store.mapper.createObjectNode();
    col.put("id", "labels");
    col.put("type", "collection");
    col.put("href", store.href(owner) + "/labels");
    ArrayNode items = col.putArray("items");
    owner.labels.values().forEach(l -> items.add(renderLabel(owner, l)));
    return col;
  }

  private ObjectNode label(Node owner, String key) {
    Node l = owner.labels.get(key);
    if (l == null) {
      throw ApiError.notFound("label " + key);
    }
    return renderLabel(owner, l);
  }

  private ObjectNode renderLabel(Node owner, Node l) {
    ObjectNode o = store.mapper.createObjectNode();
    o.put("id", l.id);
    o.put("type", "label");
    o.put("href", store.href(owner) + "/labels/" + l.id);
    ObjectNode m = o.putObject("metadata");
    m.put("etag", Store.etag(l.properties.toString()));
    m.put("createdDate", l.createdDate);
    m.put("createdBy", l.createdBy);
    m.put("lastModifiedDate", l.lastModifiedDate);
    m.put("lastModifiedBy", l.lastModifiedBy);
    o.set("properties", l.properties.deepCopy());
    return o;
  }

  private ObjectNode labelProperties(Ctx c, String keyFromPath) {
    JsonNode body = c.json();
    JsonNode props = body == null ? null : body.get("properties");
    if (props == null || !props.isObject()) {
      throw ApiError.required("properties");
    }
    String key = props.path("key").asText(keyFromPath == null ? "" : keyFromPath);
    if (key.isEmpty()) {
      throw ApiError.required("properties.key");
    }
    if (!key.matches("[A-Za-z0-9_.:/-]{1,63}")) {
      throw ApiError.validation(
          "[(root).properties.key] a label key has 1 to 63 characters of letters, digits and _ . : / -");
    }
    if (keyFromPath != null && !key.equals(keyFromPath)) {
      throw ApiError.validation("[(root).properties.key] must equal the key in the path");
    }
    if (!props.hasNonNull("value")) {
      throw ApiError.required("properties.value");
    }
    ObjectNode p = store.mapper.createObjectNode();
    p.put("key", key);
    p.put("value", props.get("value").asText());
    return p;
  }

  private Reply createLabel(Node owner, Ctx c) {
    ObjectNode p = labelProperties(c, null);
    if (owner.labels.containsKey(p.get("key").asText())) {
      throw ApiError.validation(
          "[(root).properties.key] label '"
              + p.get("key").asText()
              + "' already exists; use PUT to change it");
    }
    Node l = new Node(p.get("key").asText(), "label", owner, "labels", p, now(), c.user());
    owner.labels.put(l.id, l);
    return new Reply(201, renderLabel(owner, l), Map.of());
  }

  private Reply putLabel(Node owner, Ctx c) {
    ObjectNode p = labelProperties(c, c.p("key"));
    Node existing = owner.labels.get(c.p("key"));
    if (existing == null) {
      // PUT changes a label; POST creates one (E8, strict side)
      throw ApiError.notFound("label " + c.p("key"));
    }
    Node l = new Node(c.p("key"), "label", owner, "labels", p, existing.createdDate, c.user());
    owner.labels.put(l.id, l);
    return new Reply(200, renderLabel(owner, l), Map.of());
  }

  private Reply deleteLabel(Node owner, Ctx c) {
    if (owner.labels.remove(c.p("key")) == null) {
      throw ApiError.notFound("label " + c.p("key"));
    }
    return new Reply(200, null, Map.of());
  }
}
