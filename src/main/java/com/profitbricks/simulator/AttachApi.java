package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.profitbricks.simulator.CloudApi.Ctx;
import com.profitbricks.simulator.CloudApi.Reply;
import java.util.ArrayList;
import java.util.List;

/** A server's attached volumes and CD-ROMs. */
final class AttachApi extends ApiFamily {
  private final StorageApi storage;

  AttachApi(Env env, StorageApi storage) {
    super(env);
    this.storage = storage;
  }

  @Override
  void routes(CloudApi api) {
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
      volume = storage.buildVolume(dc, body, "");
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
    return acceptedCreate(
        c,
        () -> store.render(volume, 0),
        server,
        List.of(server, volume),
        created,
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

  /** Attaches the volume as the server's next device. */
  static void attachTo(Node server, Node volume) {
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

  Node cdromImage(Node dc, String imageId) {
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
}
