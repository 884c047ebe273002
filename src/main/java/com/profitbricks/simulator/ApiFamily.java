package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.simulator.CloudApi.Ctx;
import com.profitbricks.simulator.CloudApi.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every family of routes shares besides the lookups of {@link PathLookups}: the generic
 * answers (GET, list, PATCH, PUT, DELETE as queued requests) and the checks an update makes.
 */
abstract class ApiFamily extends PathLookups {
  ApiFamily(ApiFamily.Env env) {
    super(env);
  }

  /**
   * The headers a request record shows, lower-cased: the set seen in real records (facts §3.2).
   * Other headers a client sends are not kept (strict side), so an owner marker must travel in one
   * of these, e.g. the User-Agent.
   */
  static final java.util.Set<String> RECORDED_HEADERS =
      java.util.Set.of(
          "accept-encoding",
          "connection",
          "content-length",
          "content-type",
          "host",
          "user-agent",
          "x-forwarded-for",
          "x-forwarded-host",
          "x-forwarded-server",
          "x-reseller");

  /** Adds this family's routes. */
  abstract void routes(CloudApi api);

  static Reply ok(JsonNode body) {
    return new Reply(200, body, Map.of());
  }

  Reply get(Node n, Ctx c) {
    boolean noDepth = !c.query().containsKey("depth");
    ObjectNode body = store.render(n, c.depth());
    return new Reply(
        200,
        body,
        noDepth ? Map.of("ETag", body.path("metadata").path("etag").asText()) : Map.of());
  }

  /**
   * The page size of a listing: the spec gives each list route its own default and maximum of
   * {@code limit} ({@code /ipblocks} 100 and 1000, most others 1000 and 10000); a client that
   * leaves {@code limit} out gets the default, and must follow {@code _links.next} for the rest.
   */
  static long pageLimit(Ctx c) {
    long[] bounds = PAGE_LIMITS.getOrDefault(c.route(), DEFAULT_PAGE_LIMIT);
    Long asked = c.longQuery("limit", 1, bounds[1]);
    return asked == null ? bounds[0] : asked;
  }

  private static final long[] DEFAULT_PAGE_LIMIT = {1000, 10000};
  private static final Map<String, long[]> PAGE_LIMITS =
      Map.of(
          "/ipblocks", new long[] {100, 1000},
          "/targetgroups", new long[] {100, 200},
          "/um/users", new long[] {100, 100});

  ObjectNode list(String id, String href, List<Node> items, Ctx c) {
    return store.collection(
        id,
        store.baseUrl + href,
        items,
        c.depth(),
        c.longQuery("offset", 0, Long.MAX_VALUE),
        pageLimit(c));
  }

  ObjectNode children(Node parent, String name, Ctx c) {
    return store.collection(
        parent.id + "/" + name,
        store.href(parent) + "/" + name,
        new ArrayList<>(parent.children(name).values()),
        c.depth(),
        c.longQuery("offset", 0, Long.MAX_VALUE),
        pageLimit(c));
  }

  ObjectNode relation(Node parent, String name, Ctx c) {
    return store.collection(
        parent.id + "/" + name,
        store.href(parent) + "/" + name,
        store.entity(parent, name),
        c.depth(),
        c.longQuery("offset", 0, Long.MAX_VALUE),
        pageLimit(c));
  }

  String now() {
    return Instant.ofEpochMilli(clockMs.getAsLong()).toString();
  }

  /** Queues the request for a write and answers 202 with its Location. */
  Reply accepted(
      Ctx c,
      java.util.function.Supplier<JsonNode> body,
      Node scope,
      List<Node> targets,
      String kind,
      Runnable onDone,
      Runnable onFailed) {
    return queue(c, body, scope, targets, List.of(), kind, onDone, onFailed, null);
  }

  /**
   * As {@link #accepted}, for a write that creates {@code created}: under late visibility they are
   * out of sight until the request ends (the 202 still shows them, as it is the create's answer).
   */
  Reply acceptedCreate(
      Ctx c,
      java.util.function.Supplier<JsonNode> body,
      Node scope,
      List<Node> targets,
      List<Node> created,
      String kind,
      Runnable onDone,
      Runnable onFailed) {
    return queue(
        c,
        body,
        scope,
        targets,
        created,
        kind,
        onDone,
        onFailed,
        store.quotas.violation(store, created, null));
  }

  private Reply queue(
      Ctx c,
      java.util.function.Supplier<JsonNode> body,
      Node scope,
      List<Node> targets,
      List<Node> created,
      String kind,
      Runnable onDone,
      Runnable onFailed,
      String overLimit) {
    String failure = faults.failureFor(c.method(), c.route());
    if (failure == null) {
      failure = overLimit; // taken, and FAILED when it runs (Quotas)
    }
    int held = faults.holdNew() ? faults.releaseGeneration() : -1;
    Node dc = scope == null ? null : scope.datacenter();
    String queue = dc != null ? dc.id : scope != null ? scope.type + ":" + scope.id : "global";
    Map<String, String> headers = new LinkedHashMap<>();
    c.headers()
        .forEach(
            (k, v) -> {
              String name = k.toLowerCase(java.util.Locale.ROOT);
              if (RECORDED_HEADERS.contains(name)) {
                headers.put(name, v);
              }
            });
    RequestEngine.SimRequest r =
        engine.submit(
            new RequestEngine.SimRequest(
                store.newId(),
                c.method(),
                c.url(),
                c.rawBody(),
                headers,
                now(),
                c.user(),
                queue,
                config.durationMs(kind),
                List.copyOf(targets),
                onDone,
                onFailed,
                failure,
                faults.loseNext(c.method(), c.route()),
                held));
    // rendered after the submit, so the answer shows the resource BUSY
    JsonNode answer = body.get();
    if (faults.lateVisibility()) {
      for (Node n : created) {
        n.hidden = true;
        r.reveal.add(n);
      }
    }
    return new Reply(
        202, answer, Map.of("Location", store.baseUrl + "/requests/" + r.id + "/status"));
  }

  Reply patch(Node n, Ctx c) {
    if (n.type.equals("volume")) {
      Rules.checkCreateOnly(c.json(), null, "properties");
    }
    ObjectNode changes =
        Rules.normalize(n.type, c.json(), Rules.Mode.PATCH, n.properties, "properties");
    return update(n, c, changes, false);
  }

  Reply put(Node n, Ctx c) {
    JsonNode body = c.json();
    if (body == null || !body.isObject() || !body.has("properties")) {
      throw ApiError.required("properties");
    }
    if (n.type.equals("volume")) {
      Rules.checkCreateOnly(body.get("properties"), n.properties, "properties");
    }
    ObjectNode props =
        Rules.normalize(n.type, body.get("properties"), Rules.Mode.PUT, n.properties, "properties");
    return update(n, c, props, true);
  }

  Reply update(Node n, Ctx c, ObjectNode changes, boolean replace) {
    faults.ignoredFor(c.method(), c.route()).forEach(changes::remove);
    ObjectNode before = n.properties.deepCopy();
    ObjectNode merged = n.properties.deepCopy();
    merged.setAll(changes);
    checkUpdate(n, before, merged, changes);
    n.properties = merged;
    if (n.type.equals("nic") && changes.has("ips")) {
      n.releasedIps.clear(); // addresses set while stopped are what a start keeps
    }
    if (n.type.equals("nic")
        && changes.has("ips")
        && (changes.get("ips").isNull() || changes.get("ips").isEmpty())) {
      assignAddresses(n); // null or [] gives the cloud's own addresses back (E10)
    }
    store.touch(n, now(), c.user());
    Node dc = n.datacenter();
    if (n.type.equals("datacenter")) {
      store.bumpVersion(n);
    }
    return queue(
        c,
        () -> store.render(n, 0),
        n,
        List.of(n),
        List.of(),
        "update",
        () -> store.bumpVersion(dc),
        () -> n.properties = before,
        store.quotas.violation(store, List.of(n), before));
  }

  void checkUpdate(Node n, ObjectNode before, ObjectNode merged, ObjectNode changes) {
    switch (n.type) {
      case "datacenter" -> Rules.checkDatacenterName(merged, "properties");
      case "server" -> {
        Rules.checkServer(
            merged,
            store.catalog.family(
                n.datacenter().text("location"), merged.path("cpuFamily").asText()),
            "properties");
        if (changes.has("cpuFamily")
            && store.catalog.family(
                    n.datacenter().text("location"), changes.get("cpuFamily").asText())
                == null) {
          throw ApiError.validation(
              "[(root).properties.cpuFamily] '"
                  + changes.get("cpuFamily").asText()
                  + "' is not available in "
                  + n.datacenter().text("location"));
        }
        Rules.checkHotPlugRam(
            merged.path("ram").asInt(),
            n.attachedVolumes.stream()
                .map(id -> n.datacenter().children("volumes").get(id))
                .anyMatch(v -> v != null && v.properties.path("ramHotPlug").asBoolean()),
            "properties");
        if (changes.has("bootVolume")) {
          String v = changes.get("bootVolume").path("id").asText();
          if (!n.attachedVolumes.contains(v)) {
            throw ApiError.validation(
                "[(root).properties.bootVolume] volume " + v + " is not attached to this server");
          }
        }
      }
      case "volume" -> {
        if (changes.has("size")
            && changes.get("size").asDouble() < before.path("size").asDouble()) {
          throw ApiError.validation(
              "[(root).properties.size] a volume can only grow: "
                  + before.path("size").asText()
                  + " GB is the current size, "
                  + changes.get("size").asText()
                  + " GB was asked");
        }
        if (changes.has("licenceType")
            && before.hasNonNull("image")
            && !changes.get("licenceType").equals(before.get("licenceType"))) {
          throw ApiError.immutable("properties.licenceType");
        }
      }
      case "firewall-rule" -> Rules.checkPorts(merged, "properties");
      case "nic" -> {
        Rules.checkIps(changes.get("ips"), "properties");
        checkReservedIps(n.datacenter(), changes.get("ips"));
        if (changes.has("lan")) {
          ensureLan(n.datacenter(), changes.get("lan").asInt(), null);
        }
      }
      default -> {}
    }
  }

  Reply delete(Node n, Ctx c, String kind) {
    n.deleting = true;
    return accepted(
        c, () -> null, n, List.of(n), kind, () -> store.remove(n), () -> n.deleting = false);
  }

  static JsonNode body(Ctx c) {
    if (c.json() == null || !c.json().isObject()) {
      throw ApiError.badRequest("a JSON object is required as the body");
    }
    if (!c.json().has("properties")) {
      throw ApiError.required("properties");
    }
    return c.json();
  }

  static Iterable<JsonNode> items(JsonNode entities, String name) {
    JsonNode items = entities == null ? null : entities.path(name).path("items");
    return items != null && items.isArray() ? items : List.of();
  }

  static void defaults(ObjectNode props, Object... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      String name = (String) pairs[i];
      if (!props.hasNonNull(name)) {
        Object v = pairs[i + 1];
        if (v == null) {
          props.putNull(name);
        } else if (v instanceof Boolean b) {
          props.put(name, b);
        } else if (v instanceof Integer n) {
          props.put(name, n);
        } else {
          props.put(name, v.toString());
        }
      }
    }
  }

  /** A create reached DONE: servers run, load balancers have an address. */
  void provisioned(List<Node> created) {
    for (Node n : created) {
      if (n.type.equals("server")) {
        n.properties.put("vmState", "RUNNING");
      }
      if (n.type.equals("loadbalancer") && !n.properties.hasNonNull("ip")) {
        n.properties.put("ip", store.addresses.dynamicPublicIp());
      }
      store.bumpVersion(n.datacenter());
    }
  }

  void rollback(List<Node> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      Node n = created.get(i);
      if (n.type.equals("lan") && n.parent != null && n.parent.children("lans").containsKey(n.id)) {
        continue; // a LAN made implicitly by a NIC stays, as the cloud keeps it
      }
      if (n.parent == null
          ? store.datacenters.containsKey(n.id)
          : n.parent.children(n.collection).containsKey(n.id)) {
        store.remove(n);
      }
    }
  }

  void checkReservedIps(Node dc, JsonNode ips) {
    if (ips == null) {
      return;
    }
    for (JsonNode ipNode : ips) {
      String ip = ipNode.asText();
      if (!Addresses.isReservablePublic(ip)) {
        continue;
      }
      boolean owned =
          store.ipBlocks.values().stream()
              .anyMatch(
                  b ->
                      b.text("location").equals(dc.text("location"))
                          && java.util.stream.StreamSupport.stream(
                                  b.properties.path("ips").spliterator(), false)
                              .anyMatch(x -> x.asText().equals(ip)));
      if (!owned) {
        throw ApiError.validation(
            "[(root).properties.ips] "
                + ip
                + " is not reserved in an IP block in "
                + dc.text("location"));
      }
    }
  }

  /** A NIC that names no address gets one: public for a public LAN, private otherwise. */
  void assignAddresses(Node nic) {
    JsonNode ips = nic.properties.get("ips");
    if (ips != null && ips.isArray() && ips.size() > 0) {
      return;
    }
    Node lan = nic.datacenter().children("lans").get(nic.properties.get("lan").asText());
    ArrayNode a = nic.properties.putArray("ips");
    a.add(
        lan != null && lan.properties.path("public").asBoolean()
            ? store.addresses.dynamicPublicIp()
            : store.addresses.privateIp());
  }

  /** A NIC naming a LAN number that does not exist makes the cloud create it, private. */
  void ensureLan(Node dc, int number, List<Node> created) {
    String id = Integer.toString(number);
    if (dc.children("lans").containsKey(id)) {
      return;
    }
    ObjectNode props = store.mapper.createObjectNode();
    props.putNull("name");
    props.putArray("ipFailover");
    props.putNull("pcc");
    props.put("public", false);
    Node lan = new Node(id, "lan", dc, "lans", props, now(), dc.createdBy);
    dc.children("lans").put(id, lan);
    store.seeLanId(dc, number);
    if (created != null) {
      created.add(lan);
    }
  }
}
