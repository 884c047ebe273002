package com.profitbricks.operator.kinds.server;

import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.NamedId;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.cloud.CloudReader;
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

/**
 * A PBServer's inline volumes and NICs (with their firewall rules, through {@link RuleSync}), found
 * on the server by name: the next addition, change or removal, one per call; what status records of
 * them; and which attached volumes are the server's own when it is deleted.
 */
final class InlineItems {
  private final ProfitBricksClient client;
  private final CloudReader reader;

  InlineItems(CloudReader reader) {
    this.reader = reader;
    this.client = reader.client();
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
   * The next mutation of an inline volume or NIC (added, changed, removed) of server {@code id}, or
   * empty when they match the spec. {@code password} reads an inline volume's image password.
   */
  Optional<Action> next(
      PBServer cr,
      String parentId,
      String id,
      List<Volume> volumesSeen,
      List<Nic> nicsSeen,
      Function<InlineVolume, String> password) {
    Optional<Action> volume = nextVolume(cr, parentId, id, volumesSeen, password);
    if (volume.isPresent()) {
      return volume;
    }
    Optional<Action> removedVolume = removedVolume(cr, parentId, id, volumesSeen);
    if (removedVolume.isPresent()) {
      return removedVolume;
    }
    Optional<Action> nic = nextNic(cr, parentId, id, nicsSeen);
    return nic.isPresent() ? nic : removedNic(cr, parentId, id, nicsSeen);
  }

  /** An inline volume the server lacks, or one whose size or bus differs. */
  private Optional<Action> nextVolume(
      PBServer cr,
      String parentId,
      String id,
      List<Volume> volumesSeen,
      Function<InlineVolume, String> password) {
    PBServerStatus status = cr.getStatus();
    for (InlineVolume v : volumes(cr.getSpec())) {
      Optional<Volume> cloud = find(volumesSeen, v.getName());
      if (cloud.isEmpty()) {
        return Optional.of(
            Action.of(
                "ADD_VOLUME",
                "Adding volume " + v.getName() + " to server " + id,
                () ->
                    client
                        .servers()
                        .createAndAttachVolume(
                            parentId,
                            id,
                            Volume.of(ServerMapping.inlineVolume(v, password.apply(v), "NONE")))
                        .requestId()));
      }
      Drift<Volume.Properties> d =
          ServerMapping.inlineVolumeDrift(
              v,
              item(status == null ? null : status.getVolumes(), v.getName()).imageAlias(),
              cloud.get().properties());
      if (d.patch() != null && d.immutable().isEmpty()) {
        return Optional.of(
            Action.of(
                "UPDATE_VOLUME",
                "Updating " + String.join(", ", d.changed()) + " of volume " + v.getName(),
                () -> client.volumes().update(parentId, cloud.get().id(), d.patch()).requestId()));
      }
    }
    return Optional.empty();
  }

  /** A volume this server managed that the spec no longer names. */
  private Optional<Action> removedVolume(
      PBServer cr, String parentId, String id, List<Volume> volumesSeen) {
    PBServerStatus status = cr.getStatus();
    for (PBServerStatus.Item managed : items(status == null ? null : status.getVolumes())) {
      boolean wanted =
          volumes(cr.getSpec()).stream().anyMatch(v -> v.getName().equals(managed.getName()));
      if (!wanted && volumesSeen.stream().anyMatch(v -> v.id().equals(managed.getId()))) {
        return Optional.of(
            Action.of(
                "REMOVE_VOLUME",
                "Removing volume " + managed.getName() + " from server " + id,
                () -> client.volumes().delete(parentId, managed.getId()).requestId()));
      }
    }
    return Optional.empty();
  }

  /** An inline NIC the server lacks, one whose properties differ, or its next firewall rule. */
  private Optional<Action> nextNic(PBServer cr, String parentId, String id, List<Nic> nicsSeen) {
    PBServerStatus status = cr.getStatus();
    for (InlineNic n : nics(cr.getSpec())) {
      Optional<Nic> cloud = findNic(nicsSeen, n.getName());
      if (cloud.isEmpty()) {
        return Optional.of(
            Action.of(
                "ADD_NIC",
                "Adding NIC " + n.getName() + " to server " + id,
                () -> client.nics().create(parentId, id, nicBody(n)).requestId()));
      }
      Drift<Nic.Properties> d =
          DeviceMapping.inlineNicDrift(
              n,
              item(status == null ? null : status.getNics(), n.getName()).fixedIps(),
              cloud.get().properties());
      if (d.patch() != null) {
        return Optional.of(
            Action.of(
                "UPDATE_NIC",
                "Updating " + String.join(", ", d.changed()) + " of NIC " + n.getName(),
                () -> client.nics().update(parentId, id, cloud.get().id(), d.patch()).requestId()));
      }
      Optional<Action> rule =
          RuleSync.next(
              client,
              parentId,
              id,
              cloud.get(),
              rules(n),
              managedRules(status, n.getName()),
              n.getFirewallRules() != null);
      if (rule.isPresent()) {
        return rule;
      }
    }
    return Optional.empty();
  }

  /** A NIC this server managed that the spec no longer names. */
  private Optional<Action> removedNic(PBServer cr, String parentId, String id, List<Nic> nicsSeen) {
    PBServerStatus status = cr.getStatus();
    for (PBServerStatus.Item managed : items(status == null ? null : status.getNics())) {
      boolean wanted =
          nics(cr.getSpec()).stream().anyMatch(n -> n.getName().equals(managed.getName()));
      if (!wanted && nicsSeen.stream().anyMatch(n -> n.id().equals(managed.getId()))) {
        return Optional.of(
            Action.of(
                "REMOVE_NIC",
                "Removing NIC " + managed.getName() + " from server " + id,
                () -> client.nics().delete(parentId, id, managed.getId()).requestId()));
      }
    }
    return Optional.empty();
  }

  /** Records the inline items: what the spec names, and what was managed before. */
  void record(PBServer cr, PBServerStatus status, List<Volume> volumesSeen, List<Nic> nicsSeen) {
    Set<String> managedVolumes = new HashSet<>();
    items(status.getVolumes()).forEach(i -> managedVolumes.add(i.getName()));
    List<PBServerStatus.Item> volumes = new ArrayList<>();
    for (Volume v : volumesSeen) {
      String name = v.properties() == null ? null : v.properties().name();
      if (name != null
          && (managedVolumes.contains(name)
              || volumes(cr.getSpec()).stream().anyMatch(x -> name.equals(x.getName())))) {
        PBServerStatus.Item item = new PBServerStatus.Item(name, v.id(), null, null);
        // the alias a volume was created from is kept from its first record: a read never shows it
        String alias =
            managedVolumes.contains(name)
                ? item(status.getVolumes(), name).imageAlias()
                : volumes(cr.getSpec()).stream()
                    .filter(x -> name.equals(x.getName()))
                    .findFirst()
                    .map(InlineVolume::getImageAlias)
                    .orElse(null);
        item.setImageAlias(alias);
        volumes.add(item);
      }
    }
    Set<String> managedNics = new HashSet<>();
    items(status.getNics()).forEach(i -> managedNics.add(i.getName()));
    List<PBServerStatus.Item> nics = new ArrayList<>();
    for (Nic n : nicsSeen) {
      String name = n.properties() == null ? null : n.properties().name();
      if (name != null
          && (managedNics.contains(name)
              || nics(cr.getSpec()).stream().anyMatch(x -> name.equals(x.getName())))) {
        PBServerStatus.Item item =
            new PBServerStatus.Item(name, n.id(), n.properties().mac(), n.properties().ips());
        List<FirewallRuleSpec> wanted =
            nics(cr.getSpec()).stream()
                .filter(x -> name.equals(x.getName()))
                .findFirst()
                .map(InlineItems::rules)
                .orElse(List.of());
        List<NamedId> rules = RuleSync.managed(n, wanted, managedRules(status, name));
        item.setFirewallRules(rules.isEmpty() ? null : rules);
        item.setFixedIps(
            DeviceMapping.fixedIps(
                nics(cr.getSpec()).stream()
                    .filter(x -> name.equals(x.getName()))
                    .findFirst()
                    .map(InlineNic::getIps)
                    .orElse(null),
                item(status.getNics(), name).fixedIps(),
                n.properties().ips()));
        nics.add(item);
      }
    }
    // no items is null, as the API server gives it back: a [] here against its null would make
    // the next status patch address an array that is not there
    status.setVolumes(volumes.isEmpty() ? null : volumes);
    status.setNics(nics.isEmpty() ? null : nics);
  }

  Set<String> ownVolumes(
      PBServer cr, PBServerStatus status, List<Volume> attached, String bootVolumeId) {
    Set<String> own = new HashSet<>();
    items(status.getVolumes()).forEach(i -> own.add(i.getId()));
    CloudRequest req = status.getRequest();
    if (req != null && "CREATE".equals(req.getAction()) && req.getId() != null) {
      try {
        reader.requestStatus(req.getId()).targets().stream()
            .filter(t -> t.target() != null && "volume".equals(t.target().type()))
            .forEach(t -> own.add(t.target().id()));
      } catch (CloudApiException.NotFoundException e) {
        // the request is forgotten: status and names still tell
      }
    }
    Set<String> names = new HashSet<>();
    volumes(cr.getSpec()).forEach(v -> names.add(v.getName()));
    for (Volume v : attached) {
      if (v.properties() != null && names.contains(v.properties().name())) {
        own.add(v.id());
      }
    }
    own.remove(bootVolumeId); // a PBVolume of its own, kept or deleted by its own policy
    return own;
  }

  static Optional<Volume> find(List<Volume> volumes, String name) {
    return volumes.stream()
        .filter(v -> v.properties() != null && name.equals(v.properties().name()))
        .findFirst();
  }

  private static Optional<Nic> findNic(List<Nic> nics, String name) {
    return nics.stream()
        .filter(n -> n.properties() != null && name.equals(n.properties().name()))
        .findFirst();
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
