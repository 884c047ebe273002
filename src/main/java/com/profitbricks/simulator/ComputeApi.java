package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.simulator.CloudApi.Ctx;
import com.profitbricks.simulator.CloudApi.Reply;
import java.util.ArrayList;
import java.util.List;

/** Servers: create (with their volumes and NICs in one request), delete, power. */
final class ComputeApi extends ApiFamily {
  private final StorageApi storage;
  private final AttachApi attachments;
  private final NetworkApi network;

  ComputeApi(Env env, StorageApi storage, AttachApi attachments, NetworkApi network) {
    super(env);
    this.storage = storage;
    this.attachments = attachments;
    this.network = network;
  }

  @Override
  void routes(CloudApi api) {
    api.on("GET", "/datacenters/{datacenterId}/servers", c -> ok(children(dc(c), "servers", c)));
    api.on("POST", "/datacenters/{datacenterId}/servers", this::createServer);
    api.on("GET", "/datacenters/{datacenterId}/servers/{serverId}", c -> get(server(c), c));
    api.on("PATCH", "/datacenters/{datacenterId}/servers/{serverId}", c -> patch(server(c), c));
    api.on("PUT", "/datacenters/{datacenterId}/servers/{serverId}", c -> put(server(c), c));
    api.on("DELETE", "/datacenters/{datacenterId}/servers/{serverId}", this::deleteServer);
    api.on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/start",
        c -> power(c, "RUNNING", "AVAILABLE", this::renewDynamicIps));
    api.on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/stop",
        c -> power(c, "SHUTOFF", "INACTIVE", this::releaseDynamicIps));
    api.on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/reboot",
        c -> power(c, "RUNNING", "AVAILABLE"));
    api.on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/suspend",
        c -> cube(c, "SUSPENDED", "INACTIVE"));
    api.on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/resume",
        c -> cube(c, "RUNNING", "AVAILABLE"));
    api.on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/upgrade",
        c -> power(c, null, null));
  }

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
    return acceptedCreate(
        c,
        () -> store.render(server, composite ? 3 : 0),
        server,
        targets,
        created,
        "server",
        () -> provisioned(created),
        () -> rollback(created));
  }

  /** Validates a server (with its entities) and returns what adds it to the datacenter. */
  Runnable buildServer(Node dc, JsonNode body, List<Node> created, String path) {
    String p = path.isEmpty() ? "properties" : path + ".properties";
    String prefix = path.isEmpty() ? "" : path + ".";
    ObjectNode props = serverProperties(dc, body, p);
    Node server = new Node(store.newId(), "server", dc, "servers", props, now(), dc.createdBy);
    created.add(server);
    JsonNode entities = body.path("entities");
    List<Node> newVolumes = new ArrayList<>();
    List<String> attach = new ArrayList<>();
    int i = 0;
    for (JsonNode vb : items(entities, "volumes")) {
      String vp = prefix + "entities.volumes.items[" + i++ + "]";
      // v6 takes whole volumes here; a bare {"id"} reference was v4's way (E11, strict side):
      // an existing volume is attached with POST .../servers/{id}/volumes
      if (!vb.has("properties")) {
        throw ApiError.required(vp + ".properties");
      }
      Node v = storage.buildVolume(dc, vb, vp);
      newVolumes.add(v);
      created.add(v);
      attach.add(v.id);
    }
    String primary = bootOrder(newVolumes, p);
    Rules.checkHotPlugRam(
        props.path("ram").asInt(),
        newVolumes.stream().anyMatch(v -> v.properties.path("ramHotPlug").asBoolean()),
        p);
    List<Node> nics = new ArrayList<>();
    i = 0;
    for (JsonNode nb : items(entities, "nics")) {
      nics.add(network.buildNic(server, nb, created, prefix + "entities.nics.items[" + i++ + "]"));
    }
    List<String> cdroms = new ArrayList<>();
    for (JsonNode cb : items(entities, "cdroms")) {
      cdroms.add(attachments.cdromImage(dc, cb.path("id").asText("")).id);
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
        AttachApi.attachTo(server, dc.children("volumes").get(v));
      }
      for (Node nic : nics) {
        server.children("nics").put(nic.id, nic);
        ensureLan(dc, nic.properties.get("lan").asInt(), created);
        assignAddresses(nic);
      }
      server.cdroms.addAll(cdroms);
      bootVolume(dc, server, props, newVolumes, cdroms, primary);
      store.bumpVersion(dc);
    };
  }

  /** The server's properties as created: validated, its CPU family resolved, defaults filled in. */
  private ObjectNode serverProperties(Node dc, JsonNode body, String p) {
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
    return props;
  }

  /** The volume a new server boots from: the one named, the PRIMARY one, or a lone AUTO one. */
  private static void bootVolume(
      Node dc,
      Node server,
      ObjectNode props,
      List<Node> newVolumes,
      List<String> cdroms,
      String primary) {
    if (!props.hasNonNull("bootVolume") && primary != null) {
      props.putObject("bootVolume").put("id", primary);
    } else if (!props.hasNonNull("bootVolume")
        && newVolumes.size() == 1
        && "AUTO".equals(newVolumes.get(0).text("bootOrder"))
        && cdroms.isEmpty()) {
      // legacy AUTO: a volume boots only when there is no other volume or CD-ROM (E6)
      props.putObject("bootVolume").put("id", newVolumes.get(0).id);
    }
    if (props.hasNonNull("bootVolume")) {
      Node boot = dc.children("volumes").get(props.get("bootVolume").get("id").asText());
      if (boot != null) {
        boot.properties.put("bootServer", server.id);
      }
    }
  }

  /**
   * The volume a composite create boots from by {@code bootOrder}: the PRIMARY one (all others must
   * then be NONE), or null; AUTO must be on every volume or none (the v6 spec's rule).
   */
  private static String bootOrder(List<Node> volumes, String path) {
    List<Node> primary =
        volumes.stream().filter(v -> "PRIMARY".equals(v.text("bootOrder"))).toList();
    long auto = volumes.stream().filter(v -> "AUTO".equals(v.text("bootOrder"))).count();
    if (primary.size() > 1 || (primary.size() == 1 && auto > 0)) {
      throw ApiError.validation(
          "[(root)."
              + path.replace("properties", "entities.volumes")
              + "] bootOrder PRIMARY can be set on one volume, and all other volumes must be"
              + " NONE");
    }
    if (auto > 0 && auto < volumes.size()) {
      throw ApiError.validation(
          "[(root)."
              + path.replace("properties", "entities.volumes")
              + "] bootOrder AUTO requires all volumes to be AUTO");
    }
    return primary.isEmpty() ? null : primary.get(0).id;
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
    return power(c, vmState, resting, s -> {});
  }

  private Reply power(
      Ctx c, String vmState, String resting, java.util.function.Consumer<Node> addresses) {
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
            addresses.accept(server);
          }
        },
        null);
  }

  /**
   * A stop deallocates the server's dynamically assigned public addresses; those reserved in an IP
   * block stay (facts 3.4). Private addresses are not public ones, so they stay too.
   */
  private void releaseDynamicIps(Node server) {
    for (Node nic : server.children("nics").values()) {
      ArrayNode kept = store.mapper.createArrayNode();
      for (JsonNode ip : nic.properties.path("ips")) {
        if (Addresses.isDynamicPublic(ip.asText())) {
          nic.releasedIps.add(ip.asText());
        } else {
          kept.add(ip);
        }
      }
      nic.properties.set("ips", kept);
    }
  }

  /**
   * A start gives a NIC that lost addresses at the stop as many new ones; "may assign a new dynamic
   * IP" (facts 3.4) taken on its strict side: never the one it had.
   */
  private void renewDynamicIps(Node server) {
    for (Node nic : server.children("nics").values()) {
      if (nic.releasedIps.isEmpty()) {
        continue;
      }
      ArrayNode ips =
          nic.properties.get("ips") instanceof ArrayNode a ? a : nic.properties.putArray("ips");
      for (int i = 0; i < nic.releasedIps.size(); i++) {
        String ip = store.addresses.dynamicPublicIp();
        while (nic.releasedIps.contains(ip)) {
          ip = store.addresses.dynamicPublicIp();
        }
        ips.add(ip);
      }
      nic.releasedIps.clear();
    }
  }

  private Reply cube(Ctx c, String vmState, String resting) {
    if (!"CUBE".equals(server(c).text("type"))) {
      throw ApiError.validation("[(root)] suspend and resume are only available for CUBE servers");
    }
    return power(c, vmState, resting);
  }
}
