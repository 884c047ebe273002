package com.profitbricks.operator.kinds.server;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.NamedId;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus.PendingCreate;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.devices.DeviceMapping;
import com.profitbricks.operator.devices.RuleSync;
import com.profitbricks.operator.engine.KindOps.Action;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A PBServer's inline volumes and NICs (with their firewall rules, through {@link RuleSync}): the
 * next addition, change or removal, one per call. An item is this server's only by the id status
 * records of it ({@link InlineRecords}); an attached volume or NIC named like an inline item but
 * not recorded is someone else's and is never changed, adopted or deleted: the server says so and
 * waits. Additions record an intent first and carry a marker ({@link ItemCreates}).
 */
final class InlineItems {
  /** One pass over the server: its object, this pass's status, its ids, and the view read. */
  record Pass(
      PBServer cr,
      PBServerStatus status,
      String dc,
      String srv,
      ServerOps.Seen seen,
      Runnable persist,
      Supplier<ServerOps.Seen> fresh) {}

  private final ProfitBricksClient client;
  private final ItemCreates creates;
  private final ServerReferences lans;

  InlineItems(ProfitBricksClient client, ItemCreates creates, ServerReferences lans) {
    this.client = client;
    this.creates = creates;
    this.lans = lans;
  }

  static List<InlineVolume> volumes(PBServerSpec s) {
    return s.getVolumes() == null ? List.of() : s.getVolumes();
  }

  static List<InlineNic> nics(PBServerSpec s) {
    return s.getNics() == null ? List.of() : s.getNics();
  }

  static List<FirewallRuleSpec> rules(InlineNic n) {
    return n.getFirewallRules() == null ? List.of() : n.getFirewallRules();
  }

  /** An inline NIC's create body, with its firewall rules. */
  static Nic nicBody(InlineNic n) {
    return rules(n).isEmpty()
        ? Nic.of(DeviceMapping.inlineNic(n))
        : Nic.of(
            DeviceMapping.inlineNic(n),
            rules(n).stream().map(r -> FirewallRule.of(DeviceMapping.rule(r))).toList());
  }

  /**
   * The next mutation of an inline volume or NIC (added, changed, removed) of the server, or empty
   * when they match the spec. {@code password} reads an inline volume's image password.
   */
  Optional<Action> next(Pass p, Function<InlineVolume, String> password) {
    Optional<Action> pending = recovered(p);
    if (pending.isPresent()) {
      return pending;
    }
    Optional<Action> clash = clash(p);
    if (clash.isPresent()) {
      return clash;
    }
    Optional<Action> volume = nextVolume(p, password);
    if (volume.isPresent()) {
      return volume;
    }
    Optional<Action> removedVolume = removedVolume(p);
    if (removedVolume.isPresent()) {
      return removedVolume;
    }
    Optional<Action> nic = nextNic(p);
    return nic.isPresent() ? nic : removedNic(p);
  }

  /**
   * A create whose answer was lost: what it made is recorded once the request log shows it; while
   * it may still show it, nothing else is sent.
   */
  Optional<Action> recovered(Pass p) {
    PendingCreate intent = p.status().getPendingCreate();
    if (intent == null) {
      return Optional.empty();
    }
    String base = "/datacenters/" + p.dc() + "/servers/" + p.srv();
    Set<String> recorded = recordedIds(p.status());
    ItemCreates.Found found;
    switch (intent.getKind()) {
      case PendingCreate.VOLUME ->
          found =
              creates.search(
                  p.cr(),
                  intent,
                  base + "/volumes",
                  "volume",
                  listed(p, s -> s.volumes().stream().map(Volume::id).toList()),
                  recorded);
      case PendingCreate.NIC ->
          found =
              creates.search(
                  p.cr(),
                  intent,
                  base + "/nics",
                  "nic",
                  listed(p, s -> s.nics().stream().map(Nic::id).toList()),
                  recorded);
      default -> {
        String nicId = InlineRecords.recordedId(p.status().getNics(), intent.getNic());
        found =
            nicId == null
                ? ItemCreates.Found.NOTHING
                : creates.search(
                    p.cr(),
                    intent,
                    base + "/nics/" + nicId + "/firewallrules",
                    "firewall-rule",
                    listed(p, s -> ruleIds(s, nicId)),
                    recorded);
      }
    }
    if (found.lookAgain() != null) {
      return Optional.of(Action.recovering(found.lookAgain()));
    }
    p.status().setPendingCreate(null);
    if (found.id() == null) {
      return Optional.empty(); // nothing was made: created again below
    }
    record(p, intent, found.id());
    // the view this pass started from may not show it: the next pass reads afresh
    return Optional.of(
        Action.recovering(
            "Found " + intent.getKind() + " " + intent.getName() + " (" + found.id() + ")"));
  }

  private static Predicate<String> listed(Pass p, Function<ServerOps.Seen, List<String>> ids) {
    return id -> {
      ServerOps.Seen now = p.fresh().get();
      return now != null && ids.apply(now).contains(id);
    };
  }

  private static List<String> ruleIds(ServerOps.Seen s, String nicId) {
    return s.nics().stream()
        .filter(n -> nicId.equals(n.id()))
        .flatMap(n -> RuleSync.rules(n).stream())
        .map(FirewallRule::id)
        .toList();
  }

  private void record(Pass p, PendingCreate intent, String id) {
    PBServerStatus status = p.status();
    switch (intent.getKind()) {
      case PendingCreate.VOLUME ->
          volumes(p.cr().getSpec()).stream()
              .filter(v -> v.getName().equals(intent.getName()))
              .findFirst()
              .ifPresent(
                  v ->
                      status.setVolumes(
                          plus(status.getVolumes(), InlineRecords.volumeItem(v, id))));
      case PendingCreate.NIC ->
          status.setNics(
              plus(status.getNics(), new PBServerStatus.Item(intent.getName(), id, null, null)));
      default -> recordRule(status, intent.getNic(), intent.getName(), id);
    }
  }

  private static List<PBServerStatus.Item> plus(
      List<PBServerStatus.Item> list, PBServerStatus.Item item) {
    List<PBServerStatus.Item> out = new ArrayList<>(items(list));
    out.removeIf(i -> i.getName().equals(item.getName()));
    out.add(item);
    return out;
  }

  private static void recordRule(PBServerStatus status, String nic, String rule, String id) {
    for (PBServerStatus.Item i : items(status.getNics())) {
      if (i.getName().equals(nic)) {
        List<NamedId> rules =
            new ArrayList<>(i.getFirewallRules() == null ? List.of() : i.getFirewallRules());
        rules.removeIf(r -> r.getName().equals(rule));
        rules.add(new NamedId(rule, id));
        i.setFirewallRules(rules);
      }
    }
  }

  /** Every id status records as this server's. */
  static Set<String> recordedIds(PBServerStatus status) {
    Set<String> ids = new HashSet<>();
    items(status.getVolumes()).forEach(i -> ids.add(i.getId()));
    for (PBServerStatus.Item n : items(status.getNics())) {
      ids.add(n.getId());
      if (n.getFirewallRules() != null) {
        n.getFirewallRules().forEach(r -> ids.add(r.getId()));
      }
    }
    return ids;
  }

  /**
   * An inline item without a record while the server has a volume or NIC of that name that is not
   * recorded: someone else's (a PBVolume, a PBNic, a hand-made one). Nothing is sent for it.
   */
  private Optional<Action> clash(Pass p) {
    Set<String> recorded = recordedIds(p.status());
    for (InlineVolume v : volumes(p.cr().getSpec())) {
      if (InlineRecords.recordedId(p.status().getVolumes(), v.getName()) == null) {
        Optional<Volume> other =
            p.seen().volumes().stream()
                .filter(x -> !recorded.contains(x.id()) && named(x.properties(), v.getName()))
                .findFirst();
        if (other.isPresent()) {
          return Optional.of(Action.waiting(notOurs("volume", v.getName(), other.get().id(), p)));
        }
      }
    }
    for (InlineNic n : nics(p.cr().getSpec())) {
      if (InlineRecords.recordedId(p.status().getNics(), n.getName()) == null) {
        Optional<Nic> other =
            p.seen().nics().stream()
                .filter(x -> !recorded.contains(x.id()) && x.properties() != null)
                .filter(x -> n.getName().equals(x.properties().name()))
                .findFirst();
        if (other.isPresent()) {
          return Optional.of(Action.waiting(notOurs("NIC", n.getName(), other.get().id(), p)));
        }
      }
    }
    return Optional.empty();
  }

  private static String notOurs(String what, String name, String id, Pass p) {
    return what
        + " "
        + name
        + " ("
        + id
        + ") attached to server "
        + p.srv()
        + " is not this server's: it was not created by this PBServer, so it is neither adopted,"
        + " changed nor deleted; rename the inline "
        + what
        + " or detach that one";
  }

  static boolean named(Volume.Properties p, String name) {
    return p != null && name.equals(p.name());
  }

  /** An inline volume the server lacks, or one whose size or bus differs. */
  private Optional<Action> nextVolume(Pass p, Function<InlineVolume, String> password) {
    PBServerStatus status = p.status();
    for (InlineVolume v : volumes(p.cr().getSpec())) {
      Optional<Volume> cloud =
          InlineRecords.recorded(p.seen().volumes(), status.getVolumes(), v.getName());
      if (cloud.isEmpty()) {
        return Optional.of(
            Action.of(
                "ADD_VOLUME",
                "Adding volume " + v.getName() + " to server " + p.srv(),
                () -> {
                  Accepted<Volume> a =
                      creates.send(
                          p.cr(),
                          status,
                          creates.intent(PendingCreate.VOLUME, v.getName(), null),
                          p.persist(),
                          c ->
                              c.servers()
                                  .createAndAttachVolume(
                                      p.dc(),
                                      p.srv(),
                                      Volume.of(
                                          ServerMapping.inlineVolume(
                                              v, password.apply(v), "NONE"))));
                  status.setVolumes(
                      plus(status.getVolumes(), InlineRecords.volumeItem(v, a.resource().id())));
                  return a.requestId();
                }));
      }
      Drift<Volume.Properties> d =
          ServerMapping.inlineVolumeDrift(
              v, item(status.getVolumes(), v.getName()).imageAlias(), cloud.get().properties());
      if (d.patch() != null && d.immutable().isEmpty()) {
        return Optional.of(
            Action.of(
                "UPDATE_VOLUME",
                "Updating " + String.join(", ", d.changed()) + " of volume " + v.getName(),
                () -> client.volumes().update(p.dc(), cloud.get().id(), d.patch()).requestId()));
      }
    }
    return Optional.empty();
  }

  /** A volume this server recorded that the spec no longer names. */
  private Optional<Action> removedVolume(Pass p) {
    for (PBServerStatus.Item managed : items(p.status().getVolumes())) {
      boolean wanted =
          volumes(p.cr().getSpec()).stream().anyMatch(v -> v.getName().equals(managed.getName()));
      if (!wanted && p.seen().volumes().stream().anyMatch(v -> v.id().equals(managed.getId()))) {
        return Optional.of(
            Action.of(
                "REMOVE_VOLUME",
                "Removing volume " + managed.getName() + " from server " + p.srv(),
                () -> client.volumes().delete(p.dc(), managed.getId()).requestId()));
      }
    }
    return Optional.empty();
  }

  /** An inline NIC the server lacks, one whose properties differ, or its next firewall rule. */
  private Optional<Action> nextNic(Pass p) {
    PBServerStatus status = p.status();
    for (InlineNic named : nics(p.cr().getSpec())) {
      InlineNic n = lans.resolved(p.cr(), named);
      if (n == null) {
        return Optional.of(
            Action.waiting("PBLan " + named.getLanRef().getName() + " has no LAN number yet"));
      }
      String nicId = InlineRecords.recordedId(status.getNics(), n.getName());
      Optional<Nic> cloud = p.seen().nics().stream().filter(x -> x.id().equals(nicId)).findFirst();
      if (cloud.isEmpty()) {
        return Optional.of(
            Action.of(
                "ADD_NIC",
                "Adding NIC " + n.getName() + " to server " + p.srv(),
                () -> {
                  Accepted<Nic> a =
                      creates.send(
                          p.cr(),
                          status,
                          creates.intent(PendingCreate.NIC, n.getName(), null),
                          p.persist(),
                          c -> c.nics().create(p.dc(), p.srv(), nicBody(n)));
                  status.setNics(
                      plus(status.getNics(), InlineRecords.nicItem(n.getName(), a.resource())));
                  return a.requestId();
                }));
      }
      Drift<Nic.Properties> d =
          DeviceMapping.inlineNicDrift(
              n, item(status.getNics(), n.getName()).fixedIps(), cloud.get().properties());
      if (d.patch() != null) {
        return Optional.of(
            Action.of(
                "UPDATE_NIC",
                "Updating " + String.join(", ", d.changed()) + " of NIC " + n.getName(),
                () ->
                    client
                        .nics()
                        .update(p.dc(), p.srv(), cloud.get().id(), d.patch())
                        .requestId()));
      }
      Optional<Action> rule =
          RuleSync.next(
              client,
              p.dc(),
              p.srv(),
              cloud.get(),
              rules(n),
              managedRules(status, n.getName()),
              n.getFirewallRules() != null,
              (r, post) -> {
                Accepted<FirewallRule> a =
                    creates.send(
                        p.cr(),
                        status,
                        creates.intent(PendingCreate.FIREWALL_RULE, r.getName(), n.getName()),
                        p.persist(),
                        post);
                recordRule(status, n.getName(), r.getName(), a.resource().id());
                return a;
              });
      if (rule.isPresent()) {
        return rule;
      }
    }
    return Optional.empty();
  }

  /** A NIC this server recorded that the spec no longer names. */
  private Optional<Action> removedNic(Pass p) {
    for (PBServerStatus.Item managed : items(p.status().getNics())) {
      boolean wanted =
          nics(p.cr().getSpec()).stream().anyMatch(n -> n.getName().equals(managed.getName()));
      if (!wanted && p.seen().nics().stream().anyMatch(n -> n.id().equals(managed.getId()))) {
        return Optional.of(
            Action.of(
                "REMOVE_NIC",
                "Removing NIC " + managed.getName() + " from server " + p.srv(),
                () -> client.nics().delete(p.dc(), p.srv(), managed.getId()).requestId()));
      }
    }
    return Optional.empty();
  }

  /** The rules of an inline NIC as status last listed them (what this server manages). */
  private static List<NamedId> managedRules(PBServerStatus status, String nic) {
    return items(status == null ? null : status.getNics()).stream()
        .filter(i -> nic.equals(i.getName()))
        .findFirst()
        .map(PBServerStatus.Item::getFirewallRules)
        .orElse(null);
  }

  static List<PBServerStatus.Item> items(List<PBServerStatus.Item> list) {
    return list == null ? List.of() : list;
  }

  /** What status recorded of the inline item {@code name} at its creation. */
  record Recorded(String imageAlias, List<String> fixedIps) {}

  static Recorded item(List<PBServerStatus.Item> list, String name) {
    return items(list).stream()
        .filter(i -> name.equals(i.getName()))
        .findFirst()
        .map(i -> new Recorded(i.getImageAlias(), i.getFixedIps()))
        .orElse(new Recorded(null, null));
  }
}
