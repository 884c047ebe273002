package com.profitbricks.client.model;

import java.util.List;

/** A (classic) load balancer; balanced NICs take over its IP. */
public record LoadBalancer(
    String id,
    String type,
    String href,
    Metadata metadata,
    Properties properties,
    Entities entities) {

  public static LoadBalancer of(Properties properties) {
    return new LoadBalancer(null, null, null, null, properties, null);
  }

  public static LoadBalancer of(Properties properties, List<Nic> balancedNicRefs) {
    return new LoadBalancer(
        null, null, null, null, properties, new Entities(Collection.of(balancedNicRefs)));
  }

  public record Properties(String name, String ip, Boolean dhcp) {}

  public record Entities(Collection<Nic> balancednics) {}
}
