package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The simulated cloud's state and how the API renders it (envelopes, {@code depth}, references).
 * Not thread-safe: the simulator holds one lock around every call.
 */
final class Store {
  static final Map<String, List<String>> ENTITIES =
      Map.of(
          "datacenter", List.of("servers", "volumes", "loadbalancers", "lans"),
          "server", List.of("cdroms", "volumes", "nics"),
          "nic", List.of("firewallrules"),
          "lan", List.of("nics"),
          "loadbalancer", List.of("balancednics"));

  final ObjectMapper mapper;
  final Catalog catalog;
  String baseUrl = "";
  private final Random random;
  final LinkedHashMap<String, Node> datacenters = new LinkedHashMap<>();
  final LinkedHashMap<String, Node> ipBlocks = new LinkedHashMap<>();
  final LinkedHashMap<String, Node> snapshots = new LinkedHashMap<>();
  final LinkedHashMap<String, Node> images = new LinkedHashMap<>();
  private final Map<String, Integer> lanCounters = new HashMap<>();
  private final Map<String, Integer> dcVersions = new HashMap<>();

  /** The addresses given out: reserved in IP blocks, and those of NICs. */
  final Addresses addresses = new Addresses();

  Store(ObjectMapper mapper, Catalog catalog, long seed) {
    this.mapper = mapper;
    this.catalog = catalog;
    this.random = new Random(seed);
    catalog.imageNodes(mapper).forEach(n -> images.put(n.id, n));
  }

  /** The contract's resource limits, checked by writes that add to them. */
  final Quotas quotas = new Quotas();

  void clear() {
    quotas.reset();
    datacenters.clear();
    ipBlocks.clear();
    snapshots.clear();
    lanCounters.clear();
    dcVersions.clear();
    addresses.clearReservations();
    images.values().removeIf(n -> !n.properties.path("public").asBoolean());
  }

  String newId() {
    return new UUID(
            random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
            random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L)
        .toString();
  }

  String newMac() {
    byte[] b = new byte[4];
    random.nextBytes(b);
    return String.format("02:01:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3]);
  }

  int nextLanId(Node dc) {
    int next = lanCounters.getOrDefault(dc.id, 0) + 1;
    lanCounters.put(dc.id, next);
    return next;
  }

  /** Makes sure the counter is past a LAN number chosen by a NIC. */
  void seeLanId(Node dc, int id) {
    lanCounters.merge(dc.id, id, Math::max);
  }

  int version(Node dc) {
    return dcVersions.getOrDefault(dc.id, 1);
  }

  void bumpVersion(Node dc) {
    if (dc != null) {
      dcVersions.merge(dc.id, 2, (a, b) -> a + 1);
    }
  }

  // ---------------------------------------------------------------- rendering

  String href(Node n) {
    return baseUrl + n.path();
  }

  void touch(Node n, String now, String user) {
    n.lastModifiedDate = now;
    n.lastModifiedBy = user;
    n.etag = etag(n.properties.toString() + now);
  }

  static String etag(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  ObjectNode ref(Node n) {
    ObjectNode o = mapper.createObjectNode();
    o.put("id", n.id);
    o.put("type", n.type);
    o.put("href", href(n));
    return o;
  }

  /** A resource as the API shows it: what late visibility hides is left out of its entities. */
  ObjectNode render(Node n, int depth) {
    return render(n, depth, false);
  }

  /** As {@link #render(Node, int)}, hidden resources included: the truth, for assertions. */
  ObjectNode renderAll(Node n, int depth) {
    return render(n, depth, true);
  }

  private ObjectNode render(Node n, int depth, boolean withHidden) {
    ObjectNode o = ref(n);
    ObjectNode m = o.putObject("metadata");
    if (n.etag == null) {
      n.etag = etag(n.id + n.properties);
    }
    m.put("etag", n.etag);
    m.put("createdDate", n.createdDate);
    m.put("createdBy", n.createdBy);
    m.put("createdByUserId", userId(n.createdBy));
    m.put("lastModifiedDate", n.lastModifiedDate);
    m.put("lastModifiedBy", n.lastModifiedBy);
    m.put("lastModifiedByUserId", userId(n.lastModifiedBy));
    m.put("state", n.state());
    o.set("properties", renderProperties(n));
    List<String> names = ENTITIES.getOrDefault(n.type, List.of());
    if (!names.isEmpty()) {
      ObjectNode entities = o.putObject("entities");
      for (String name : names) {
        ObjectNode c = entities.putObject(name);
        c.put("id", n.id + "/" + name);
        c.put("type", "collection");
        c.put("href", href(n) + "/" + name);
        if (depth >= 1) {
          ArrayNode items = c.putArray("items");
          for (Node child : entity(n, name)) {
            if (withHidden || !child.hidden) {
              items.add(depth == 1 ? ref(child) : render(child, depth - 2, withHidden));
            }
          }
        }
      }
    }
    return o;
  }

  private String userId(String user) {
    return UUID.nameUUIDFromBytes(String.valueOf(user).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private ObjectNode renderProperties(Node n) {
    ObjectNode p = n.properties.deepCopy();
    switch (n.type) {
      case "datacenter" -> {
        p.put("version", version(n));
        ArrayNode f = p.putArray("features");
        Catalog.FEATURES.forEach(f::add);
        p.set("cpuArchitecture", catalog.cpuArchitectures(mapper, n.text("location")));
      }
      case "server" -> {
        expandRef(n, p, "bootVolume", "volume");
        expandRef(n, p, "bootCdrom", "image");
      }
      case "ipblock" -> p.set("ipConsumers", ipConsumers(n));
      default -> {}
    }
    return p;
  }

  private void expandRef(Node server, ObjectNode p, String field, String type) {
    JsonNode r = p.get(field);
    if (r != null && r.isObject()) {
      String id = r.path("id").asText();
      ObjectNode full = mapper.createObjectNode();
      full.put("id", id);
      full.put("type", type);
      full.put(
          "href",
          baseUrl
              + (type.equals("image")
                  ? "/images/" + id
                  : server.datacenter().path() + "/volumes/" + id));
      p.set(field, full);
    }
  }

  private ArrayNode ipConsumers(Node block) {
    ArrayNode out = mapper.createArrayNode();
    java.util.Set<String> ips = new java.util.HashSet<>();
    block.properties.path("ips").forEach(ip -> ips.add(ip.asText()));
    for (Node dc : datacenters.values()) {
      for (Node server : dc.children("servers").values()) {
        for (Node nic : server.children("nics").values()) {
          if (nic.hidden) {
            continue;
          }
          for (JsonNode ip : nic.properties.path("ips")) {
            if (ips.contains(ip.asText())) {
              ObjectNode c = out.addObject();
              c.put("ip", ip.asText());
              c.put("mac", nic.text("mac"));
              c.put("nicId", nic.id);
              c.put("serverId", server.id);
              c.put("serverName", server.text("name"));
              c.put("datacenterId", dc.id);
              c.put("datacenterName", dc.text("name"));
            }
          }
        }
      }
    }
    return out;
  }

  /** The items of an entity collection, including relations (attached volumes, LAN members). */
  List<Node> entity(Node n, String name) {
    return switch (n.type + "." + name) {
      case "server.volumes" -> idsToNodes(n.attachedVolumes, n.datacenter().children("volumes"));
      case "server.cdroms" -> idsToNodes(n.cdroms, images);
      case "lan.nics" -> lanMembers(n);
      case "loadbalancer.balancednics" -> {
        List<Node> out = new ArrayList<>();
        for (String id : n.balancedNics) {
          Node nic = findNic(n.datacenter(), id);
          if (nic != null) {
            out.add(nic);
          }
        }
        yield out;
      }
      default -> new ArrayList<>(n.children(name).values());
    };
  }

  private static List<Node> idsToNodes(List<String> ids, Map<String, Node> from) {
    List<Node> out = new ArrayList<>();
    for (String id : ids) {
      Node v = from.get(id);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  List<Node> lanMembers(Node lan) {
    List<Node> out = new ArrayList<>();
    for (Node server : lan.datacenter().children("servers").values()) {
      for (Node nic : server.children("nics").values()) {
        if (nic.properties.path("lan").asText().equals(lan.id)) {
          out.add(nic);
        }
      }
    }
    return out;
  }

  /** A NIC the API can see, by id. */
  Node findNic(Node dc, String nicId) {
    for (Node server : dc.children("servers").values()) {
      Node nic = server.children("nics").get(nicId);
      if (nic != null && !nic.hidden) {
        return nic;
      }
    }
    return null;
  }

  /** Servers of the datacenter that have this volume attached. */
  List<Node> serversWithVolume(Node dc, String volumeId) {
    List<Node> out = new ArrayList<>();
    for (Node s : dc.children("servers").values()) {
      if (s.attachedVolumes.contains(volumeId)) {
        out.add(s);
      }
    }
    return out;
  }

  ObjectNode collection(
      String id, String href, List<Node> items, int depth, Long offset, long limit) {
    ObjectNode c = mapper.createObjectNode();
    c.put("id", id);
    c.put("type", "collection");
    c.put("href", href);
    ArrayNode a = c.putArray("items");
    items = items.stream().filter(n -> !n.hidden).toList();
    long from = offset == null ? 0 : offset;
    long max = limit;
    int i = 0;
    for (Node n : items) {
      if (i++ < from) {
        continue;
      }
      if (a.size() >= max) {
        break;
      }
      a.add(depth == 0 ? ref(n) : render(n, depth - 1));
    }
    paging(c, href, from, max, items.size());
    return c;
  }

  static void paging(ObjectNode c, String href, long offset, long limit, int total) {
    c.put("offset", offset);
    c.put("limit", limit);
    ObjectNode links = c.putObject("_links");
    links.put("self", href + "?offset=" + offset + "&limit=" + limit);
    if (offset > 0) {
      links.put("prev", href + "?offset=" + Math.max(0, offset - limit) + "&limit=" + limit);
    }
    if (offset + limit < total) {
      links.put("next", href + "?offset=" + (offset + limit) + "&limit=" + limit);
    }
  }

  /** Removes a node and what the API removes with it, and cleans relations that pointed at it. */
  void remove(Node n) {
    switch (n.type) {
      case "datacenter" -> {
        datacenters.remove(n.id);
        lanCounters.remove(n.id);
        dcVersions.remove(n.id);
        return;
      }
      case "ipblock" -> {
        addresses.releaseIps(n.properties.path("ips"));
        ipBlocks.remove(n.id);
        return;
      }
      case "snapshot" -> {
        snapshots.remove(n.id);
        return;
      }
      case "image" -> {
        images.remove(n.id);
        return;
      }
      case "server" -> {
        for (String volumeId : List.copyOf(n.attachedVolumes)) {
          Node v = n.datacenter().children("volumes").get(volumeId);
          if (v != null) {
            detached(v);
          }
        }
        for (Node nic : n.children("nics").values()) {
          forgetNic(n.datacenter(), nic.id);
        }
      }
      case "volume" -> {
        for (Node s : serversWithVolume(n.datacenter(), n.id)) {
          s.attachedVolumes.remove(n.id);
          if (n.id.equals(s.properties.path("bootVolume").path("id").asText(null))) {
            s.properties.putNull("bootVolume");
          }
        }
      }
      case "nic" -> forgetNic(n.datacenter(), n.id);
      default -> {}
    }
    n.parent.children(n.collection).remove(n.id);
    bumpVersion(n.datacenter());
  }

  private void forgetNic(Node dc, String nicId) {
    for (Node lb : dc.children("loadbalancers").values()) {
      lb.balancedNics.remove(nicId);
    }
  }

  void detached(Node volume) {
    volume.properties.putNull("bus");
    volume.properties.putNull("deviceNumber");
    volume.properties.putNull("bootServer");
  }

  long resourceCount() {
    long count = ipBlocks.size() + snapshots.size();
    for (Node dc : datacenters.values()) {
      count += countTree(dc);
    }
    return count
        + images.values().stream().filter(n -> !n.properties.path("public").asBoolean()).count();
  }

  private static long countTree(Node n) {
    long c = 1;
    for (Map<String, Node> m : n.children.values()) {
      for (Node child : m.values()) {
        c += countTree(child);
      }
    }
    return c;
  }
}
