package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Image;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import java.util.Map;

/** Servers of a datacenter, their power actions, attached volumes and CD-ROMs. */
public final class ServerApi {
  private final Ops ops;

  ServerApi(Ops ops) {
    this.ops = ops;
  }

  public Collection<Server> list(String datacenterId) {
    return list(datacenterId, Query.depth(1));
  }

  public Collection<Server> list(String datacenterId, Query query) {
    return ops.list(Server.class, query, "datacenters", datacenterId, "servers");
  }

  public Server get(String datacenterId, String serverId) {
    return get(datacenterId, serverId, Query.depth(1));
  }

  public Server get(String datacenterId, String serverId, Query query) {
    return ops.get(Server.class, query, "datacenters", datacenterId, "servers", serverId);
  }

  /**
   * Creates a server. New volumes and NICs in {@code entities} (and references to existing volumes)
   * make it one composite request.
   */
  public Accepted<Server> create(String datacenterId, Server server) {
    return ops.post(Server.class, server, "datacenters", datacenterId, "servers");
  }

  public Accepted<Server> update(String datacenterId, String serverId, Server.Properties changes) {
    return ops.patch(Server.class, changes, "datacenters", datacenterId, "servers", serverId);
  }

  public Accepted<Server> replace(
      String datacenterId, String serverId, Server.Properties properties) {
    return ops.put(
        Server.class, Server.of(properties), "datacenters", datacenterId, "servers", serverId);
  }

  /** Deletes the server and its NICs; attached volumes are detached, not deleted. */
  public Accepted<Void> delete(String datacenterId, String serverId) {
    return ops.delete("datacenters", datacenterId, "servers", serverId);
  }

  /**
   * Deletes the server and its NICs; with {@code deleteVolumes} its attached volumes too, in the
   * same request ({@code ?deleteVolumes=true}), else they are detached and stay.
   */
  public Accepted<Void> delete(String datacenterId, String serverId, boolean deleteVolumes) {
    return ops.delete(
        Map.of("deleteVolumes", Boolean.toString(deleteVolumes)),
        "datacenters",
        datacenterId,
        "servers",
        serverId);
  }

  public Accepted<Void> start(String datacenterId, String serverId) {
    return ops.action(null, null, "datacenters", datacenterId, "servers", serverId, "start");
  }

  /** A forced power-off: the server becomes INACTIVE with vmState SHUTOFF. */
  public Accepted<Void> stop(String datacenterId, String serverId) {
    return ops.action(null, null, "datacenters", datacenterId, "servers", serverId, "stop");
  }

  public Accepted<Void> reboot(String datacenterId, String serverId) {
    return ops.action(null, null, "datacenters", datacenterId, "servers", serverId, "reboot");
  }

  public Collection<Volume> attachedVolumes(String datacenterId, String serverId) {
    return ops.list(
        Volume.class, Query.depth(1), "datacenters", datacenterId, "servers", serverId, "volumes");
  }

  public Volume attachedVolume(String datacenterId, String serverId, String volumeId) {
    return ops.get(
        Volume.class,
        Query.depth(1),
        "datacenters",
        datacenterId,
        "servers",
        serverId,
        "volumes",
        volumeId);
  }

  public Accepted<Volume> attachVolume(String datacenterId, String serverId, String volumeId) {
    return ops.post(
        Volume.class,
        Volume.ref(volumeId),
        "datacenters",
        datacenterId,
        "servers",
        serverId,
        "volumes");
  }

  /** Creates a new volume and attaches it to the server, in one request. */
  public Accepted<Volume> createAndAttachVolume(
      String datacenterId, String serverId, Volume volume) {
    return ops.post(
        Volume.class, volume, "datacenters", datacenterId, "servers", serverId, "volumes");
  }

  /** Detaches the volume; it stays in the datacenter. */
  public Accepted<Void> detachVolume(String datacenterId, String serverId, String volumeId) {
    return ops.delete("datacenters", datacenterId, "servers", serverId, "volumes", volumeId);
  }

  public Collection<Image> attachedCdroms(String datacenterId, String serverId) {
    return ops.list(
        Image.class, Query.depth(1), "datacenters", datacenterId, "servers", serverId, "cdroms");
  }

  public Image attachedCdrom(String datacenterId, String serverId, String imageId) {
    return ops.get(
        Image.class,
        Query.depth(1),
        "datacenters",
        datacenterId,
        "servers",
        serverId,
        "cdroms",
        imageId);
  }

  public Accepted<Image> attachCdrom(String datacenterId, String serverId, String imageId) {
    return ops.post(
        Image.class,
        Image.ref(imageId),
        "datacenters",
        datacenterId,
        "servers",
        serverId,
        "cdroms");
  }

  public Accepted<Void> detachCdrom(String datacenterId, String serverId, String imageId) {
    return ops.delete("datacenters", datacenterId, "servers", serverId, "cdroms", imageId);
  }
}
