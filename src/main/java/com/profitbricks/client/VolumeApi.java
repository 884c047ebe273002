package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Snapshot;
import com.profitbricks.client.model.Volume;
import java.util.LinkedHashMap;
import java.util.Map;

/** Volumes of a datacenter and their snapshots. */
public final class VolumeApi {
  private final Ops ops;

  VolumeApi(Ops ops) {
    this.ops = ops;
  }

  public Collection<Volume> list(String datacenterId) {
    return list(datacenterId, Query.depth(1));
  }

  public Collection<Volume> list(String datacenterId, Query query) {
    return ops.list(Volume.class, query, "datacenters", datacenterId, "volumes");
  }

  public Volume get(String datacenterId, String volumeId) {
    return get(datacenterId, volumeId, Query.depth(1));
  }

  public Volume get(String datacenterId, String volumeId, Query query) {
    return ops.get(Volume.class, query, "datacenters", datacenterId, "volumes", volumeId);
  }

  /** Creates a volume (not attached to any server). */
  public Accepted<Volume> create(String datacenterId, Volume volume) {
    return ops.post(Volume.class, volume, "datacenters", datacenterId, "volumes");
  }

  /** PATCH; {@code size} can only grow. */
  public Accepted<Volume> update(String datacenterId, String volumeId, Volume.Properties changes) {
    return ops.patch(Volume.class, changes, "datacenters", datacenterId, "volumes", volumeId);
  }

  public Accepted<Volume> replace(
      String datacenterId, String volumeId, Volume.Properties properties) {
    return ops.put(
        Volume.class, Volume.of(properties), "datacenters", datacenterId, "volumes", volumeId);
  }

  public Accepted<Void> delete(String datacenterId, String volumeId) {
    return ops.delete("datacenters", datacenterId, "volumes", volumeId);
  }

  /** Creates a snapshot of the volume; the answer carries the new snapshot. */
  public Accepted<Snapshot> createSnapshot(
      String datacenterId, String volumeId, String name, String description) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("name", name);
    form.put("description", description);
    return ops.action(
        Snapshot.class, form, "datacenters", datacenterId, "volumes", volumeId, "create-snapshot");
  }

  public Accepted<Void> restoreSnapshot(String datacenterId, String volumeId, String snapshotId) {
    return ops.action(
        null,
        Map.of("snapshotId", snapshotId),
        "datacenters",
        datacenterId,
        "volumes",
        volumeId,
        "restore-snapshot");
  }
}
