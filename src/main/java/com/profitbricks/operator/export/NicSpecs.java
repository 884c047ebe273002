package com.profitbricks.operator.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Server;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PBNic spec equal to the NIC as NicMapping, DeviceMapping and RuleSync compare it. dhcp unset
 * means true there, so it is always written. spec.firewallRules is authoritative (a rule it does
 * not name is removed), so every rule of the NIC is listed with every property the cloud reports
 * (one left out would be cleared to "any"), and a NIC whose rules cannot all be listed by a unique
 * valid name is held back.
 */
final class NicSpecs {
  static final List<String> FIREWALL_TYPES = List.of("INGRESS", "EGRESS", "BIDIRECTIONAL");
  static final List<String> PROTOCOLS = List.of("TCP", "UDP", "ICMP", "ANY");
  static final List<String> DIRECTIONS = List.of("INGRESS", "EGRESS");

  private NicSpecs() {}

  static Manifest nic(ExportPlan plan, Datacenter dc, Server s, Nic n, String name) {
    Manifest m = new Manifest(Manifest.NIC, name, n.id());
    plan.serverOf(m, s.id());
    Nic.Properties p = n.properties();
    Checks.name(m, p.name());
    if (Checks.within(m, "lan", p.lan(), 1, Integer.MAX_VALUE)) {
      plan.lanOf(m, dc.id(), p.lan());
    }
    if (p.dhcp() == null) {
      m.blockers.add("dhcp is not reported; the operator takes an unset dhcp as true");
    } else {
      m.spec.put("dhcp", p.dhcp());
    }
    addresses(plan, m, p.ips() == null ? List.of() : p.ips());
    if (p.firewallActive() != null) {
      m.spec.put("firewallActive", p.firewallActive());
    }
    if (p.firewallType() != null && FIREWALL_TYPES.contains(p.firewallType())) {
      m.spec.put("firewallType", p.firewallType());
    }
    rules(m, Cloud.rules(n));
    return m;
  }

  /**
   * ipBlockRef with indexes when all addresses are in one exported IP block; else, when some are in
   * IP blocks, every address as ips (compared as a set). Addresses in no IP block were chosen by
   * the cloud: pinning them would make a NIC created again ask for an address nobody reserved.
   */
  private static void addresses(ExportPlan plan, Manifest m, List<String> ips) {
    if (ips.isEmpty()) {
      return;
    }
    List<Manifest> blocks = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    for (String ip : ips) {
      for (Map.Entry<String, Manifest> b : plan.ipBlocks.entrySet()) {
        List<String> reserved = blockIps(plan, b.getKey());
        if (reserved.contains(ip)) {
          blocks.add(b.getValue());
          indexes.add(reserved.indexOf(ip));
        }
      }
    }
    boolean oneBlock =
        blocks.size() == ips.size()
            && blocks.stream().distinct().count() == 1
            && !blocks.get(0).heldBack();
    if (oneBlock) {
      ExportPlan.ref(m.spec, "ipBlockRef", blocks.get(0).name);
      ArrayNode idx = m.spec.putArray("indexes");
      indexes.forEach(idx::add);
    } else if (!blocks.isEmpty()) {
      ArrayNode a = m.spec.putArray("ips");
      ips.forEach(a::add);
    } else {
      m.facts.add(
          "addresses "
              + String.join(", ", ips)
              + " are in no IP block: the cloud chose them, and the spec leaves them to it");
    }
  }

  private static List<String> blockIps(ExportPlan plan, String blockId) {
    return plan.snapshot.ipBlocks().stream()
        .filter(b -> b.id().equals(blockId) && b.properties() != null)
        .findFirst()
        .map(b -> b.properties().ips() == null ? List.<String>of() : b.properties().ips())
        .orElse(List.of());
  }

  private static void rules(Manifest m, List<FirewallRule> rules) {
    ArrayNode out = m.spec.putArray("firewallRules");
    Set<String> names = new HashSet<>();
    for (FirewallRule r : rules) {
      FirewallRule.Properties p = r.properties();
      if (p == null) {
        m.blockers.add("firewall rule " + r.id() + " was read without its properties");
        continue;
      }
      if (p.name() == null || !Checks.RULE_NAME.matcher(p.name()).matches()) {
        m.blockers.add(
            "firewall rule "
                + r.id()
                + " is named '"
                + p.name()
                + "', which no spec rule name can be (they identify rules: the operator would"
                + " delete it)");
        continue;
      }
      if (!names.add(p.name())) {
        m.blockers.add(
            "two firewall rules are named "
                + p.name()
                + " (names identify rules: the operator would delete one)");
        continue;
      }
      out.add(rule(m, p));
    }
  }

  private static ObjectNode rule(Manifest m, FirewallRule.Properties p) {
    ObjectNode r = m.spec.objectNode();
    String field = "firewallRules[" + p.name() + "].";
    r.put("name", p.name());
    if (Checks.oneOf(m, field + "protocol", p.protocol(), PROTOCOLS)) {
      r.put("protocol", p.protocol());
    }
    if (p.sourceMac() != null
        && Checks.matches(m, field + "sourceMac", p.sourceMac(), Checks.MAC)) {
      r.put("sourceMac", p.sourceMac());
    }
    if (p.sourceIp() != null && Checks.matches(m, field + "sourceIp", p.sourceIp(), Checks.IPV4)) {
      r.put("sourceIp", p.sourceIp());
    }
    if (p.targetIp() != null && Checks.matches(m, field + "targetIp", p.targetIp(), Checks.IPV4)) {
      r.put("targetIp", p.targetIp());
    }
    port(m, r, field, "portRangeStart", p.portRangeStart(), 1, 65534);
    port(m, r, field, "portRangeEnd", p.portRangeEnd(), 1, 65534);
    port(m, r, field, "icmpType", p.icmpType(), 0, 254);
    port(m, r, field, "icmpCode", p.icmpCode(), 0, 254);
    if (p.type() != null && Checks.oneOf(m, field + "type", p.type(), DIRECTIONS)) {
      r.put("type", p.type());
    }
    return r;
  }

  private static void port(
      Manifest m, ObjectNode r, String prefix, String field, Integer value, int min, int max) {
    if (value != null && Checks.within(m, prefix + field, value, min, max)) {
      r.put(field, value);
    }
  }
}
