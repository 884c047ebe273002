package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Lan;
import com.profitbricks.client.model.Nic;

/** LANs of a datacenter and their member NICs. LAN ids are numbers as strings. */
public final class LanApi {
  private final Ops ops;

  LanApi(Ops ops) {
    this.ops = ops;
  }

  public Collection<Lan> list(String datacenterId) {
    return list(datacenterId, Query.depth(1));
  }

  public Collection<Lan> list(String datacenterId, Query query) {
    return ops.list(Lan.class, query, "datacenters", datacenterId, "lans");
  }

  public Lan get(String datacenterId, String lanId) {
    return ops.get(Lan.class, Query.depth(1), "datacenters", datacenterId, "lans", lanId);
  }

  public Accepted<Lan> create(String datacenterId, Lan lan) {
    return ops.post(Lan.class, lan, "datacenters", datacenterId, "lans");
  }

  public Accepted<Lan> update(String datacenterId, String lanId, Lan.Properties changes) {
    return ops.patch(Lan.class, changes, "datacenters", datacenterId, "lans", lanId);
  }

  public Accepted<Lan> replace(String datacenterId, String lanId, Lan.Properties properties) {
    return ops.put(Lan.class, Lan.of(properties), "datacenters", datacenterId, "lans", lanId);
  }

  public Accepted<Void> delete(String datacenterId, String lanId) {
    return ops.delete("datacenters", datacenterId, "lans", lanId);
  }

  public Collection<Nic> members(String datacenterId, String lanId) {
    return ops.list(Nic.class, Query.depth(1), "datacenters", datacenterId, "lans", lanId, "nics");
  }

  public Nic member(String datacenterId, String lanId, String nicId) {
    return ops.get(
        Nic.class, Query.depth(1), "datacenters", datacenterId, "lans", lanId, "nics", nicId);
  }

  /** Moves an existing NIC into this LAN. */
  public Accepted<Nic> addMember(String datacenterId, String lanId, String nicId) {
    return ops.post(Nic.class, Nic.ref(nicId), "datacenters", datacenterId, "lans", lanId, "nics");
  }
}
