package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Datacenter;

/** {@code /datacenters}: list, get, create (simple and composite), update, replace, delete. */
public final class DatacenterApi {
  private final Ops ops;

  DatacenterApi(Ops ops) {
    this.ops = ops;
  }

  public Collection<Datacenter> list() {
    return list(Query.depth(1));
  }

  public Collection<Datacenter> list(Query query) {
    return ops.list(Datacenter.class, query, "datacenters");
  }

  /** Every datacenter of the contract, all pages read (1000 a page, the route's default). */
  public java.util.List<Datacenter> listAll(Query query) {
    return ops.listAll(Datacenter.class, query, 1000, "datacenters");
  }

  public Datacenter get(String datacenterId) {
    return get(datacenterId, Query.depth(1));
  }

  public Datacenter get(String datacenterId, Query query) {
    return ops.get(Datacenter.class, query, "datacenters", datacenterId);
  }

  /**
   * Creates a datacenter. With {@code entities} (servers with their volumes and NICs, volumes,
   * LANs, load balancers) everything is created by one request.
   */
  public Accepted<Datacenter> create(Datacenter datacenter) {
    return ops.post(Datacenter.class, datacenter, "datacenters");
  }

  /** PATCH: only the non-null properties are sent. */
  public Accepted<Datacenter> update(String datacenterId, Datacenter.Properties changes) {
    return ops.patch(Datacenter.class, changes, "datacenters", datacenterId);
  }

  /** PUT: replaces the properties. */
  public Accepted<Datacenter> replace(String datacenterId, Datacenter.Properties properties) {
    return ops.put(Datacenter.class, Datacenter.of(properties), "datacenters", datacenterId);
  }

  /** Deletes the datacenter and everything inside it. */
  public Accepted<Void> delete(String datacenterId) {
    return ops.delete("datacenters", datacenterId);
  }
}
