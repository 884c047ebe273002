package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Cloud API v6 routes the simulator serves and what each does to the state. */
final class CloudApi {
  /** One API call, parsed. */
  record Ctx(
      String method,
      String route,
      Map<String, String> params,
      Map<String, String> query,
      JsonNode json,
      Map<String, String> form,
      String rawBody,
      Map<String, String> headers,
      String url,
      String user) {
    String p(String name) {
      return params.get(name);
    }

    int depth() {
      String d = query.get("depth");
      if (d == null) {
        return 0;
      }
      try {
        int v = Integer.parseInt(d.trim());
        if (v < 0 || v > 10) {
          throw ApiError.badRequest("depth must be within 0..10");
        }
        return v;
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("depth must be a number");
      }
    }

    Long longQuery(String name, long min, long max) {
      String v = query.get(name);
      if (v == null) {
        return null;
      }
      try {
        long l = Long.parseLong(v.trim());
        if (l < min || l > max) {
          throw ApiError.badRequest(name + " must be within " + min + ".." + max);
        }
        return l;
      } catch (NumberFormatException e) {
        throw ApiError.badRequest(name + " must be a number");
      }
    }
  }

  /** An answer: status, JSON body (or none) and extra headers such as Location. */
  record Reply(int status, JsonNode body, Map<String, String> headers) {}

  record Route(
      String method,
      String template,
      Pattern pattern,
      List<String> names,
      Function<Ctx, Reply> handler) {}

  record Match(Route route, Map<String, String> params) {}

  private static final List<String> LABEL_OWNERS =
      List.of(
          "/datacenters/{datacenterId}",
          "/datacenters/{datacenterId}/servers/{serverId}",
          "/datacenters/{datacenterId}/volumes/{volumeId}",
          "/snapshots/{snapshotId}",
          "/ipblocks/{ipblockId}");

  private final Store store;
  private final RequestEngine engine;
  private final Faults faults;
  private final SimConfig config;
  private final LongSupplier clockMs;
  private final List<Route> routes = new ArrayList<>();

  CloudApi(
      Store store, RequestEngine engine, Faults faults, SimConfig config, LongSupplier clockMs) {
    this.store = store;
    this.engine = engine;
    this.faults = faults;
    this.config = config;
    this.clockMs = clockMs;
    defineRoutes();
  }

  // ---------------------------------------------------------------- routing

  private void on(String method, String template, Function<Ctx, Reply> handler) {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
    StringBuilder regex = new StringBuilder("^");
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last))).append("/?$");
    routes.add(new Route(method, template, Pattern.compile(regex.toString()), names, handler));
  }

  /** The route for a path; null when no route has the path; a route with null handler for 405. */
  Match match(String method, String path) {
    Match pathOnly = null;
    for (Route r : routes) {
      Matcher m = r.pattern().matcher(path);
      if (m.matches()) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < r.names().size(); i++) {
          params.put(
              r.names().get(i),
              java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (r.method().equals(method)) {
          return new Match(r, params);
        }
        pathOnly = new Match(new Route(method, r.template(), r.pattern(), r.names(), null), params);
      }
    }
    return pathOnly;
  }

  private void defineRoutes() {
    on("GET", "/", c -> ok(info()));
    on("GET", "/contracts", c -> ok(contracts()));
    on("GET", "/locations", c -> ok(locations(null, c)));
    on("GET", "/locations/{regionId}", c -> ok(locations(c.p("regionId"), c)));
    on(
        "GET",
        "/locations/{regionId}/{locationId}",
        c -> ok(location(c.p("regionId") + "/" + c.p("locationId"), true)));

    on(
        "GET",
        "/datacenters",
        c -> ok(list("datacenters", "/datacenters", List.copyOf(store.datacenters.values()), c)));
    on("POST", "/datacenters", this::createDatacenter);
    on("GET", "/datacenters/{datacenterId}", c -> get(dc(c), c));
    on("PATCH", "/datacenters/{datacenterId}", c -> patch(dc(c), c));
    on("PUT", "/datacenters/{datacenterId}", c -> put(dc(c), c));
    on("DELETE", "/datacenters/{datacenterId}", c -> delete(dc(c), c, "delete"));

    on("GET", "/datacenters/{datacenterId}/servers", c -> ok(children(dc(c), "servers", c)));
    on("POST", "/datacenters/{datacenterId}/servers", this::createServer);
    on("GET", "/datacenters/{datacenterId}/servers/{serverId}", c -> get(server(c), c));
    on("PATCH", "/datacenters/{datacenterId}/servers/{serverId}", c -> patch(server(c), c));
    on("PUT", "/datacenters/{datacenterId}/servers/{serverId}", c -> put(server(c), c));
    on("DELETE", "/datacenters/{datacenterId}/servers/{serverId}", this::deleteServer);
    on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/start",
        c -> power(c, "RUNNING", "AVAILABLE"));
    on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/stop",
        c -> power(c, "SHUTOFF", "INACTIVE"));
    on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/reboot",
        c -> power(c, "RUNNING", "AVAILABLE"));
    on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/suspend",
        c -> cube(c, "SUSPENDED", "INACTIVE"));
    on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/resume",
        c -> cube(c, "RUNNING", "AVAILABLE"));
    on("POST", "/datacenters/{datacenterId}/servers/{serverId}/upgrade", c -> power(c, null, null));
    on(
        "GET",
        "/datacenters/{datacenterId}/servers/{serverId}/volumes",
        c -> ok(relation(server(c), "volumes", c)));
    on("POST", "/datacenters/{datacenterId}/servers/{serverId}/volumes", this::attachVolume);
    on(
        "GET",
        "/datacenters/{datacenterId}/servers/{serverId}/volumes/{volumeId}",
        c -> get(attachedVolume(c), c));
    on(
        "DELETE",
        "/datacenters/{datacenterId}/servers/{serverId}/volumes/{volumeId}",
        this::detachVolume);
    on(
        "GET",
        "/datacenters/{datacenterId}/servers/{serverId}/cdroms",
        c -> ok(relation(server(c), "cdroms", c)));
    on("POST", "/datacenters/{datacenterId}/servers/{serverId}/cdroms", this::attachCdrom);
    on(
        "GET",
        "/datacenters/{datacenterId}/servers/{serverId}/cdroms/{cdromId}",
        c -> get(attachedCdrom(c), c));
    on(
        "DELETE",
        "/datacenters/{datacenterId}/servers/{serverId}/cdroms/{cdromId}",
        this::detachCdrom);

    on(
        "GET",
        "/datacenters/{datacenterId}/servers/{serverId}/nics",
        c -> ok(children(server(c), "nics", c)));
    on("POST", "/datacenters/{datacenterId}/servers/{serverId}/nics", this::createNic);
    on("GET", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}", c -> get(nic(c), c));
    on(
        "PATCH",
        "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}",
        c -> patch(nic(c), c));
    on("PUT", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}", c -> put(nic(c), c));
    on(
        "DELETE",
        "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}",
        c -> delete(nic(c), c, "delete"));
    String rules = "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules";
    on("GET", rules, c -> ok(children(nic(c), "firewallrules", c)));
    on("POST", rules, this::createFirewallRule);
    on("GET", rules + "/{firewallruleId}", c -> get(rule(c), c));
    on("PATCH", rules + "/{firewallruleId}", c -> patch(rule(c), c));
    on("PUT", rules + "/{firewallruleId}", c -> put(rule(c), c));
    on("DELETE", rules + "/{firewallruleId}", c -> delete(rule(c), c, "delete"));

    on("GET", "/images", c -> ok(list("images", "/images", List.copyOf(store.images.values()), c)));
    on("GET", "/images/{imageId}", c -> get(image(c), c));
    on("PATCH", "/images/{imageId}", c -> patch(privateImage(c), c));
    on("PUT", "/images/{imageId}", c -> put(privateImage(c), c));
    on("DELETE", "/images/{imageId}", c -> delete(privateImage(c), c, "delete"));

    on("GET", "/datacenters/{datacenterId}/volumes", c -> ok(children(dc(c), "volumes", c)));
    on("POST", "/datacenters/{datacenterId}/volumes", this::createVolume);
    on("GET", "/datacenters/{datacenterId}/volumes/{volumeId}", c -> get(volume(c), c));
    on("PATCH", "/datacenters/{datacenterId}/volumes/{volumeId}", c -> patch(volume(c), c));
    on("PUT", "/datacenters/{datacenterId}/volumes/{volumeId}", c -> put(volume(c), c));
    on(
        "DELETE",
        "/datacenters/{datacenterId}/volumes/{volumeId}",
        c -> delete(volume(c), c, "delete"));
    on(
        "POST",
        "/datacenters/{datacenterId}/volumes/{volumeId}/create-snapshot",
        this::createSnapshot);
    on(
        "POST",
        "/datacenters/{datacenterId}/volumes/{volumeId}/restore-snapshot",
        this::restoreSnapshot);

    on(
        "GET",
        "/snapshots",
        c -> ok(list("snapshots", "/snapshots", List.copyOf(store.snapshots.values()), c)));
    on("GET", "/snapshots/{snapshotId}", c -> get(snapshot(c), c));
    on("PATCH", "/snapshots/{snapshotId}", c -> patch(snapshot(c), c));
    on("PUT", "/snapshots/{snapshotId}", c -> put(snapshot(c), c));
    on("DELETE", "/snapshots/{snapshotId}", c -> delete(snapshot(c), c, "delete"));

    on(
        "GET",
        "/ipblocks",
        c -> ok(list("ipblocks", "/ipblocks", List.copyOf(store.ipBlocks.values()), c)));
    on("POST", "/ipblocks", this::reserveIpBlock);
    on("GET", "/ipblocks/{ipblockId}", c -> get(ipBlock(c), c));
    on("PATCH", "/ipblocks/{ipblockId}", c -> patch(ipBlock(c), c));
    on("PUT", "/ipblocks/{ipblockId}", c -> put(ipBlock(c), c));
    on("DELETE", "/ipblocks/{ipblockId}", c -> delete(ipBlock(c), c, "delete"));

    on("GET", "/datacenters/{datacenterId}/lans", c -> ok(children(dc(c), "lans", c)));
    on("POST", "/datacenters/{datacenterId}/lans", this::createLan);
    on("GET", "/datacenters/{datacenterId}/lans/{lanId}", c -> get(lan(c), c));
    on("PATCH", "/datacenters/{datacenterId}/lans/{lanId}", c -> patch(lan(c), c));
    on("PUT", "/datacenters/{datacenterId}/lans/{lanId}", c -> put(lan(c), c));
    on("DELETE", "/datacenters/{datacenterId}/lans/{lanId}", this::deleteLan);
    on(
        "GET",
        "/datacenters/{datacenterId}/lans/{lanId}/nics",
        c -> ok(relation(lan(c), "nics", c)));
    on("POST", "/datacenters/{datacenterId}/lans/{lanId}/nics", this::addLanMember);
    on("GET", "/datacenters/{datacenterId}/lans/{lanId}/nics/{nicId}", c -> get(lanMember(c), c));

    String lbs = "/datacenters/{datacenterId}/loadbalancers";
    on("GET", lbs, c -> ok(children(dc(c), "loadbalancers", c)));
    on("POST", lbs, this::createLoadBalancer);
    on("GET", lbs + "/{loadbalancerId}", c -> get(loadBalancer(c), c));
    on("PATCH", lbs + "/{loadbalancerId}", c -> patch(loadBalancer(c), c));
    on("PUT", lbs + "/{loadbalancerId}", c -> put(loadBalancer(c), c));
    on("DELETE", lbs + "/{loadbalancerId}", c -> delete(loadBalancer(c), c, "delete"));
    on(
        "GET",
        lbs + "/{loadbalancerId}/balancednics",
        c -> ok(relation(loadBalancer(c), "balancednics", c)));
    on("POST", lbs + "/{loadbalancerId}/balancednics", this::addBalancedNic);
    on("GET", lbs + "/{loadbalancerId}/balancednics/{nicId}", c -> get(balancedNic(c), c));
    on("DELETE", lbs + "/{loadbalancerId}/balancednics/{nicId}", this::removeBalancedNic);

    on("GET", "/requests", this::listRequests);
    on("GET", "/requests/{requestId}", c -> ok(request(findRequest(c), Math.max(1, c.depth()))));
    on("GET", "/requests/{requestId}/status", c -> ok(requestStatus(findRequest(c))));

    for (String owner : LABEL_OWNERS) {
      on("GET", owner + "/labels", c -> ok(labels(labelOwner(c))));
      on("POST", owner + "/labels", c -> createLabel(labelOwner(c), c));
      on("GET", owner + "/labels/{key}", c -> ok(label(labelOwner(c), c.p("key"))));
      on("PUT", owner + "/labels/{key}", c -> putLabel(labelOwner(c), c));
      on("DELETE", owner + "/labels/{key}", c -> deleteLabel(labelOwner(c), c));
    }
  }

  // ---------------------------------------------------------------- lookups

  private Node dc(Ctx c) {
    Node dc = store.datacenters.get(c.p("datacenterId"));
    if (dc == null) {
      throw ApiError.notFound("datacenter " + c.p("datacenterId"));
    }
    return dc;
  }

  private static Node child(Node parent, String collection, String id, String what) {
    Node n = parent.children(collection).get(id);
    if (n == null) {
      throw ApiError.notFound(what + " " + id);
    }
    return n;
  }

  private Node server(Ctx c) {
    return child(dc(c), "servers", c.p("serverId"), "server");
  }

  private Node volume(Ctx c) {
    return child(dc(c), "volumes", c.p("volumeId"), "volume");
  }

  private Node nic(Ctx c) {
    return child(server(c), "nics", c.p("nicId"), "nic");
  }

  private Node rule(Ctx c) {
    return child(nic(c), "firewallrules", c.p("firewallruleId"), "firewall rule");
  }

  private Node lan(Ctx c) {
    return child(dc(c), "lans", c.p("lanId"), "lan");
  }

  private Node loadBalancer(Ctx c) {
    return child(dc(c), "loadbalancers", c.p("loadbalancerId"), "load balancer");
  }

  private Node image(Ctx c) {
    Node n = store.images.get(c.p("imageId"));
    if (n == null) {
      throw ApiError.notFound("image " + c.p("imageId"));
    }
    return n;
  }

  private Node privateImage(Ctx c) {
    Node n = image(c);
    if (n.properties.path("public").asBoolean()) {
      throw new ApiError(403, "315", "Access denied: public images cannot be changed or deleted");
    }
    return n;
  }

  private Node snapshot(Ctx c) {
    Node n = store.snapshots.get(c.p("snapshotId"));
    if (n == null) {
      throw ApiError.notFound("snapshot " + c.p("snapshotId"));
    }
    return n;
  }

  private Node ipBlock(Ctx c) {
    Node n = store.ipBlocks.get(c.p("ipblockId"));
    if (n == null) {
      throw ApiError.notFound("ipblock " + c.p("ipblockId"));
    }
    return n;
  }

  private Node attachedVolume(Ctx c) {
    Node s = server(c);
    if (!s.attachedVolumes.contains(c.p("volumeId"))) {
      throw ApiError.notFound("volume " + c.p("volumeId") + " attached to server " + s.id);
    }
    return volume(c);
  }

  private Node attachedCdrom(Ctx c) {
    Node s = server(c);
    if (!s.cdroms.contains(c.p("cdromId"))) {
      throw ApiError.notFound("cdrom " + c.p("cdromId") + " attached to server " + s.id);
    }
    return store.images.get(c.p("cdromId"));
  }

  private Node lanMember(Ctx c) {
    Node lan = lan(c);
    return store.lanMembers(lan).stream()
        .filter(n -> n.id.equals(c.p("nicId")))
        .findFirst()
        .orElseThrow(() -> ApiError.notFound("nic " + c.p("nicId") + " in lan " + lan.id));
  }

  private Node balancedNic(Ctx c) {
    Node lb = loadBalancer(c);
    if (!lb.balancedNics.contains(c.p("nicId"))) {
      throw ApiError.notFound("nic " + c.p("nicId") + " balanced by " + lb.id);
    }
    return store.findNic(lb.datacenter(), c.p("nicId"));
  }

  private Node labelOwner(Ctx c) {
    if (c.p("ipblockId") != null) {
      return ipBlock(c);
    }
    if (c.p("snapshotId") != null) {
      return snapshot(c);
    }
    if (c.p("serverId") != null) {
      return server(c);
    }
    if (c.p("volumeId") != null) {
      return volume(c);
    }
    return dc(c);
  }

  // ---------------------------------------------------------------- generic answers

  private static Reply ok(JsonNode body) {
    return new Reply(200, body, Map.of());
  }

  private Reply get(Node n, Ctx c) {
    boolean noDepth = !c.query().containsKey("depth");
    ObjectNode body = store.render(n, c.depth());
    return new Reply(
        200,
        body,
        noDepth ? Map.of("ETag", body.path("metadata").path("etag").asText()) : Map.of());
  }

  private ObjectNode list(String id, String href, List<Node> items, Ctx c) {
    return store.collection(
        id,
        store.baseUrl + href,
        items,
        c.depth(),
        c.longQuery("offset", 0, Long.MAX_VALUE),
        c.longQuery("limit", 1, 10000));
  }

  private ObjectNode children(Node parent, String name, Ctx c) {
    return store.collection(
        parent.id + "/" + name,
        store.href(parent) + "/" + name,
        new ArrayList<>(parent.children(name).values()),
        c.depth(),
        c.longQuery("offset", 0, Long.MAX_VALUE),
        c.longQuery("limit", 1, 10000));
  }

  private ObjectNode relation(Node parent, String name, Ctx c) {
    return store.collection(
        parent.id + "/" + name,
        store.href(parent) + "/" + name,
        store.entity(parent, name),
        c.depth(),
        c.longQuery("offset", 0, Long.MAX_VALUE),
        c.longQuery("limit", 1, 10000));
  }

  String now() {
    return Instant.ofEpochMilli(clockMs.getAsLong()).toString();
  }

  /** Queues the request for a write and answers 202 with its Location. */
  private Reply accepted(
      Ctx c,
      java.util.function.Supplier<JsonNode> body,
      Node scope,
      List<Node> targets,
      String kind,
      Runnable onDone,
      Runnable onFailed) {
    String failure = faults.failureFor(c.method(), c.route());
    int held = faults.holdNew() ? faults.releaseGeneration() : -1;
    Node dc = scope == null ? null : scope.datacenter();
    String queue = dc != null ? dc.id : scope != null ? scope.type + ":" + scope.id : "global";
    Map<String, String> headers = new LinkedHashMap<>();
    c.headers()
        .forEach(
            (k, v) -> {
              if (!k.equalsIgnoreCase("authorization")) {
                headers.put(k.toLowerCase(java.util.Locale.ROOT), v);
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
                faults.loseNext(),
                held));
    // rendered after the submit, so the answer shows the resource BUSY
    return new Reply(
        202, body.get(), Map.of("Location", store.baseUrl + "/requests/" + r.id + "/status"));
  }

  private Reply patch(Node n, Ctx c) {
    ObjectNode changes =
        Rules.normalize(n.type, c.json(), Rules.Mode.PATCH, n.properties, "properties");
    return update(n, c, changes, false);
  }

  private Reply put(Node n, Ctx c) {
    JsonNode body = c.json();
    if (body == null || !body.isObject() || !body.has("properties")) {
      throw ApiError.required("properties");
    }
    ObjectNode props =
        Rules.normalize(n.type, body.get("properties"), Rules.Mode.PUT, n.properties, "properties");
    return update(n, c, props, true);
  }

  private Reply update(Node n, Ctx c, ObjectNode changes, boolean replace) {
    ObjectNode before = n.properties.deepCopy();
    ObjectNode merged = n.properties.deepCopy();
    merged.setAll(changes);
    checkUpdate(n, before, merged, changes);
    n.properties = merged;
    store.touch(n, now(), c.user());
    Node dc = n.datacenter();
    if (n.type.equals("datacenter")) {
      store.bumpVersion(n);
    }
    return accepted(
        c,
        () -> store.render(n, 0),
        n,
        List.of(n),
        "update",
        () -> store.bumpVersion(dc),
        () -> n.properties = before);
  }

  private void checkUpdate(Node n, ObjectNode before, ObjectNode merged, ObjectNode changes) {
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
        changes.remove("imagePassword");
        merged.putNull("imagePassword");
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

  private Reply delete(Node n, Ctx c, String kind) {
    n.deleting = true;
    return accepted(
        c, () -> null, n, List.of(n), kind, () -> store.remove(n), () -> n.deleting = false);
  }

  // ---------------------------------------------------------------- info, locations, contracts

  private ObjectNode info() {
    ObjectNode o = store.mapper.createObjectNode();
    o.put("href", store.baseUrl + "/");
    o.put("name", "CLOUD API");
    o.put("version", "6.0");
    return o;
  }

  private ObjectNode contracts() {
    ObjectNode c = store.mapper.createObjectNode();
    c.put("id", "contracts");
    c.put("type", "collection");
    c.put("href", store.baseUrl + "/contracts");
    ObjectNode item = c.putArray("items").addObject();
    item.put("type", "contract");
    ObjectNode p = item.putObject("properties");
    p.put("contractNumber", 31415926);
    p.put("owner", "simulator@example.com");
    p.put("status", "BILLABLE");
    p.put("regDomain", "ionos.de");
    ObjectNode l = p.putObject("resourceLimits");
    long cores = 0;
    long ram = 0;
    for (Node dc : store.datacenters.values()) {
      for (Node s : dc.children("servers").values()) {
        cores += s.properties.path("cores").asLong();
        ram += s.properties.path("ram").asLong();
      }
    }
    l.put("coresPerServer", 62);
    l.put("coresPerContract", 500);
    l.put("coresProvisioned", cores);
    l.put("ramPerServer", 245760);
    l.put("ramPerContract", 2097152);
    l.put("ramProvisioned", ram);
    l.put("hddLimitPerVolume", 4096);
    l.put("hddLimitPerContract", 65536);
    l.put("ssdLimitPerVolume", 4096);
    l.put("ssdLimitPerContract", 65536);
    l.put("reservableIps", 64);
    l.put(
        "reservedIpsOnContract",
        store.ipBlocks.values().stream().mapToLong(b -> b.properties.path("size").asLong()).sum());
    l.put("reservedIpsInUse", 0);
    l.put("hddVolumeProvisioned", provisioned("HDD"));
    l.put("ssdVolumeProvisioned", provisioned("SSD"));
    l.put("dasVolumeProvisioned", provisioned("DAS"));
    l.put("k8sClusterLimitTotal", 10);
    l.put("k8sClustersProvisioned", 0);
    l.put("natGatewayLimitTotal", 10);
    l.put("natGatewayProvisioned", 0);
    l.put("nlbLimitTotal", 10);
    l.put("nlbProvisioned", 0);
    return c;
  }

  private long provisioned(String typePrefix) {
    long gb = 0;
    for (Node dc : store.datacenters.values()) {
      for (Node v : dc.children("volumes").values()) {
        if (v.properties.path("type").asText().startsWith(typePrefix)) {
          gb += v.properties.path("size").asLong();
        }
      }
    }
    return gb;
  }

  private ObjectNode locations(String region, Ctx c) {
    ObjectNode col = store.mapper.createObjectNode();
    col.put("id", region == null ? "locations" : region);
    col.put("type", "collection");
    col.put("href", store.baseUrl + "/locations" + (region == null ? "" : "/" + region));
    ArrayNode items = col.putArray("items");
    boolean any = false;
    for (String id : store.catalog.locations.keySet()) {
      if (region == null || id.startsWith(region + "/")) {
        items.add(location(id, c.depth() > 0));
        any = true;
      }
    }
    if (region != null && !any) {
      throw ApiError.notFound("region " + region);
    }
    return col;
  }

  private ObjectNode location(String id, boolean full) {
    Catalog.LocationInfo l = store.catalog.locations.get(id);
    if (l == null) {
      throw ApiError.notFound("location " + id);
    }
    ObjectNode o = store.mapper.createObjectNode();
    o.put("id", id);
    o.put("type", "location");
    o.put("href", store.baseUrl + "/locations/" + id);
    if (!full) {
      return o;
    }
    ObjectNode m = o.putObject("metadata");
    m.put("etag", Store.etag(id));
    m.put("createdDate", "2024-01-01T00:00:00Z");
    m.put("createdBy", "System");
    m.put("lastModifiedDate", "2024-01-01T00:00:00Z");
    m.put("lastModifiedBy", "System");
    m.put("state", "AVAILABLE");
    ObjectNode p = o.putObject("properties");
    p.put("name", l.name());
    ArrayNode f = p.putArray("features");
    Catalog.FEATURES.forEach(f::add);
    ArrayNode a = p.putArray("imageAliases");
    store.catalog.aliases(id).stream().distinct().forEach(a::add);
    p.set("cpuArchitecture", store.catalog.cpuArchitectures(store.mapper, id));
    return o;
  }

  // ---------------------------------------------------------------- datacenters

  private Reply createDatacenter(Ctx c) {
    JsonNode body = body(c);
    ObjectNode props =
        Rules.normalize(
            "datacenter", body.get("properties"), Rules.Mode.CREATE, null, "properties");
    Rules.checkDatacenterName(props, "properties");
    String location = props.get("location").asText();
    if (!store.catalog.locations.containsKey(location)) {
      throw ApiError.validation(
          "[(root).properties.location] unknown location '"
              + location
              + "'; known: "
              + store.catalog.locations.keySet());
    }
    defaults(props, "name", null, "description", null);
    props.put("secAuthProtection", props.path("secAuthProtection").asBoolean(false));
    Node dc = new Node(store.newId(), "datacenter", null, "datacenters", props, now(), c.user());
    List<Node> created = new ArrayList<>();
    created.add(dc);
    List<Runnable> commit = new ArrayList<>();
    JsonNode entities = body.path("entities");
    boolean hasEntities = entities.isObject() && entities.size() > 0;
    for (JsonNode lanBody : items(entities, "lans")) {
      commit.add(buildLan(dc, lanBody, created, "entities.lans"));
    }
    for (JsonNode volumeBody : items(entities, "volumes")) {
      Node v = buildVolume(dc, volumeBody, "entities.volumes");
      created.add(v);
      commit.add(() -> dc.children("volumes").put(v.id, v));
    }
    for (JsonNode serverBody : items(entities, "servers")) {
      commit.add(buildServer(dc, serverBody, created, "entities.servers"));
    }
    for (JsonNode lbBody : items(entities, "loadbalancers")) {
      Node lb = buildLoadBalancer(dc, lbBody, "entities.loadbalancers");
      created.add(lb);
      commit.add(() -> dc.children("loadbalancers").put(lb.id, lb));
    }
    store.datacenters.put(dc.id, dc);
    commit.forEach(Runnable::run);
    return accepted(
        c,
        () -> store.render(dc, hasEntities ? 5 : 0),
        dc,
        created,
        "datacenter",
        () -> provisioned(created),
        () -> store.remove(dc));
  }

  private static JsonNode body(Ctx c) {
    if (c.json() == null || !c.json().isObject()) {
      throw ApiError.badRequest("a JSON object is required as the body");
    }
    if (!c.json().has("properties")) {
      throw ApiError.required("properties");
    }
    return c.json();
  }

  private static Iterable<JsonNode> items(JsonNode entities, String name) {
    JsonNode items = entities == null ? null : entities.path(name).path("items");
    return items != null && items.isArray() ? items : List.of();
  }

  private static void defaults(ObjectNode props, Object... pairs) {
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
  private void provisioned(List<Node> created) {
    for (Node n : created) {
      if (n.type.equals("server")) {
        n.properties.put("vmState", "RUNNING");
      }
      if (n.type.equals("loadbalancer") && !n.properties.hasNonNull("ip")) {
        n.properties.put("ip", store.dynamicPublicIp());
      }
      store.bumpVersion(n.datacenter());
    }
  }

  // ---------------------------------------------------------------- servers

  private Reply createServer(Ctx c) {
    Node dc = dc(c);
    List<Node> created = new ArrayList<>();
    Runnable commit = buildServer(dc, body(c), created, "");
    commit.run();
    Node server = created.get(0);
    boolean composite = created.size() > 1 || !server.attachedVolumes.isEmpty();
    List<Node> targets = new ArrayList<>(created);
    for (String v : server.attachedVolumes) {
      Node vol = dc.children("volumes").get(v);
      if (!targets.contains(vol)) {
        targets.add(vol);
      }
    }
    return accepted(
        c,
        () -> store.render(server, composite ? 3 : 0),
        server,
        targets,
        "server",
        () -> provisioned(created),
        () -> rollback(created));
  }

  private void rollback(List<Node> created) {
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

  /** Validates a server (with its entities) and returns what adds it to the datacenter. */
  private Runnable buildServer(Node dc, JsonNode body, List<Node> created, String path) {
    String p = path.isEmpty() ? "properties" : path + ".properties";
    ObjectNode props =
        Rules.normalize("server", body.get("properties"), Rules.Mode.CREATE, null, p);
    String location = dc.text("location");
    Catalog.CpuFamily family;
    if (props.hasNonNull("cpuFamily")) {
      family = store.catalog.family(location, props.get("cpuFamily").asText());
      if (family == null) {
        throw ApiError.validation(
            "[(root)."
                + p
                + ".cpuFamily] '"
                + props.get("cpuFamily").asText()
                + "' is not available in "
                + location);
      }
    } else {
      family = store.catalog.locations.get(location).cpuFamilies().get(0);
      props.put("cpuFamily", family.name());
    }
    Rules.checkServer(props, family, p);
    defaults(
        props,
        "name",
        null,
        "availabilityZone",
        "AUTO",
        "type",
        "ENTERPRISE",
        "bootCdrom",
        null,
        "bootVolume",
        null);
    props.putNull("vmState");
    Node server = new Node(store.newId(), "server", dc, "servers", props, now(), dc.createdBy);
    created.add(server);
    List<Runnable> commit = new ArrayList<>();
    JsonNode entities = body.path("entities");
    List<Node> newVolumes = new ArrayList<>();
    List<String> attach = new ArrayList<>();
    int i = 0;
    for (JsonNode vb : items(entities, "volumes")) {
      String vp = (path.isEmpty() ? "" : path + ".") + "entities.volumes.items[" + i++ + "]";
      if (vb.has("properties")) {
        Node v = buildVolume(dc, vb, vp);
        newVolumes.add(v);
        created.add(v);
        attach.add(v.id);
      } else {
        String id = vb.path("id").asText("");
        Node existing = dc.children("volumes").get(id);
        if (existing == null) {
          throw ApiError.notFound("volume " + id);
        }
        if (!store.serversWithVolume(dc, id).isEmpty()) {
          throw ApiError.validation(
              "[(root)." + vp + "] volume " + id + " is already attached to a server");
        }
        attach.add(id);
      }
    }
    List<Node> nics = new ArrayList<>();
    i = 0;
    for (JsonNode nb : items(entities, "nics")) {
      nics.add(
          buildNic(
              server,
              nb,
              created,
              (path.isEmpty() ? "" : path + ".") + "entities.nics.items[" + i++ + "]"));
    }
    List<String> cdroms = new ArrayList<>();
    for (JsonNode cb : items(entities, "cdroms")) {
      cdroms.add(cdromImage(dc, cb.path("id").asText("")).id);
    }
    if (props.hasNonNull("bootVolume")) {
      String boot = props.get("bootVolume").get("id").asText();
      if (!attach.contains(boot) && !dc.children("volumes").containsKey(boot)) {
        throw ApiError.validation(
            "[(root)." + p + ".bootVolume] volume " + boot + " does not exist in this datacenter");
      }
    }
    return () -> {
      dc.children("servers").put(server.id, server);
      for (Node v : newVolumes) {
        dc.children("volumes").put(v.id, v);
      }
      for (String v : attach) {
        attachTo(server, dc.children("volumes").get(v));
      }
      for (Node nic : nics) {
        server.children("nics").put(nic.id, nic);
        ensureLan(dc, nic.properties.get("lan").asInt(), created);
        assignAddresses(nic);
      }
      server.cdroms.addAll(cdroms);
      if (!props.hasNonNull("bootVolume") && !attach.isEmpty() && cdroms.isEmpty()) {
        props.putObject("bootVolume").put("id", attach.get(0));
      }
      if (props.hasNonNull("bootVolume")) {
        Node boot = dc.children("volumes").get(props.get("bootVolume").get("id").asText());
        if (boot != null) {
          boot.properties.put("bootServer", server.id);
        }
      }
      commit.forEach(Runnable::run);
      store.bumpVersion(dc);
    };
  }

  private void attachTo(Node server, Node volume) {
    server.attachedVolumes.add(volume.id);
    int device = 1;
    for (String id : server.attachedVolumes) {
      Node v = server.datacenter().children("volumes").get(id);
      if (v != null && v.properties.hasNonNull("deviceNumber")) {
        device = Math.max(device, v.properties.get("deviceNumber").asInt() + 1);
      }
    }
    volume.properties.put("deviceNumber", device);
    volume.properties.put("bus", volume.requestedBus == null ? "VIRTIO" : volume.requestedBus);
  }

  private Reply deleteServer(Ctx c) {
    Node server = server(c);
    boolean deleteVolumes = Boolean.parseBoolean(c.query().getOrDefault("deleteVolumes", "false"));
    server.deleting = true;
    Node dc = server.datacenter();
    List<String> volumes = List.copyOf(server.attachedVolumes);
    return accepted(
        c,
        () -> null,
        server,
        List.of(server),
        "delete",
        () -> {
          store.remove(server);
          if (deleteVolumes) {
            for (String v : volumes) {
              Node vol = dc.children("volumes").get(v);
              if (vol != null) {
                store.remove(vol);
              }
            }
          }
        },
        () -> server.deleting = false);
  }

  private Reply power(Ctx c, String vmState, String resting) {
    Node server = server(c);
    return accepted(
        c,
        () -> null,
        server,
        List.of(server),
        "action",
        () -> {
          if (vmState != null) {
            server.properties.put("vmState", vmState);
            server.restingState = resting;
          }
        },
        null);
  }

  private Reply cube(Ctx c, String vmState, String resting) {
    if (!"CUBE".equals(server(c).text("type"))) {
      throw ApiError.validation("[(root)] suspend and resume are only available for CUBE servers");
    }
    return power(c, vmState, resting);
  }

  private Reply attachVolume(Ctx c) {
    Node server = server(c);
    Node dc = server.datacenter();
    JsonNode body = c.json();
    if (body == null || !body.isObject()) {
      throw ApiError.badRequest("a JSON object is required as the body");
    }
    Node volume;
    List<Node> created = new ArrayList<>();
    if (body.has("properties")) {
      volume = buildVolume(dc, body, "");
      dc.children("volumes").put(volume.id, volume);
      created.add(volume);
    } else {
      String id = body.path("id").asText("");
      if (id.isEmpty()) {
        throw ApiError.required("id");
      }
      volume = dc.children("volumes").get(id);
      if (volume == null) {
        throw ApiError.notFound("volume " + id);
      }
      if (!store.serversWithVolume(dc, id).isEmpty()) {
        throw ApiError.validation("[(root).id] volume " + id + " is already attached to a server");
      }
    }
    if (server.attachedVolumes.size() + server.children("nics").size() >= 24) {
      throw ApiError.validation("[(root)] a server has at most 24 volumes and NICs");
    }
    attachTo(server, volume);
    Node v = volume;
    return accepted(
        c,
        () -> store.render(volume, 0),
        server,
        List.of(server, volume),
        "attach",
        null,
        () -> {
          server.attachedVolumes.remove(v.id);
          store.detached(v);
          created.forEach(store::remove);
        });
  }

  private Reply detachVolume(Ctx c) {
    Node server = server(c);
    Node volume = attachedVolume(c);
    return accepted(
        c,
        () -> null,
        server,
        List.of(server, volume),
        "attach",
        () -> {
          server.attachedVolumes.remove(volume.id);
          store.detached(volume);
          if (volume.id.equals(server.properties.path("bootVolume").path("id").asText(null))) {
            server.properties.putNull("bootVolume");
          }
        },
        null);
  }

  private Node cdromImage(Node dc, String imageId) {
    Node image = store.images.get(imageId);
    if (image == null) {
      throw ApiError.notFound("image " + imageId);
    }
    if (!"CDROM".equals(image.text("imageType"))) {
      throw ApiError.validation("[(root).id] image " + imageId + " is not a CD-ROM image");
    }
    if (!dc.text("location").equals(image.text("location"))) {
      throw ApiError.validation(
          "[(root).id] image "
              + imageId
              + " is in "
              + image.text("location")
              + ", not in "
              + dc.text("location"));
    }
    return image;
  }

  private Reply attachCdrom(Ctx c) {
    Node server = server(c);
    JsonNode body = c.json() == null ? store.mapper.createObjectNode() : c.json();
    Node image = cdromImage(server.datacenter(), body.path("id").asText(""));
    if (server.cdroms.size() >= 2) {
      throw ApiError.validation("[(root)] a server has at most 2 CD-ROMs");
    }
    server.cdroms.add(image.id);
    return accepted(
        c,
        () -> store.render(image, 0),
        server,
        List.of(server),
        "attach",
        null,
        () -> server.cdroms.remove(image.id));
  }

  private Reply detachCdrom(Ctx c) {
    Node server = server(c);
    Node image = attachedCdrom(c);
    return accepted(
        c,
        () -> null,
        server,
        List.of(server),
        "attach",
        () -> server.cdroms.remove(image.id),
        null);
  }

  // ---------------------------------------------------------------- volumes and snapshots

  private Reply createVolume(Ctx c) {
    Node dc = dc(c);
    Node v = buildVolume(dc, body(c), "");
    dc.children("volumes").put(v.id, v);
    store.bumpVersion(dc);
    return accepted(
        c, () -> store.render(v, 0), v, List.of(v), "volume", null, () -> store.remove(v));
  }

  private Node buildVolume(Node dc, JsonNode body, String path) {
    String p = path.isEmpty() ? "properties" : path + ".properties";
    ObjectNode props =
        Rules.normalize("volume", body.get("properties"), Rules.Mode.CREATE, null, p);
    String location = dc.text("location");
    double size = props.get("size").asDouble();
    if (size <= 0 || size > 4096) {
      throw ApiError.validation(
          "[(root)." + p + ".size] must be within 1..4096 GB, was " + props.get("size").asText());
    }
    String imageId = props.path("image").asText(null);
    String alias = props.path("imageAlias").asText(null);
    if (imageId != null && alias != null) {
      throw ApiError.validation("[(root)." + p + "] give either image or imageAlias, not both");
    }
    Node image = null;
    if (alias != null) {
      String resolved = store.catalog.resolveAlias(alias, location);
      if (resolved == null) {
        throw ApiError.validation(
            "[(root)." + p + ".imageAlias] no image with alias '" + alias + "' in " + location);
      }
      image = store.images.get(resolved);
    } else if (imageId != null) {
      image = store.images.get(imageId);
      Node snapshot = store.snapshots.get(imageId);
      if (image == null && snapshot == null) {
        throw ApiError.validation(
            "[(root)." + p + ".image] image or snapshot " + imageId + " does not exist");
      }
      if (image == null) {
        image = snapshot;
        if (props.has("imagePassword") || props.has("sshKeys")) {
          throw ApiError.validation(
              "[(root)." + p + "] imagePassword and sshKeys are not accepted for a snapshot");
        }
      }
    }
    if (image != null) {
      if (!location.equals(image.text("location"))) {
        throw ApiError.validation(
            "[(root)."
                + p
                + ".image] the image is in "
                + image.text("location")
                + ", the datacenter in "
                + location);
      }
      if ("CDROM".equals(image.text("imageType"))) {
        throw ApiError.validation(
            "[(root)." + p + ".image] a CD-ROM image cannot back a volume; attach it as a CD-ROM");
      }
      boolean isPublic = image.properties.path("public").asBoolean(false);
      if (isPublic && !props.has("imagePassword") && !props.has("sshKeys")) {
        throw ApiError.validation(
            "[(root)." + p + "] a public image needs imagePassword or sshKeys");
      }
      if (props.has("licenceType")
          && !props.get("licenceType").asText().equals(image.text("licenceType"))) {
        throw ApiError.validation(
            "[(root)."
                + p
                + ".licenceType] is given by the image ("
                + image.text("licenceType")
                + ")");
      }
      props.put("licenceType", image.text("licenceType"));
      props.put("image", image.id);
    } else if (!props.has("licenceType")) {
      throw ApiError.validation(
          "[(root)."
              + p
              + ".licenceType] Attribute 'licenceType' is required when no image or imageAlias is given");
    }
    Rules.checkPassword(props.path("imagePassword").asText(null), p);
    String requestedBus = props.has("bus") ? props.get("bus").asText() : null;
    defaults(
        props,
        "name",
        null,
        "type",
        "HDD",
        "availabilityZone",
        "AUTO",
        "image",
        null,
        "imageAlias",
        null,
        "sshKeys",
        null,
        "backupunitId",
        null,
        "userData",
        null,
        "bootOrder",
        "AUTO");
    String type = props.get("type").asText();
    String zone = props.get("availabilityZone").asText();
    if (!zone.equals("AUTO") && !type.equals("HDD")) {
      throw ApiError.validation(
          "[(root)."
              + p
              + ".availabilityZone] only HDD volumes take a zone; leave it AUTO for "
              + type);
    }
    boolean fromImage = image != null;
    for (String flag : Rules.VOLUME_HOT_PLUG) {
      if (!props.has(flag)) {
        props.put(flag, fromImage && image.properties.path(flag).asBoolean(false));
      }
    }
    props.putNull("imagePassword");
    props.putNull("bus");
    props.putNull("deviceNumber");
    props.putNull("bootServer");
    Node v = new Node(store.newId(), "volume", dc, "volumes", props, now(), dc.createdBy);
    v.requestedBus = requestedBus;
    return v;
  }

  private Reply createSnapshot(Ctx c) {
    Node volume = volume(c);
    Map<String, String> form = c.form();
    ObjectNode props = store.mapper.createObjectNode();
    props.put(
        "name",
        form.getOrDefault(
            "name", volume.text("name") == null ? "snapshot" : volume.text("name") + "-snapshot"));
    props.put("description", form.get("description"));
    props.put("location", volume.datacenter().text("location"));
    props.putNull("size");
    props.put(
        "secAuthProtection", Boolean.parseBoolean(form.getOrDefault("secAuthProtection", "false")));
    for (String flag : Rules.HOT_PLUG) {
      props.put(flag, volume.properties.path(flag).asBoolean(false));
    }
    String licence = form.getOrDefault("licenceType", volume.text("licenceType"));
    if (licence != null && !Rules.LICENCES.contains(licence)) {
      throw ApiError.validation(
          "[(root).licenceType] '"
              + licence
              + "' is not one of "
              + new java.util.TreeSet<>(Rules.LICENCES));
    }
    props.putNull("licenceType");
    Node snapshot = new Node(store.newId(), "snapshot", null, "snapshots", props, now(), c.user());
    store.snapshots.put(snapshot.id, snapshot);
    double size = volume.properties.path("size").asDouble();
    return accepted(
        c,
        () -> store.render(snapshot, 0),
        volume,
        List.of(volume, snapshot),
        "snapshot",
        () -> {
          snapshot.properties.put("size", size);
          snapshot.properties.put("licenceType", licence);
        },
        () -> store.remove(snapshot));
  }

  private Reply restoreSnapshot(Ctx c) {
    Node volume = volume(c);
    String id = c.form().get("snapshotId");
    if (id == null || id.isBlank()) {
      throw ApiError.required("snapshotId");
    }
    Node snapshot = store.snapshots.get(id);
    if (snapshot == null) {
      throw ApiError.notFound("snapshot " + id);
    }
    if (!snapshot.text("location").equals(volume.datacenter().text("location"))) {
      throw ApiError.validation(
          "[(root).snapshotId] the snapshot is in " + snapshot.text("location"));
    }
    return accepted(c, () -> null, volume, List.of(volume), "snapshot", null, null);
  }

  // ---------------------------------------------------------------- NICs and firewall rules

  private Reply createNic(Ctx c) {
    Node server = server(c);
    Node dc = server.datacenter();
    if (server.attachedVolumes.size() + server.children("nics").size() >= 24) {
      throw ApiError.validation("[(root)] a server has at most 24 volumes and NICs");
    }
    List<Node> created = new ArrayList<>();
    Node nic = buildNic(server, body(c), created, "");
    server.children("nics").put(nic.id, nic);
    ensureLan(dc, nic.properties.get("lan").asInt(), created);
    assignAddresses(nic);
    store.bumpVersion(dc);
    List<Node> targets = new ArrayList<>(created);
    targets.add(server);
    return accepted(
        c,
        () -> store.render(nic, created.size() > 1 ? 3 : 0),
        server,
        targets,
        "nic",
        null,
        () -> rollback(created));
  }

  private Node buildNic(Node server, JsonNode body, List<Node> created, String path) {
    String p = path.isEmpty() ? "properties" : path + ".properties";
    ObjectNode props = Rules.normalize("nic", body.get("properties"), Rules.Mode.CREATE, null, p);
    Rules.checkIps(props.get("ips"), p);
    checkReservedIps(server.datacenter(), props.get("ips"));
    defaults(props, "name", null, "dhcp", true, "firewallActive", false, "firewallType", "INGRESS");
    props.put("mac", store.newMac());
    props.put("deviceNumber", server.children("nics").size() + 1);
    props.put("pciSlot", 6 + server.children("nics").size());
    Node nic = new Node(store.newId(), "nic", server, "nics", props, now(), server.createdBy);
    created.add(nic);
    int i = 0;
    for (JsonNode rb : items(body.path("entities"), "firewallrules")) {
      Node rule =
          buildRule(
              nic,
              rb,
              (path.isEmpty() ? "" : path + ".") + "entities.firewallrules.items[" + i++ + "]");
      nic.children("firewallrules").put(rule.id, rule);
      created.add(rule);
    }
    return nic;
  }

  private void checkReservedIps(Node dc, JsonNode ips) {
    if (ips == null) {
      return;
    }
    for (JsonNode ipNode : ips) {
      String ip = ipNode.asText();
      if (!Store.isReservablePublic(ip)) {
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
  private void assignAddresses(Node nic) {
    JsonNode ips = nic.properties.get("ips");
    if (ips != null && ips.isArray() && ips.size() > 0) {
      return;
    }
    Node lan = nic.datacenter().children("lans").get(nic.properties.get("lan").asText());
    ArrayNode a = nic.properties.putArray("ips");
    a.add(
        lan != null && lan.properties.path("public").asBoolean()
            ? store.dynamicPublicIp()
            : store.privateIp());
  }

  /** A NIC naming a LAN number that does not exist makes the cloud create it, private. */
  private void ensureLan(Node dc, int number, List<Node> created) {
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

  private Reply createFirewallRule(Ctx c) {
    Node nic = nic(c);
    Node rule = buildRule(nic, body(c), "");
    nic.children("firewallrules").put(rule.id, rule);
    return accepted(
        c,
        () -> store.render(rule, 0),
        nic,
        List.of(rule, nic),
        "firewall-rule",
        null,
        () -> store.remove(rule));
  }

  private Node buildRule(Node nic, JsonNode body, String path) {
    String p = path.isEmpty() ? "properties" : path + ".properties";
    ObjectNode props =
        Rules.normalize("firewall-rule", body.get("properties"), Rules.Mode.CREATE, null, p);
    Rules.checkPorts(props, p);
    String protocol = props.get("protocol").asText();
    if (!protocol.equals("TCP")
        && !protocol.equals("UDP")
        && (props.has("portRangeStart") || props.has("portRangeEnd"))) {
      throw ApiError.validation(
          "[(root)." + p + ".portRangeStart] ports are only for TCP and UDP rules");
    }
    if (!protocol.equals("ICMP") && (props.has("icmpType") || props.has("icmpCode"))) {
      throw ApiError.validation(
          "[(root)." + p + ".icmpType] ICMP type and code are only for ICMP rules");
    }
    defaults(
        props,
        "name",
        null,
        "sourceMac",
        null,
        "sourceIp",
        null,
        "targetIp",
        null,
        "icmpCode",
        null,
        "icmpType",
        null,
        "portRangeStart",
        null,
        "portRangeEnd",
        null,
        "type",
        "INGRESS");
    return new Node(
        store.newId(), "firewall-rule", nic, "firewallrules", props, now(), nic.createdBy);
  }

  // ---------------------------------------------------------------- LANs

  private Reply createLan(Ctx c) {
    Node dc = dc(c);
    List<Node> created = new ArrayList<>();
    Runnable commit = buildLan(dc, body(c), created, "");
    commit.run();
    Node lan = created.get(0);
    return accepted(
        c, () -> store.render(lan, 0), lan, created, "lan", null, () -> store.remove(lan));
  }

  private Runnable buildLan(Node dc, JsonNode body, List<Node> created, String path) {
    String p = path.isEmpty() ? "properties" : path + ".properties";
    ObjectNode props = Rules.normalize("lan", body.get("properties"), Rules.Mode.CREATE, null, p);
    defaults(props, "name", null, "public", false, "pcc", null);
    if (!props.has("ipFailover")) {
      props.putArray("ipFailover");
    }
    List<Node> members = new ArrayList<>();
    for (JsonNode ref : items(body.path("entities"), "nics")) {
      Node nic = store.findNic(dc, ref.path("id").asText(""));
      if (nic == null) {
        throw ApiError.notFound("nic " + ref.path("id").asText(""));
      }
      members.add(nic);
    }
    Node lan =
        new Node(
            Integer.toString(store.nextLanId(dc)), "lan", dc, "lans", props, now(), dc.createdBy);
    created.add(lan);
    return () -> {
      dc.children("lans").put(lan.id, lan);
      for (Node nic : members) {
        nic.properties.put("lan", Integer.parseInt(lan.id));
      }
      store.bumpVersion(dc);
    };
  }

  private Reply deleteLan(Ctx c) {
    Node lan = lan(c);
    List<Node> members = store.lanMembers(lan);
    if (!members.isEmpty()) {
      throw ApiError.validation(
          "[(root)] LAN "
              + lan.id
              + " still has "
              + members.size()
              + " NIC(s) connected; delete or move them first");
    }
    return delete(lan, c, "delete");
  }

  private Reply addLanMember(Ctx c) {
    Node lan = lan(c);
    JsonNode body = c.json() == null ? store.mapper.createObjectNode() : c.json();
    Node nic = store.findNic(lan.datacenter(), body.path("id").asText(""));
    if (nic == null) {
      throw ApiError.notFound("nic " + body.path("id").asText(""));
    }
    int before = nic.properties.get("lan").asInt();
    nic.properties.put("lan", Integer.parseInt(lan.id));
    return accepted(
        c,
        () -> store.render(nic, 0),
        lan,
        List.of(lan, nic),
        "attach",
        null,
        () -> nic.properties.put("lan", before));
  }

  // ---------------------------------------------------------------- load balancers

  private Reply createLoadBalancer(Ctx c) {
    Node dc = dc(c);
    Node lb = buildLoadBalancer(dc, body(c), "");
    dc.children("loadbalancers").put(lb.id, lb);
    return accepted(
        c,
        () -> store.render(lb, lb.balancedNics.isEmpty() ? 0 : 3),
        lb,
        List.of(lb),
        "loadbalancer",
        () -> provisioned(List.of(lb)),
        () -> store.remove(lb));
  }

  private Node buildLoadBalancer(Node dc, JsonNode body, String path) {
    String p = path.isEmpty() ? "properties" : path + ".properties";
    ObjectNode props =
        Rules.normalize("loadbalancer", body.get("properties"), Rules.Mode.CREATE, null, p);
    defaults(props, "name", null, "ip", null, "dhcp", true);
    Node lb =
        new Node(store.newId(), "loadbalancer", dc, "loadbalancers", props, now(), dc.createdBy);
    for (JsonNode ref : items(body.path("entities"), "balancednics")) {
      String id = ref.path("id").asText("");
      if (store.findNic(dc, id) == null) {
        throw ApiError.notFound("nic " + id);
      }
      lb.balancedNics.add(id);
    }
    return lb;
  }

  private Reply addBalancedNic(Ctx c) {
    Node lb = loadBalancer(c);
    JsonNode body = c.json() == null ? store.mapper.createObjectNode() : c.json();
    String id = body.path("id").asText("");
    Node nic = store.findNic(lb.datacenter(), id);
    if (nic == null) {
      throw ApiError.notFound("nic " + id);
    }
    if (!lb.balancedNics.contains(id)) {
      lb.balancedNics.add(id);
    }
    return accepted(
        c,
        () -> store.render(nic, 0),
        lb,
        List.of(lb, nic),
        "attach",
        null,
        () -> lb.balancedNics.remove(id));
  }

  private Reply removeBalancedNic(Ctx c) {
    Node lb = loadBalancer(c);
    Node nic = balancedNic(c);
    return accepted(
        c, () -> null, lb, List.of(lb), "attach", () -> lb.balancedNics.remove(nic.id), null);
  }

  // ---------------------------------------------------------------- IP blocks

  private Reply reserveIpBlock(Ctx c) {
    ObjectNode props =
        Rules.normalize(
            "ipblock", body(c).get("properties"), Rules.Mode.CREATE, null, "properties");
    String location = props.get("location").asText();
    if (!store.catalog.locations.containsKey(location)) {
      throw ApiError.validation(
          "[(root).properties.location] unknown location '"
              + location
              + "'; known: "
              + store.catalog.locations.keySet());
    }
    defaults(props, "name", null);
    ArrayNode ips = props.putArray("ips");
    store.reserveIps(props.get("size").asInt()).forEach(ips::add);
    Node block = new Node(store.newId(), "ipblock", null, "ipblocks", props, now(), c.user());
    store.ipBlocks.put(block.id, block);
    return accepted(
        c,
        () -> store.render(block, 0),
        block,
        List.of(block),
        "ipblock",
        null,
        () -> store.remove(block));
  }

  // ---------------------------------------------------------------- requests

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
    for (RequestEngine.SimRequest r : engine.all()) {
      if (matches(r, q)) {
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
    int depth = c.depth();
    matching.stream().skip(offset).limit(limit).forEach(r -> items.add(request(r, depth)));
    Store.paging(col, store.baseUrl + "/requests", offset, limit, matching.size());
    return ok(col);
  }

  private static boolean matches(RequestEngine.SimRequest r, Map<String, String> q) {
    for (Map.Entry<String, String> f : q.entrySet()) {
      if (!f.getKey().startsWith("filter.")) {
        continue;
      }
      String v = f.getValue();
      boolean ok =
          switch (f.getKey().substring(7)) {
            case "status", "requestStatus" -> r.status.equalsIgnoreCase(v);
            case "method" -> r.method.equalsIgnoreCase(v);
            case "url" -> r.url.contains(v);
            case "body" -> r.body != null && r.body.contains(v);
            case "headers" -> r.headers.toString().contains(v);
            case "createdBy" -> String.valueOf(r.createdBy).contains(v);
            case "etag" -> r.etag.equals(v);
            case "createdDate" -> r.createdDate.startsWith(v);
            case "createdAfter" -> date(r.createdDate).isAfter(date(v));
            case "createdBefore" -> date(r.createdDate).isBefore(date(v));
            default -> throw ApiError.badRequest("unknown filter " + f.getKey());
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Instant date(String text) {
    try {
      return text.length() <= 10
          ? Instant.parse(text + "T00:00:00Z")
          : OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
    } catch (RuntimeException e) {
      try {
        return Instant.parse(text);
      } catch (RuntimeException e2) {
        throw ApiError.badRequest("not a date: " + text);
      }
    }
  }

  // ---------------------------------------------------------------- labels (synchronous)

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
    Node l =
        new Node(
            c.p("key"),
            "label",
            owner,
            "labels",
            p,
            existing == null ? now() : existing.createdDate,
            c.user());
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
