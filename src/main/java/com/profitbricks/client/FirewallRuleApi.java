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
