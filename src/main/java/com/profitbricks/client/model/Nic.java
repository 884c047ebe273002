package com.profitbricks.client.model;

import java.util.List;

/**
 * A network interface. {@code lan} is the LAN number; naming a LAN that does not exist makes the
 * cloud create it (private).
 */
public record Nic(
    String id,
    String type,
    String href,
    Metadata metadata,
    Properties properties,
    Entities entities) {

  public static Nic of(Properties properties) {
    return new Nic(null, null, null, null, properties, null);
  }

  public static Nic of(Properties properties, List<FirewallRule> rules) {
    return new Nic(null, null, null, null, properties, new Entities(Collection.of(rules)));
  }

  /** A reference to an existing NIC (LAN members, balanced NICs). */
  public static Nic ref(String id) {
    return new Nic(id, null, null, null, null, null);
  }

  public record Properties(
      String name,
      String mac,
      List<String> ips,
      Boolean dhcp,
      Integer lan,
      Boolean firewallActive,
      String firewallType,
      Integer deviceNumber,
      Integer pciSlot) {

    public static Properties create(String name, int lan, Boolean dhcp, List<String> ips) {
      return new Properties(name, null, ips, dhcp, lan, null, null, null, null);
    }

    public Properties withFirewall(Boolean active, String firewallType) {
      return new Properties(name, mac, ips, dhcp, lan, active, firewallType, deviceNumber, pciSlot);
    }
  }

  public record Entities(Collection<FirewallRule> firewallrules) {}
}
