package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.simulator.CloudApi.Ctx;
import com.profitbricks.simulator.CloudApi.Reply;
import java.util.List;
import java.util.Map;

/** Volumes, snapshots and images. */
final class StorageApi extends ApiFamily {
  StorageApi(Env env) {
    super(env);
  }

  @Override
  void routes(CloudApi api) {
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

  private Reply createVolume(Ctx c) {
    Node dc = dc(c);
    Node v = buildVolume(dc, body(c), "");
    dc.children("volumes").put(v.id, v);
    store.bumpVersion(dc);
    return acceptedCreate(
        c,
        () -> store.render(v, 0),
        v,
        List.of(v),
        List.of(v),
        "volume",
        null,
        () -> store.remove(v));
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
    Node image = sourceImage(props, location, p);
    if (image != null) {
      checkImage(props, image, location, p);
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
    volumeDefaults(props, image, p);
    Node v = new Node(store.newId(), "volume", dc, "volumes", props, now(), dc.createdBy);
    v.requestedBus = requestedBus;
    return v;
  }

  /** The image or snapshot a volume is made from (by id or alias), or null for an empty one. */
  private Node sourceImage(ObjectNode props, String location, String p) {
    String imageId = props.path("image").asText(null);
    String alias = props.path("imageAlias").asText(null);
    if (imageId != null && alias != null) {
      throw ApiError.validation("[(root)." + p + "] give either image or imageAlias, not both");
    }
    if (alias != null) {
      String resolved = store.catalog.resolveAlias(alias, location);
      if (resolved == null) {
        throw ApiError.validation(
            "[(root)." + p + ".imageAlias] no image with alias '" + alias + "' in " + location);
      }
      return store.images.get(resolved);
    }
    if (imageId == null) {
      return null;
    }
    Node image = store.images.get(imageId);
    Node snapshot = store.snapshots.get(imageId);
    if (snapshot != null && snapshot.hidden) {
      snapshot = null;
    }
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
    return image;
  }

  /** What a volume from {@code image} must satisfy: its place, its kind, password and keys. */
  private static void checkImage(ObjectNode props, Node image, String location, String p) {
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
      throw ApiError.validation("[(root)." + p + "] a public image needs imagePassword or sshKeys");
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
  }

  /** Defaults, the type and zone rules, and what a read never shows. */
  private static void volumeDefaults(ObjectNode props, Node image, String p) {
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
    return acceptedCreate(
        c,
        () -> store.render(snapshot, 0),
        volume,
        List.of(volume, snapshot),
        List.of(snapshot),
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
    if (snapshot == null || snapshot.hidden) {
      throw ApiError.notFound("snapshot " + id);
    }
    if (!snapshot.text("location").equals(volume.datacenter().text("location"))) {
      throw ApiError.validation(
          "[(root).snapshotId] the snapshot is in " + snapshot.text("location"));
    }
    return accepted(c, () -> null, volume, List.of(volume), "snapshot", null, null);
  }
}
