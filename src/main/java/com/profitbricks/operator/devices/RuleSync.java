package com.profitbricks.operator.devices;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.NamedId;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.engine.KindOps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Keeps the firewall rules of one NIC as a spec lists them, by name, one mutation per call. */
public final class RuleSync {
  private RuleSync() {}

  public static List<FirewallRule> rules(Nic nic) {
    return nic.entities() == null || nic.entities().firewallrules() == null
        ? List.of()
        : nic.entities().firewallrules().itemsOrEmpty();
  }

  /** The message for a rule name listed twice (names identify rules), or null. */
  public static String duplicateName(List<FirewallRuleSpec> rules, String field) {
    Set<String> seen = new HashSet<>();
    for (FirewallRuleSpec r : rules == null ? List.<FirewallRuleSpec>of() : rules) {
      if (!seen.add(r.getName())) {
        return field + " has two rules named " + r.getName() + "; names identify rules";
      }
    }
    return null;
  }

  /**
   * The next create, patch or delete of a rule, or empty when the NIC's rules match. Removals come
   * first, so the firewall is never wider than the spec for longer than needed: a second cloud rule
   * with a managed name (one the spec narrowed would otherwise stay open beside it), and, when the
   * spec lists the NIC's rules ({@code authoritative}: the list is set, even empty), every rule it
   * does not name.
   */
  public static Optional<KindOps.Action> next(
      ProfitBricksClient client,
      String dc,
      String srv,
      Nic nic,
      List<FirewallRuleSpec> wanted,
      List<NamedId> managed,
      boolean authoritative) {
    return next(
        client, dc, srv, nic, wanted, managed, authoritative, (r, post) -> post.apply(client));
  }

  /**
   * Sends the create of a rule the NIC lacks: {@code post} with a client, answering its acceptance.
   * A caller that records an intent first, sends with a marker and records the new id from the
   * answer does so around {@code post}.
   */
  @FunctionalInterface
  public interface Creates {
    Accepted<FirewallRule> create(
        FirewallRuleSpec rule, Function<ProfitBricksClient, Accepted<FirewallRule>> post);
  }

  /** As {@link #next}, with the creates of missing rules sent through {@code creates}. */
  public static Optional<KindOps.Action> next(
      ProfitBricksClient client,
      String dc,
      String srv,
      Nic nic,
      List<FirewallRuleSpec> wanted,
      List<NamedId> managed,
      boolean authoritative,
      Creates creates) {
    List<FirewallRule> cloud = rules(nic);
    if (cloud.stream().anyMatch(c -> c.properties() == null)) {
      // rules read as bare references: without their names nothing can be matched, and
      // creating "missing" ones would duplicate them
      return Optional.empty();
    }
    Optional<KindOps.Action> extra =
        extraRemoved(client, dc, srv, nic, cloud, wanted, managed, authoritative);
    if (extra.isPresent()) {
      return extra;
    }
    Optional<KindOps.Action> want = wantedApplied(client, dc, srv, nic, cloud, wanted, creates);
    return want.isPresent() ? want : dropped(client, dc, srv, nic, cloud, wanted, managed);
  }

  /** A second rule with a managed name, or (authoritative) a rule the spec does not name. */
  private static Optional<KindOps.Action> extraRemoved(
      ProfitBricksClient client,
      String dc,
      String srv,
      Nic nic,
      List<FirewallRule> cloud,
      List<FirewallRuleSpec> wanted,
      List<NamedId> managed,
      boolean authoritative) {
    Set<String> kept = new HashSet<>();
    for (FirewallRule c : keptFirst(cloud, managed)) {
      String name = c.properties().name();
      boolean named = name != null && wanted.stream().anyMatch(r -> name.equals(r.getName()));
      String why =
          named && !kept.add(name)
              ? "a second rule named " + name
              : !named && authoritative ? "rule " + name + ", which the spec does not list" : null;
      if (why != null) {
        return Optional.of(
            KindOps.Action.of(
                "REMOVE_RULE",
                "Removing " + why + " from NIC " + nic.id(),
                () -> client.firewallRules().delete(dc, srv, nic.id(), c.id()).requestId()));
      }
    }
    return Optional.empty();
  }

  /** A wanted rule created, replaced (another protocol) or patched. */
  private static Optional<KindOps.Action> wantedApplied(
      ProfitBricksClient client,
      String dc,
      String srv,
      Nic nic,
      List<FirewallRule> cloud,
      List<FirewallRuleSpec> wanted,
      Creates creates) {
    for (FirewallRuleSpec r : wanted) {
      Optional<FirewallRule> have =
          cloud.stream()
              .filter(c -> c.properties() != null && r.getName().equals(c.properties().name()))
              .findFirst();
      if (have.isEmpty()) {
        return Optional.of(
            KindOps.Action.of(
                "ADD_RULE",
                "Adding firewall rule " + r.getName() + " to NIC " + nic.id(),
                () ->
                    creates
                        .create(
                            r,
                            c ->
                                c.firewallRules()
                                    .create(
                                        dc, srv, nic.id(), FirewallRule.of(DeviceMapping.rule(r))))
                        .requestId()));
      }
      Drift<DeviceMapping.RulePatch> d = DeviceMapping.ruleDrift(r, have.get().properties());
      if (!d.immutable().isEmpty()) {
        return Optional.of(
            KindOps.Action.of(
                "REMOVE_RULE",
                "Replacing firewall rule " + r.getName() + ": " + String.join("; ", d.immutable()),
                () ->
                    client.firewallRules().delete(dc, srv, nic.id(), have.get().id()).requestId()));
      }
      if (d.patch() != null) {
        return Optional.of(
            KindOps.Action.of(
                "UPDATE_RULE",
                "Updating " + String.join(", ", d.changed()) + " of firewall rule " + r.getName(),
                () ->
                    client
                        .firewallRules()
                        .update(
                            dc, srv, nic.id(), have.get().id(), d.patch().set(), d.patch().clear())
                        .requestId()));
      }
    }
    return Optional.empty();
  }

  /** A rule managed before that the spec no longer lists. */
  private static Optional<KindOps.Action> dropped(
      ProfitBricksClient client,
      String dc,
      String srv,
      Nic nic,
      List<FirewallRule> cloud,
      List<FirewallRuleSpec> wanted,
      List<NamedId> managed) {
    for (NamedId m : managed == null ? List.<NamedId>of() : managed) {
      boolean wantedStill = wanted.stream().anyMatch(r -> r.getName().equals(m.getName()));
      if (!wantedStill && cloud.stream().anyMatch(c -> c.id().equals(m.getId()))) {
        return Optional.of(
            KindOps.Action.of(
                "REMOVE_RULE",
                "Removing firewall rule " + m.getName() + " from NIC " + nic.id(),
                () -> client.firewallRules().delete(dc, srv, nic.id(), m.getId()).requestId()));
      }
    }
    return Optional.empty();
  }

  /** The cloud's rules with the ones status records first: of two with one name, those are kept. */
  private static List<FirewallRule> keptFirst(List<FirewallRule> cloud, List<NamedId> managed) {
    Set<String> ids = new HashSet<>();
    (managed == null ? List.<NamedId>of() : managed).forEach(m -> ids.add(m.getId()));
    List<FirewallRule> out =
        new ArrayList<>(cloud.stream().filter(c -> ids.contains(c.id())).toList());
    cloud.stream().filter(c -> !ids.contains(c.id())).forEach(out::add);
    return out;
  }

  /**
   * The rules to list in status: the wanted ones and those managed before (until they are gone).
   */
  public static List<NamedId> managed(
      Nic nic, List<FirewallRuleSpec> wanted, List<NamedId> before) {
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
