package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.simulator.CloudApi.Ctx;
import com.profitbricks.simulator.CloudApi.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Servers (power, attached volumes and CD-ROMs), volumes, snapshots and images. */
final class ComputeApi extends ApiFamily {
  private final NetworkApi network;

  ComputeApi(Env env, NetworkApi network) {
    super(env);
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
        c -> power(c, "RUNNING", "AVAILABLE"));
    api.on(
        "POST",
        "/datacenters/{datacenterId}/servers/{serverId}/stop",
        c -> power(c, "SHUTOFF", "INACTIVE"));
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
    api.on(
        "GET",
        "/datacenters/{datacenterId}/servers/{serverId}/volumes",
        c -> ok(relation(server(c), "volumes", c)));
    api.on("POST", "/datacenters/{datacenterId}/servers/{serverId}/volumes", this::attachVolume);
    api.on(
        "GET",
        "/datacenters/{datacenterId}/servers/{serverId}/volumes/{volumeId}",
        c -> get(attachedVolume(c), c));
    api.on(
        "DELETE",
        "/datacenters/{datacenterId}/servers/{serverId}/volumes/{volumeId}",
        this::detachVolume);
    api.on(
        "GET",
        "/datacenters/{datacenterId}/servers/{serverId}/cdroms",
        c -> ok(relation(server(c), "cdroms", c)));
    api.on("POST", "/datacenters/{datacenterId}/servers/{serverId}/cdroms", this::attachCdrom);
    api.on(
        "GET",
        "/datacenters/{datacenterId}/servers/{serverId}/cdroms/{cdromId}",
        c -> get(attachedCdrom(c), c));
    api.on(
        "DELETE",
        "/datacenters/{datacenterId}/servers/{serverId}/cdroms/{cdromId}",
        this::detachCdrom);

    api.on(
        "GET",
        "/images",
        c -> ok(list("images", "/images", List.copyOf(store.images.values()), c)));
    api.on("GET", "/images/{imageId}", c -> get(image(c), c));
    api.on("PATCH", "/images/{imageId}", c -> patch(privateImage(c), c));
    api.on("PUT", "/images/{imageId}", c -> put(privateImage(c), c));
    api.on("DELETE", "/images/{imageId}", c -> delete(privateImage(c), c, "delete"));

    api.on("GET", "/datacenters/{datacenterId}/volumes", c -> ok(children(dc(c), "volumes", c)));
    api.on("POST", "/datacenters/{datacenterId}/volumes", this::createVolume);
    api.on("GET", "/datacenters/{datacenterId}/volumes/{volumeId}", c -> get(volume(c), c));
    api.on("PATCH", "/datacenters/{datacenterId}/volumes/{volumeId}", c -> patch(volume(c), c));
    api.on("PUT", "/datacenters/{datacenterId}/volumes/{volumeId}", c -> put(volume(c), c));
    api.on(
        "DELETE",
        "/datacenters/{datacenterId}/volumes/{volumeId}",
        c -> delete(volume(c), c, "delete"));
    api.on(
        "POST",
        "/datacenters/{datacenterId}/volumes/{volumeId}/create-snapshot",
        this::createSnapshot);
    api.on(
        "POST",
        "/datacenters/{datacenterId}/volumes/{volumeId}/restore-snapshot",
        this::restoreSnapshot);

    api.on(
        "GET",
        "/snapshots",
        c -> ok(list("snapshots", "/snapshots", List.copyOf(store.snapshots.values()), c)));
    api.on("GET", "/snapshots/{snapshotId}", c -> get(snapshot(c), c));
    api.on("PATCH", "/snapshots/{snapshotId}", c -> patch(snapshot(c), c));
    api.on("PUT", "/snapshots/{snapshotId}", c -> put(snapshot(c), c));
    api.on("DELETE", "/snapshots/{snapshotId}", c -> delete(snapshot(c), c, "delete"));
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
    return accepted(
        c,
        () -> store.render(server, composite ? 3 : 0),
        server,
        targets,
        "server",
        () -> provisioned(created),
        () -> rollback(created));
  }

  /** Validates a server (with its entities) and returns what adds it to the datacenter. */
  Runnable buildServer(Node dc, JsonNode body, List<Node> created, String path) {
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
      // v6 takes whole volumes here; a bare {"id"} reference was v4's way (E11, strict side):
      // an existing volume is attached with POST .../servers/{id}/volumes
      if (!vb.has("properties")) {
        throw ApiError.required(vp + ".properties");
      }
      Node v = buildVolume(dc, vb, vp);
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
      nics.add(
          network.buildNic(
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
      if (!props.hasNonNull("bootVolume") && primary != null) {
        props.putObject("bootVolume").put("id", primary);
      } else if (!props.hasNonNull("bootVolume")
          && newVolumes.size() == 1
          && "AUTO".equals(newVolumes.get(0).text("bootOrder"))
          && cdroms.isEmpty()) {
        // legacy AUTO: a volume boots only when there is no other volume or CD-ROM (E6)
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
        throw ApiError.business(
            "VDC-5-1032", "[(root).id] volume " + id + " is already attached to a server");
      }
    }
    if (server.attachedVolumes.size() + server.children("nics").size() >= 24) {
      throw ApiError.validation("[(root)] a server has at most 24 volumes and NICs");
    }
    Rules.checkHotPlugRam(
        server.properties.path("ram").asInt(),
        volume.properties.path("ramHotPlug").asBoolean(),
        "server.properties");
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

  private Reply createVolume(Ctx c) {
    Node dc = dc(c);
    Node v = buildVolume(dc, body(c), "");
    dc.children("volumes").put(v.id, v);
    store.bumpVersion(dc);
    return accepted(
        c, () -> store.render(v, 0), v, List.of(v), "volume", null, () -> store.remove(v));
  }

  Node buildVolume(Node dc, JsonNode body, String path) {
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
      if (!isPublic && props.has("imagePassword")) {
        throw ApiError.validation(
            "[(root)." + p + ".imagePassword] a password can only be set with a public image");
      }
      if (props.has("sshKeys") && !(isPublic && "LINUX".equals(image.text("licenceType")))) {
        throw ApiError.business("VDC-5-1011", "An image template not found to use SSH keys.");
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
    if (image == null && props.has("imagePassword")) {
      throw ApiError.validation(
          "[(root)."
              + p
              + ".imagePassword] Attribute 'image' or 'imageAlias' must be set for password");
    }
    if (image == null && props.has("sshKeys")) {
      throw ApiError.business("VDC-5-1011", "An image template not found to use SSH keys.");
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
    // the cloud has no plain SSD any more: one asked for reads back as SSD Premium (E5)
    if (props.get("type").asText().equals("SSD")) {
      props.put("type", "SSD Premium");
    }
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
    // a read returns the resolved image id, never the alias, password or keys (E1, E2)
    props.putNull("imageAlias");
    props.putNull("imagePassword");
    props.putNull("sshKeys");
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
}
