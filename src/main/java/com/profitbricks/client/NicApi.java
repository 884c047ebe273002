package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Nic;

/** NICs of a server. */
public final class NicApi {
  private final Ops ops;

  NicApi(Ops ops) {
    this.ops = ops;
  }

  public Collection<Nic> list(String datacenterId, String serverId) {
    return list(datacenterId, serverId, Query.depth(1));
  }

  public Collection<Nic> list(String datacenterId, String serverId, Query query) {
    return ops.list(Nic.class, query, "datacenters", datacenterId, "servers", serverId, "nics");
  }

  public Nic get(String datacenterId, String serverId, String nicId) {
    return ops.get(
        Nic.class, Query.depth(1), "datacenters", datacenterId, "servers", serverId, "nics", nicId);
  }

  /** Creates a NIC; a {@code lan} number that does not exist yet makes the cloud create it. */
  public Accepted<Nic> create(String datacenterId, String serverId, Nic nic) {
    return ops.post(Nic.class, nic, "datacenters", datacenterId, "servers", serverId, "nics");
  }

  public Accepted<Nic> update(
      String datacenterId, String serverId, String nicId, Nic.Properties changes) {
    return ops.patch(
        Nic.class, changes, "datacenters", datacenterId, "servers", serverId, "nics", nicId);
  }

  public Accepted<Nic> replace(
      String datacenterId, String serverId, String nicId, Nic.Properties properties) {
    return ops.put(
        Nic.class,
        Nic.of(properties),
        "datacenters",
        datacenterId,
        "servers",
        serverId,
        "nics",
        nicId);
  }

  public Accepted<Void> delete(String datacenterId, String serverId, String nicId) {
    return ops.delete("datacenters", datacenterId, "servers", serverId, "nics", nicId);
  }
}
