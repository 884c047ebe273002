package com.profitbricks.client.model;

import java.util.List;

/** A reserved block of public IPs. {@code location} and {@code size} are immutable. */
public record IpBlock(
    String id, String type, String href, Metadata metadata, Properties properties) {

  public static IpBlock of(Properties properties) {
    return new IpBlock(null, null, null, null, properties);
  }

  public record Properties(
      List<String> ips, String location, Integer size, String name, List<IpConsumer> ipConsumers) {

    public static Properties create(String name, String location, int size) {
      return new Properties(null, location, size, name, null);
    }

    public static Properties rename(String name) {
      return new Properties(null, null, null, name, null);
    }
  }

  public record IpConsumer(
      String ip,
      String mac,
      String nicId,
      String serverId,
      String serverName,
      String datacenterId,
      String datacenterName) {}
}
