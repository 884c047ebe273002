package com.profitbricks.operator.reconciler;

import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.NamedId;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.cloud.Mapping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Keeps the firewall rules of one NIC as a spec lists them, by name, one mutation per call. */
final class RuleSync {
  private RuleSync() {}

  static List<FirewallRule> rules(Nic nic) {
    return nic.entities() == null || nic.entities().firewallrules() == null
        ? List.of()
        : nic.entities().firewallrules().itemsOrEmpty();
  }

  /** The message for a rule name listed twice (names identify rules), or null. */
  static String duplicateName(List<FirewallRuleSpec> rules, String field) {
    Set<String> seen = new HashSet<>();
    for (FirewallRuleSpec r : rules == null ? List.<FirewallRuleSpec>of() : rules) {
      if (!seen.add(r.getName())) {
        return field + " has two rules named " + r.getName() + "; names identify rules";
      }
    }
    return null;
  }

  /** The next create, patch or delete of a rule, or empty when the NIC's rules match. */
  static Optional<KindOps.Action> next(
      ProfitBricksClient client,
      String dc,
      String srv,
      Nic nic,
      List<FirewallRuleSpec> wanted,
      List<NamedId> managed) {
    List<FirewallRule> cloud = rules(nic);
    if (cloud.stream().anyMatch(c -> c.properties() == null)) {
      // rules read as bare references: without their names nothing can be matched, and
      // creating "missing" ones would duplicate them
      return Optional.empty();
    }
    for (FirewallRuleSpec r : wanted) {
      Optional<FirewallRule> have =
          cloud.stream()
              .filter(c -> c.properties() != null && r.getName().equals(c.properties().name()))
              .findFirst();
      if (have.isEmpty()) {
        String rid =
            client
                .firewallRules()
                .create(dc, srv, nic.id(), FirewallRule.of(Mapping.rule(r)))
                .requestId();
        return Optional.of(
            new KindOps.Action(
                "CREATE", rid, "Adding firewall rule " + r.getName() + " to NIC " + nic.id()));
      }
      Drift<FirewallRule.Properties> d = Mapping.ruleDrift(r, have.get().properties());
      if (!d.immutable().isEmpty()) {
        String rid = client.firewallRules().delete(dc, srv, nic.id(), have.get().id()).requestId();
        return Optional.of(
            new KindOps.Action(
                "DELETE",
                rid,
                "Replacing firewall rule "
                    + r.getName()
                    + ": "
                    + String.join("; ", d.immutable())));
      }
      if (d.patch() != null) {
        String rid =
            client
                .firewallRules()
                .update(dc, srv, nic.id(), have.get().id(), d.patch())
                .requestId();
        return Optional.of(
            new KindOps.Action(
                "UPDATE",
                rid,
                "Updating " + String.join(", ", d.changed()) + " of firewall rule " + r.getName()));
      }
    }
    for (NamedId m : managed == null ? List.<NamedId>of() : managed) {
      boolean wantedStill = wanted.stream().anyMatch(r -> r.getName().equals(m.getName()));
      if (!wantedStill && cloud.stream().anyMatch(c -> c.id().equals(m.getId()))) {
        String rid = client.firewallRules().delete(dc, srv, nic.id(), m.getId()).requestId();
        return Optional.of(
            new KindOps.Action(
                "DELETE", rid, "Removing firewall rule " + m.getName() + " from NIC " + nic.id()));
      }
    }
    return Optional.empty();
  }

  /**
   * The rules to list in status: the wanted ones and those managed before (until they are gone).
   */
  static List<NamedId> managed(Nic nic, List<FirewallRuleSpec> wanted, List<NamedId> before) {
    List<NamedId> out = new ArrayList<>();
    for (FirewallRule c : rules(nic)) {
      String name = c.properties() == null ? null : c.properties().name();
      boolean ours =
          name != null
              && (wanted.stream().anyMatch(r -> name.equals(r.getName()))
                  || (before != null && before.stream().anyMatch(b -> name.equals(b.getName()))));
      if (ours) {
        out.add(new NamedId(name, c.id()));
      }
    }
    return out;
  }
}
