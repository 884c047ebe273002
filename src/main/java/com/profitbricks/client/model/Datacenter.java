package com.profitbricks.client.model;

import java.util.List;

/** A virtual datacenter. Composite creates carry servers, volumes, LANs and load balancers. */
public record Datacenter(
    String id,
    String type,
    String href,
    Metadata metadata,
    Properties properties,
    Entities entities) {

  public static Datacenter of(Properties properties) {
    return new Datacenter(null, null, null, null, properties, null);
  }

  public static Datacenter of(Properties properties, Entities entities) {
    return new Datacenter(null, null, null, null, properties, entities);
  }

  /** {@code location} is required and immutable; {@code version} and the rest are read-only. */
  public record Properties(
      String name,
      String description,
      String location,
      Integer version,
      List<String> features,
      Boolean secAuthProtection,
      List<CpuArchitecture> cpuArchitecture) {

    public static Properties create(String name, String location, String description) {
      return new Properties(name, description, location, null, null, null, null);
    }
  }

  public record Entities(
      Collection<Server> servers,
      Collection<Volume> volumes,
      Collection<LoadBalancer> loadbalancers,
      Collection<Lan> lans) {}

  public record CpuArchitecture(
      String cpuFamily, Integer maxCores, Integer maxRam, String vendor) {}
}
