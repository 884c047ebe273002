package com.profitbricks.operator.kinds.server;

import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.NamedId;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus.Item;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.LostCreateFinder;
import com.profitbricks.operator.devices.DeviceMapping;
import com.profitbricks.operator.devices.RuleSync;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What status records of a server's inline volumes and NICs: the only proof that one is this
 * server's. An id is recorded from the answer of this server's own create (the composite create, a
 * create-and-attach, a NIC create), from the request log's record of a marked create whose answer
 * was lost, or from the targets of the server's own create request; never from a name. A recorded
 * item stays while the server shows its id.
 */
final class InlineRecords {
  private final CloudReader reader;
  private final ProfitBricksClient client;

  InlineRecords(CloudReader reader) {
    this.reader = reader;
    this.client = reader.client();
  }

  /** The inline items a composite create's answer names (ids by the names the create gave). */
  static void recordComposite(PBServer cr, PBServerStatus status, Server created) {
    if (created == null || created.entities() == null) {
      return;
    }
    List<Item> volumes = new ArrayList<>();
    if (created.entities().volumes() != null) {
      for (Volume v : created.entities().volumes().itemsOrEmpty()) {
        String name = v.properties() == null ? null : v.properties().name();
        InlineItems.volumes(cr.getSpec()).stream()
            .filter(x -> x.getName().equals(name))
            .findFirst()
            .ifPresent(x -> volumes.add(volumeItem(x, v.id())));
      }
    }
    List<Item> nics = new ArrayList<>();
    if (created.entities().nics() != null) {
      for (Nic n : created.entities().nics().itemsOrEmpty()) {
        String name = n.properties() == null ? null : n.properties().name();
        if (InlineItems.nics(cr.getSpec()).stream().anyMatch(x -> x.getName().equals(name))) {
          nics.add(nicItem(name, n));
        }
      }
    }
    status.setVolumes(volumes.isEmpty() ? null : volumes);
    status.setNics(nics.isEmpty() ? null : nics);
  }

  static Item volumeItem(InlineVolume v, String id) {
    Item item = new Item(v.getName(), id, null, null);
    // the alias a volume was created from is kept from its first record: a read never shows it
    item.setImageAlias(v.getImageAlias());
    return item;
  }

  /** A NIC as its own create answered it, with the rules that create made. */
  static Item nicItem(String name, Nic created) {
    Item item = new Item(name, created.id(), null, null);
    List<NamedId> rules = new ArrayList<>();
    for (FirewallRule r : RuleSync.rules(created)) {
      if (r.id() != null && r.properties() != null && r.properties().name() != null) {
        rules.add(new NamedId(r.properties().name(), r.id()));
      }
    }
    item.setFirewallRules(rules.isEmpty() ? null : rules);
    return item;
  }

  /**
   * Keeps the recorded items the server still shows, with their outputs; one it no longer shows
   * (removed, or its create failed) is dropped, and created again if the spec names it. The pass
   * gets here only when the server's last request has ended, so a create still queued is never
   * taken for a missing item.
   */
  void record(PBServer cr, PBServerStatus status, List<Volume> volumesSeen, List<Nic> nicsSeen) {
    fromCreateRequest(cr, status, volumesSeen, nicsSeen);
    List<Item> volumes = new ArrayList<>();
    for (Item managed : InlineItems.items(status.getVolumes())) {
      if (volumesSeen.stream().anyMatch(v -> v.id().equals(managed.getId()))) {
        Item item = new Item(managed.getName(), managed.getId(), null, null);
        item.setImageAlias(managed.getImageAlias());
        volumes.add(item);
      }
    }
    List<Item> nics = new ArrayList<>();
    for (Item managed : InlineItems.items(status.getNics())) {
      nicsSeen.stream()
          .filter(n -> n.id().equals(managed.getId()) && n.properties() != null)
          .findFirst()
          .ifPresent(n -> nics.add(nicOutputs(cr, managed, n)));
    }
    // no items is null, as the API server gives it back: a [] here against its null would make
    // the next status patch address an array that is not there
    status.setVolumes(volumes.isEmpty() ? null : volumes);
    status.setNics(nics.isEmpty() ? null : nics);
  }

  private static Item nicOutputs(PBServer cr, Item managed, Nic n) {
    String name = managed.getName();
    Item item = new Item(name, n.id(), n.properties().mac(), n.properties().ips());
    Optional<InlineNic> spec =
        InlineItems.nics(cr.getSpec()).stream().filter(x -> name.equals(x.getName())).findFirst();
    List<FirewallRuleSpec> wanted = spec.map(InlineItems::rules).orElse(List.of());
    // the NIC is this server's by its id; its rules are the ones the spec names on it and the ones
    // recorded before (the spec's list of a NIC's rules is the whole list)
    List<NamedId> rules = RuleSync.managed(n, wanted, managed.getFirewallRules());
    item.setFirewallRules(rules.isEmpty() ? null : rules);
    item.setFixedIps(
        DeviceMapping.fixedIps(
            spec.map(InlineNic::getIps).orElse(null), managed.getFixedIps(), n.properties().ips()));
    return item;
  }

  /**
   * Right after the server's own create, inline items its answer did not give (the create's answer
   * was lost and the server was found in the request log) are taken from what that create made: the
   * targets of its request, or of the marked create in the log. The name only tells which of those
   * proven ids is which inline item.
   */
  private void fromCreateRequest(
      PBServer cr, PBServerStatus status, List<Volume> volumesSeen, List<Nic> nicsSeen) {
    CloudRequest req = status.getRequest();
    if (req == null || !"CREATE".equals(req.getAction()) || !unrecorded(cr, status)) {
      return;
    }
    Set<String> made = createTargets(cr, status, req);
    List<Item> volumes = new ArrayList<>(InlineItems.items(status.getVolumes()));
    for (InlineVolume v : InlineItems.volumes(cr.getSpec())) {
      if (recordedId(status.getVolumes(), v.getName()) == null) {
        volumesSeen.stream()
            .filter(x -> made.contains(x.id()) && InlineItems.named(x.properties(), v.getName()))
            .findFirst()
            .ifPresent(x -> volumes.add(volumeItem(v, x.id())));
      }
    }
    List<Item> nics = new ArrayList<>(InlineItems.items(status.getNics()));
    for (InlineNic n : InlineItems.nics(cr.getSpec())) {
      if (recordedId(status.getNics(), n.getName()) == null) {
        nicsSeen.stream()
            .filter(x -> made.contains(x.id()) && x.properties() != null)
            .filter(x -> n.getName().equals(x.properties().name()))
            .findFirst()
            .ifPresent(x -> nics.add(new Item(n.getName(), x.id(), null, null)));
      }
    }
    status.setVolumes(volumes.isEmpty() ? null : volumes);
    status.setNics(nics.isEmpty() ? null : nics);
  }

  private static boolean unrecorded(PBServer cr, PBServerStatus status) {
    return InlineItems.volumes(cr.getSpec()).stream()
            .anyMatch(v -> recordedId(status.getVolumes(), v.getName()) == null)
        || InlineItems.nics(cr.getSpec()).stream()
            .anyMatch(n -> recordedId(status.getNics(), n.getName()) == null);
  }

  /** The volumes and NICs the server's own create made, as far as the cloud still tells. */
  private Set<String> createTargets(PBServer cr, PBServerStatus status, CloudRequest req) {
    Set<String> made = new HashSet<>();
    if (req.getId() != null) {
      try {
        reader.requestStatus(req.getId()).targets().stream()
            .filter(t -> t.target() != null)
            .forEach(t -> made.add(t.target().id()));
      } catch (CloudApiException.NotFoundException e) {
        // the request is forgotten: nothing more is proven
      }
      return made;
    }
    if (status.getDatacenterId() == null) {
      return made;
    }
    String servers = "/datacenters/" + status.getDatacenterId() + "/servers";
    String marker = LostCreateFinder.marker(cr.getMetadata().getUid());
    Instant since = at(req.getStartedAt());
    made.addAll(LostCreateFinder.find(client, servers, "volume", marker, since).ids());
    made.addAll(LostCreateFinder.find(client, servers, "nic", marker, since).ids());
    return made;
  }

  private static Instant at(String when) {
    try {
      return when == null ? Instant.now() : Instant.parse(when);
    } catch (DateTimeParseException e) {
      return Instant.now();
    }
  }

  /**
   * The volumes the server may delete with it: those status records, and those its own create made
   * (it may be deleted before it recorded them), less the boot volume of a bootVolumeRef (a
   * PBVolume, kept or deleted by its own policy) and less any id a PBVolume's status holds.
   */
  Set<String> ownVolumes(PBServerStatus status, String bootVolumeId, Set<String> heldElsewhere) {
    Set<String> own = new HashSet<>();
    InlineItems.items(status.getVolumes()).forEach(i -> own.add(i.getId()));
    CloudRequest req = status.getRequest();
    if (req != null && "CREATE".equals(req.getAction()) && req.getId() != null) {
      try {
        reader.requestStatus(req.getId()).targets().stream()
            .filter(t -> t.target() != null && "volume".equals(t.target().type()))
            .forEach(t -> own.add(t.target().id()));
      } catch (CloudApiException.NotFoundException e) {
        // the request is forgotten: status still tells
      }
    }
    own.remove(bootVolumeId);
    own.removeAll(heldElsewhere);
    return own;
  }

  /** The attached volume status records for the inline volume {@code name}. */
  static Optional<Volume> recorded(
      List<Volume> attached, List<PBServerStatus.Item> records, String name) {
    String id = recordedId(records, name);
    return id == null
        ? Optional.empty()
        : attached.stream().filter(v -> id.equals(v.id())).findFirst();
  }

  /** The id status records for the inline item {@code name}, or null. */
  static String recordedId(List<PBServerStatus.Item> records, String name) {
    return InlineItems.items(records).stream()
        .filter(i -> i.getName().equals(name) && i.getId() != null)
        .map(PBServerStatus.Item::getId)
        .findFirst()
        .orElse(null);
  }
}
