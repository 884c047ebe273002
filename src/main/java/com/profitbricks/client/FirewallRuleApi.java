package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.FirewallRule;

/** Firewall rules of a NIC. */
public final class FirewallRuleApi {
  private final Ops ops;

  FirewallRuleApi(Ops ops) {
    this.ops = ops;
  }

  private static String[] path(String dc, String srv, String nic, String... rest) {
    String[] base = {"datacenters", dc, "servers", srv, "nics", nic, "firewallrules"};
    String[] all = java.util.Arrays.copyOf(base, base.length + rest.length);
    System.arraycopy(rest, 0, all, base.length, rest.length);
    return all;
  }

  public Collection<FirewallRule> list(String datacenterId, String serverId, String nicId) {
    return ops.list(FirewallRule.class, Query.depth(1), path(datacenterId, serverId, nicId));
  }

  public FirewallRule get(String datacenterId, String serverId, String nicId, String ruleId) {
    return ops.get(FirewallRule.class, Query.depth(1), path(datacenterId, serverId, nicId, ruleId));
  }

  public Accepted<FirewallRule> create(
      String datacenterId, String serverId, String nicId, FirewallRule rule) {
    return ops.post(FirewallRule.class, rule, path(datacenterId, serverId, nicId));
  }

  public Accepted<FirewallRule> update(
      String datacenterId,
      String serverId,
      String nicId,
      String ruleId,
      FirewallRule.Properties changes) {
    return ops.patch(FirewallRule.class, changes, path(datacenterId, serverId, nicId, ruleId));
  }

  /**
   * A PATCH that also sets {@code clear} (property names) to null, which for a rule means "any":
   * any source or target address, MAC, ICMP type or code, any port (facts §13a E10). Other
   * properties left null in {@code changes} are not sent.
   */
  public Accepted<FirewallRule> update(
      String datacenterId,
      String serverId,
      String nicId,
      String ruleId,
      FirewallRule.Properties changes,
      java.util.Collection<String> clear) {
    com.fasterxml.jackson.databind.node.ObjectNode body =
        ops.transport().mapper().valueToTree(changes);
    clear.forEach(body::putNull);
    return ops.patch(FirewallRule.class, body, path(datacenterId, serverId, nicId, ruleId));
  }

  public Accepted<FirewallRule> replace(
      String datacenterId,
      String serverId,
      String nicId,
      String ruleId,
      FirewallRule.Properties properties) {
    return ops.put(
        FirewallRule.class,
        FirewallRule.of(properties),
        path(datacenterId, serverId, nicId, ruleId));
  }

  public Accepted<Void> delete(String datacenterId, String serverId, String nicId, String ruleId) {
    return ops.delete(path(datacenterId, serverId, nicId, ruleId));
  }
}
