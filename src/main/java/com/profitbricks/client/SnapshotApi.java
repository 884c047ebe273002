package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Snapshot;

/** {@code /snapshots}. Snapshots are created through {@link VolumeApi#createSnapshot}. */
public final class SnapshotApi {
  private final Ops ops;

  SnapshotApi(Ops ops) {
    this.ops = ops;
  }

  public Collection<Snapshot> list() {
    return ops.list(Snapshot.class, Query.depth(1), "snapshots");
  }

  public Snapshot get(String snapshotId) {
    return ops.get(Snapshot.class, Query.depth(1), "snapshots", snapshotId);
  }

  public Accepted<Snapshot> update(String snapshotId, Snapshot.Properties changes) {
    return ops.patch(Snapshot.class, changes, "snapshots", snapshotId);
  }

  public Accepted<Snapshot> replace(String snapshotId, Snapshot.Properties properties) {
    return ops.put(
        Snapshot.class, new Snapshot(null, null, null, null, properties), "snapshots", snapshotId);
  }

  public Accepted<Void> delete(String snapshotId) {
    return ops.delete("snapshots", snapshotId);
  }
}
