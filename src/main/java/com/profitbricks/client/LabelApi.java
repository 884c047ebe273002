package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Label;
import java.util.Arrays;

/**
 * Labels of datacenters, servers, volumes, snapshots and IP blocks. Label calls are synchronous
 * (200/201, no request to track). The operator labels what it creates with the owner's UID to find
 * it again after a crash.
 */
public final class LabelApi {
  private final Ops ops;

  LabelApi(Ops ops) {
    this.ops = ops;
  }

  /** The path of a labelled resource, e.g. {@code LabelApi.datacenter(id)}. */
  public record Owner(String... path) {}

  public static Owner datacenter(String datacenterId) {
    return new Owner("datacenters", datacenterId);
  }

  public static Owner server(String datacenterId, String serverId) {
    return new Owner("datacenters", datacenterId, "servers", serverId);
  }

  public static Owner volume(String datacenterId, String volumeId) {
    return new Owner("datacenters", datacenterId, "volumes", volumeId);
  }

  public static Owner snapshot(String snapshotId) {
    return new Owner("snapshots", snapshotId);
  }

  public static Owner ipBlock(String ipBlockId) {
    return new Owner("ipblocks", ipBlockId);
  }

  private static String[] path(Owner owner, String... rest) {
    String[] all = Arrays.copyOf(owner.path(), owner.path().length + 1 + rest.length);
    all[owner.path().length] = "labels";
    System.arraycopy(rest, 0, all, owner.path().length + 1, rest.length);
    return all;
  }

  public Collection<Label> list(Owner owner) {
    return ops.list(Label.class, Query.depth(1), path(owner));
  }

  public Label get(Owner owner, String key) {
    return ops.get(Label.class, Query.NONE, path(owner, key));
  }

  /** Adds a label (fails when the key exists; use {@link #put} to set it either way). */
  public Label create(Owner owner, String key, String value) {
    return ops.post(Label.class, Label.of(key, value), path(owner)).resource();
  }

  /** Sets a label, creating or replacing it. */
  public Label put(Owner owner, String key, String value) {
    return ops.put(Label.class, Label.of(key, value), path(owner, key)).resource();
  }

  public void delete(Owner owner, String key) {
    ops.delete(path(owner, key));
  }
}
