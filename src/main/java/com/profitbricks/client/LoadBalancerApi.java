package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.LoadBalancer;
import com.profitbricks.client.model.Nic;

/** Classic load balancers of a datacenter and their balanced NICs. */
public final class LoadBalancerApi {
  private final Ops ops;

  LoadBalancerApi(Ops ops) {
    this.ops = ops;
  }

  public Collection<LoadBalancer> list(String datacenterId) {
    return ops.list(
        LoadBalancer.class, Query.depth(1), "datacenters", datacenterId, "loadbalancers");
  }

  public LoadBalancer get(String datacenterId, String loadBalancerId) {
    return ops.get(
        LoadBalancer.class,
        Query.depth(1),
        "datacenters",
        datacenterId,
        "loadbalancers",
        loadBalancerId);
  }

  public Accepted<LoadBalancer> create(String datacenterId, LoadBalancer loadBalancer) {
    return ops.post(LoadBalancer.class, loadBalancer, "datacenters", datacenterId, "loadbalancers");
  }

  public Accepted<LoadBalancer> update(
      String datacenterId, String loadBalancerId, LoadBalancer.Properties changes) {
    return ops.patch(
        LoadBalancer.class, changes, "datacenters", datacenterId, "loadbalancers", loadBalancerId);
  }

  public Accepted<LoadBalancer> replace(
      String datacenterId, String loadBalancerId, LoadBalancer.Properties properties) {
    return ops.put(
        LoadBalancer.class,
        LoadBalancer.of(properties),
        "datacenters",
        datacenterId,
        "loadbalancers",
        loadBalancerId);
  }

  public Accepted<Void> delete(String datacenterId, String loadBalancerId) {
    return ops.delete("datacenters", datacenterId, "loadbalancers", loadBalancerId);
  }

  public Collection<Nic> balancedNics(String datacenterId, String loadBalancerId) {
    return ops.list(
        Nic.class,
        Query.depth(1),
        "datacenters",
        datacenterId,
        "loadbalancers",
        loadBalancerId,
        "balancednics");
  }

  public Nic balancedNic(String datacenterId, String loadBalancerId, String nicId) {
    return ops.get(
        Nic.class,
        Query.depth(1),
        "datacenters",
        datacenterId,
        "loadbalancers",
        loadBalancerId,
        "balancednics",
        nicId);
  }

  public Accepted<Nic> addBalancedNic(String datacenterId, String loadBalancerId, String nicId) {
    return ops.post(
        Nic.class,
        Nic.ref(nicId),
        "datacenters",
        datacenterId,
        "loadbalancers",
        loadBalancerId,
        "balancednics");
  }

  public Accepted<Void> removeBalancedNic(
      String datacenterId, String loadBalancerId, String nicId) {
    return ops.delete(
        "datacenters", datacenterId, "loadbalancers", loadBalancerId, "balancednics", nicId);
  }
}
