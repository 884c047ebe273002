package com.profitbricks.client.model;

/** A firewall rule of a NIC. {@code protocol} is required and immutable. */
public record FirewallRule(
    String id, String type, String href, Metadata metadata, Properties properties) {

  public static FirewallRule of(Properties properties) {
    return new FirewallRule(null, null, null, null, properties);
  }

  public record Properties(
      String name,
      String protocol,
      String sourceMac,
      String sourceIp,
      String targetIp,
      Integer icmpCode,
      Integer icmpType,
      Integer portRangeStart,
      Integer portRangeEnd,
      String type) {

    public static Properties tcp(String name, String sourceIp, int portStart, int portEnd) {
      return new Properties(
          name, "TCP", null, sourceIp, null, null, null, portStart, portEnd, null);
    }

    public static Properties icmp(
        String name, String sourceIp, Integer icmpType, Integer icmpCode) {
      return new Properties(
          name, "ICMP", null, sourceIp, null, icmpCode, icmpType, null, null, null);
    }
  }
}
