package com.profitbricks.operator.reconciler;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.ResourceReference;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.NamedId;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.SecretKeyRef;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.cloud.LostCreateFinder;
import com.profitbricks.operator.cloud.Mapping;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PBServer in the cloud: created with its inline volumes and NICs in one composite POST, then kept
 * as the spec says, one mutation per pass: properties (PATCH), inline volumes and NICs (added,
 * changed, removed), power state. Inline items are matched by name.
 */
final class ServerOps implements KindOps<PBServer, PBServerStatus> {
  /** A server as seen with the full objects of its attached volumes and its NICs. */
  record Seen(Server server, List<Volume> volumes, List<Nic> nics) {}

  private final CloudReader reader;
  private final ProfitBricksClient client;
  private final KubernetesClient kube;

  ServerOps(CloudReader reader, KubernetesClient kube) {
    this.reader = reader;
    this.client = reader.client();
    this.kube = kube;
  }

  @Override
  public PBServerStatus newStatus() {
    return new PBServerStatus();
  }

  @Override
  public String validate(PBServer cr) {
    PBServerSpec s = cr.getSpec();
    if ((s.getDatacenterRef() != null) == (s.getDatacenterId() != null)) {
      return "set exactly one of spec.datacenterRef and spec.datacenterId";
    }
    if (s.getCores() == null
        || s.getCores() < 1
        || s.getRam() == null
        || s.getRam() < 256
        || s.getRam() % 256 != 0) {
      return "spec.cores must be at least 1 and spec.ram a multiple of 256 MiB, at least 256";
    }
    Set<String> names = new HashSet<>();
    for (InlineVolume v : volumes(s)) {
      if (!names.add("v/" + v.getName())) {
        return "spec.volumes has two volumes named "
            + v.getName()
            + "; names identify inline volumes";
      }
      if (v.getImage() == null && v.getImageAlias() == null && v.getLicenceType() == null) {
        return "spec.volumes[" + v.getName() + "] needs an image, an imageAlias or a licenceType";
      }
    }
    for (InlineNic n : nics(s)) {
      if (!names.add("n/" + n.getName())) {
        return "spec.nics has two NICs named " + n.getName() + "; names identify inline NICs";
      }
      String rules =
          RuleSync.duplicateName(
              n.getFirewallRules(), "spec.nics[" + n.getName() + "].firewallRules");
      if (rules != null) {
        return rules;
      }
    }
    return null;
  }

  private static List<InlineVolume> volumes(PBServerSpec s) {
    return s.getVolumes() == null ? List.of() : s.getVolumes();
  }

  private static List<InlineNic> nics(PBServerSpec s) {
    return s.getNics() == null ? List.of() : s.getNics();
  }

  @Override
  public Parent parent(PBServer cr, PBServerStatus status) {
    return DatacenterParents.resolve(
        kube,
        cr.getMetadata().getNamespace(),
        cr.getSpec().getDatacenterRef(),
        cr.getSpec().getDatacenterId(),
        status.getDatacenterId());
  }

  /**
   * Inline volumes still to be created wait for their image passwords; a server with a
   * bootVolumeRef waits, before it is created, for that volume to be AVAILABLE and to name it.
   */
  @Override
  public Outcome references(PBServer cr, PBServerStatus status) {
    for (InlineVolume v : volumes(cr.getSpec())) {
      SecretKeyRef ref = v.getImagePasswordSecretRef();
      boolean created =
          items(status.getVolumes()).stream().anyMatch(i -> i.getName().equals(v.getName()));
      if (!created && ref != null && password(cr, v) == null) {
        return waiting(
            "Secret "
                + ref.getName()
                + " with key "
                + ref.getKey()
                + " (image password of volume "
                + v.getName()
                + ") does not exist yet");
      }
    }
    LocalRef boot = cr.getSpec().getBootVolumeRef();
    if (boot == null) {
      return null;
    }
    PBVolume volume = bootVolume(cr);
    if (volume == null) {
      return waiting("The boot volume PBVolume " + boot.getName() + " does not exist yet");
    }
    boolean namesThis =
        volume.getSpec().getServerRef() != null
            ? cr.getMetadata().getName().equals(volume.getSpec().getServerRef().getName())
            : volume.getSpec().getServerId() != null
                && volume.getSpec().getServerId().equals(status.getId());
    if (!namesThis) {
      return waiting(
          "PBVolume "
              + boot.getName()
              + " is the boot volume of this server but does not attach to it: set its"
              + " spec.serverRef.name to "
              + cr.getMetadata().getName());
    }
    if (status.getId() == null
        && (volume.getStatus() == null
            || volume.getStatus().getId() == null
            || !"AVAILABLE".equals(volume.getStatus().getState()))) {
      return waiting("The boot volume PBVolume " + boot.getName() + " is not AVAILABLE yet");
    }
    return null;
  }

  private static Outcome waiting(String why) {
    return Outcome.progressing(Reasons.DEPENDENCY_NOT_READY, why);
  }

  private PBVolume bootVolume(PBServer cr) {
    return kube.resources(PBVolume.class)
        .inNamespace(cr.getMetadata().getNamespace())
        .withName(cr.getSpec().getBootVolumeRef().getName())
        .get();
  }

  /** The cloud id of the bootVolumeRef's volume, or null. */
  private String bootVolumeId(PBServer cr) {
    PBVolume v = bootVolume(cr);
    return v == null || v.getStatus() == null ? null : v.getStatus().getId();
  }

  private String password(PBServer cr, InlineVolume v) {
    return v.getImagePasswordSecretRef() == null
        ? null
        : Secrets.read(kube, cr.getMetadata().getNamespace(), v.getImagePasswordSecretRef());
  }

  @Override
  public Optional<Observed<?>> observe(PBServer cr, String parentId, String id) {
    return reader
        .datacenter(parentId)
        .flatMap(
            dc ->
                servers(dc).stream()
                    .filter(s -> id.equals(s.id()))
                    .findFirst()
                    .map(s -> seen(dc, s)))
        .map(
            seen ->
                new Observed<>(
                    seen.server().metadata() == null ? null : seen.server().metadata().state(),
                    seen));
  }

  private static List<Server> servers(Datacenter dc) {
    return dc.entities() == null || dc.entities().servers() == null
        ? List.of()
        : dc.entities().servers().itemsOrEmpty();
  }

  private static Seen seen(Datacenter dc, Server s) {
    Set<String> attached = new HashSet<>();
    if (s.entities() != null && s.entities().volumes() != null) {
      s.entities().volumes().itemsOrEmpty().forEach(v -> attached.add(v.id()));
    }
    List<Volume> volumes = new ArrayList<>();
    if (dc.entities() != null && dc.entities().volumes() != null) {
      dc.entities().volumes().itemsOrEmpty().stream()
          .filter(v -> attached.contains(v.id()))
          .forEach(volumes::add);
    }
    List<Nic> nics =
        s.entities() == null || s.entities().nics() == null
            ? List.of()
            : s.entities().nics().itemsOrEmpty();
    return new Seen(s, volumes, nics);
  }

  /**
   * The composite create: the server with its inline volumes, its NICs with their firewall rules,
   * and an unattached bootVolumeRef volume attached and booted from.
   */
  private Server body(PBServer cr) {
    Server.Properties props = Mapping.server(cr.getSpec(), cr.getMetadata().getName());
    List<Volume> volumes = new ArrayList<>();
    for (InlineVolume v : volumes(cr.getSpec())) {
      volumes.add(Volume.of(Mapping.inlineVolume(v, password(cr, v))));
    }
    if (cr.getSpec().getBootVolumeRef() != null) {
      PBVolume boot = bootVolume(cr);
      if (boot != null
          && boot.getStatus() != null
          && boot.getStatus().getId() != null
          && boot.getStatus().getAttachedServerId() == null) {
        volumes.add(Volume.ref(boot.getStatus().getId()));
        props = props.withBootVolume(boot.getStatus().getId());
      }
    }
    List<Nic> nics = nics(cr.getSpec()).stream().map(ServerOps::nicBody).toList();
    return Server.of(
        props,
        new Server.Entities(
            null,
            volumes.isEmpty() ? null : Collection.of(volumes),
            nics.isEmpty() ? null : Collection.of(nics)));
  }

  private static Nic nicBody(InlineNic n) {
    return rules(n).isEmpty()
        ? Nic.of(Mapping.inlineNic(n))
        : Nic.of(
            Mapping.inlineNic(n),
            rules(n).stream().map(r -> FirewallRule.of(Mapping.rule(r))).toList());
  }

  private static List<FirewallRuleSpec> rules(InlineNic n) {
    return n.getFirewallRules() == null ? List.of() : n.getFirewallRules();
  }

  /** One composite request: the server with its volumes and NICs. */
  @Override
  public Created create(PBServer cr, String parentId) {
    Accepted<Server> a = client.servers().create(parentId, body(cr));
    return new Created(a.resource().id(), a.requestId());
  }

  @Override
  public Drift<?> diff(PBServer cr, Observed<?> observed) {
    Seen seen = (Seen) observed.resource();
    Drift<Server.Properties> d =
        Mapping.serverDrift(cr.getSpec(), cr.getMetadata().getName(), seen.server().properties());
    List<String> immutable = new ArrayList<>(d.immutable());
    for (InlineVolume v : volumes(cr.getSpec())) {
      find(seen.volumes(), v.getName())
          .ifPresent(
              cloud ->
                  immutable.addAll(Mapping.inlineVolumeDrift(v, cloud.properties()).immutable()));
    }
    return new Drift<>(d.patch(), d.changed(), immutable);
  }

  private static Optional<Volume> find(List<Volume> volumes, String name) {
    return volumes.stream()
        .filter(v -> v.properties() != null && name.equals(v.properties().name()))
        .findFirst();
  }

  private static Optional<Nic> findNic(List<Nic> nics, String name) {
    return nics.stream()
        .filter(n -> n.properties() != null && name.equals(n.properties().name()))
        .findFirst();
  }

  @Override
  public String patch(PBServer cr, String parentId, String id, Drift<?> drift) {
    return client.servers().update(parentId, id, (Server.Properties) drift.patch()).requestId();
  }

  @Override
  public Optional<Action> converge(PBServer cr, String parentId, String id, Observed<?> observed) {
    Seen seen = (Seen) observed.resource();
    PBServerStatus status = cr.getStatus();
    for (InlineVolume v : volumes(cr.getSpec())) {
      Optional<Volume> cloud = find(seen.volumes(), v.getName());
      if (cloud.isEmpty()) {
        String rid =
            client
                .servers()
                .createAndAttachVolume(
                    parentId, id, Volume.of(Mapping.inlineVolume(v, password(cr, v))))
                .requestId();
        return Optional.of(
            new Action("CREATE", rid, "Adding volume " + v.getName() + " to server " + id));
      }
      Drift<Volume.Properties> d = Mapping.inlineVolumeDrift(v, cloud.get().properties());
      if (d.patch() != null && d.immutable().isEmpty()) {
        String rid = client.volumes().update(parentId, cloud.get().id(), d.patch()).requestId();
        return Optional.of(
            new Action(
                "UPDATE",
                rid,
                "Updating " + String.join(", ", d.changed()) + " of volume " + v.getName()));
      }
    }
    for (PBServerStatus.Item managed : items(status == null ? null : status.getVolumes())) {
      boolean wanted =
          volumes(cr.getSpec()).stream().anyMatch(v -> v.getName().equals(managed.getName()));
      if (!wanted && seen.volumes().stream().anyMatch(v -> v.id().equals(managed.getId()))) {
        String rid = client.volumes().delete(parentId, managed.getId()).requestId();
        return Optional.of(
            new Action(
                "DELETE", rid, "Removing volume " + managed.getName() + " from server " + id));
      }
    }
    for (InlineNic n : nics(cr.getSpec())) {
      Optional<Nic> cloud = findNic(seen.nics(), n.getName());
      if (cloud.isEmpty()) {
        String rid = client.nics().create(parentId, id, nicBody(n)).requestId();
        return Optional.of(
            new Action("CREATE", rid, "Adding NIC " + n.getName() + " to server " + id));
      }
      Drift<Nic.Properties> d = Mapping.inlineNicDrift(n, cloud.get().properties());
      if (d.patch() != null) {
        String rid = client.nics().update(parentId, id, cloud.get().id(), d.patch()).requestId();
        return Optional.of(
            new Action(
                "UPDATE",
                rid,
                "Updating " + String.join(", ", d.changed()) + " of NIC " + n.getName()));
      }
      Optional<Action> rule =
          RuleSync.next(
              client, parentId, id, cloud.get(), rules(n), managedRules(status, n.getName()));
      if (rule.isPresent()) {
        return rule;
      }
    }
    for (PBServerStatus.Item managed : items(status == null ? null : status.getNics())) {
      boolean wanted =
          nics(cr.getSpec()).stream().anyMatch(n -> n.getName().equals(managed.getName()));
      if (!wanted && seen.nics().stream().anyMatch(n -> n.id().equals(managed.getId()))) {
        String rid = client.nics().delete(parentId, id, managed.getId()).requestId();
        return Optional.of(
            new Action("DELETE", rid, "Removing NIC " + managed.getName() + " from server " + id));
      }
    }
    Optional<Action> boot = boot(cr, parentId, id, seen);
    if (boot.isPresent() && !boot.get().isWaiting()) {
      return boot;
    }
    String vm = seen.server().properties().vmState();
    boolean stopped = "SHUTOFF".equals(vm) || "SHUTDOWN".equals(vm);
    if (cr.getSpec().getPowerState() == PBServerSpec.PowerState.Stopped && "RUNNING".equals(vm)) {
      return Optional.of(
          new Action(
              "STOP", client.servers().stop(parentId, id).requestId(), "Stopping server " + id));
    }
    if (cr.getSpec().getPowerState() != PBServerSpec.PowerState.Stopped && stopped) {
      return Optional.of(
          new Action(
              "START", client.servers().start(parentId, id).requestId(), "Starting server " + id));
    }
    return boot;
  }

  /**
   * Boots from the bootVolumeRef's volume once it is attached (else waits for that), or from the
   * first inline volume.
   */
  private Optional<Action> boot(PBServer cr, String parentId, String id, Seen seen) {
    String want;
    if (cr.getSpec().getBootVolumeRef() != null) {
      want = bootVolumeId(cr);
      if (want == null || seen.volumes().stream().noneMatch(v -> v.id().equals(want))) {
        return Optional.of(
            Action.waiting(
                "The boot volume PBVolume "
                    + cr.getSpec().getBootVolumeRef().getName()
                    + " is not attached to this server yet"));
      }
    } else if (!volumes(cr.getSpec()).isEmpty()) {
      want =
          find(seen.volumes(), volumes(cr.getSpec()).get(0).getName()).map(Volume::id).orElse(null);
    } else {
      want = null;
    }
    ResourceReference have = seen.server().properties().bootVolume();
    if (want == null || (have != null && want.equals(have.id()))) {
      return Optional.empty();
    }
    String rid =
        client.servers().update(parentId, id, Server.Properties.bootVolumePatch(want)).requestId();
    return Optional.of(new Action("UPDATE", rid, "Booting server " + id + " from volume " + want));
  }

  /** The rules of an inline NIC as status last listed them (what this server manages). */
  private static List<NamedId> managedRules(PBServerStatus status, String nic) {
    return items(status == null ? null : status.getNics()).stream()
        .filter(i -> nic.equals(i.getName()))
        .findFirst()
        .map(PBServerStatus.Item::getFirewallRules)
        .orElse(null);
  }

  private static List<PBServerStatus.Item> items(List<PBServerStatus.Item> list) {
    return list == null ? List.of() : list;
  }

  /** Inline volumes go first (deleting a server only detaches its volumes); its NICs go with it. */
  @Override
  public Optional<Action> beforeDelete(
      PBServer cr, String parentId, String id, PBServerStatus status, Observed<?> observed) {
    Seen seen = (Seen) observed.resource();
    for (PBServerStatus.Item managed : items(status.getVolumes())) {
      if (seen.volumes().stream().anyMatch(v -> v.id().equals(managed.getId()))) {
        String rid = client.volumes().delete(parentId, managed.getId()).requestId();
        return Optional.of(
            new Action("DELETE", rid, "Deleting volume " + managed.getName() + " of server " + id));
      }
    }
    return Optional.empty();
  }

  @Override
  public String delete(String parentId, String id) {
    return client.servers().delete(parentId, id).requestId();
  }

  @Override
  public Optional<String> findLost(PBServer cr, String parentId, Instant intentAt) {
    Optional<String> byRequest =
        LostCreateFinder.find(
            client,
            "/datacenters/" + parentId + "/servers",
            "server",
            body(cr).properties(),
            intentAt);
    if (byRequest.isPresent()) {
      return byRequest;
    }
    String name = Mapping.server(cr.getSpec(), cr.getMetadata().getName()).name();
    reader.invalidate(parentId);
    return reader
        .datacenter(parentId)
        .flatMap(
            dc ->
                servers(dc).stream()
                    .filter(s -> s.properties() != null && name.equals(s.properties().name()))
                    .map(Server::id)
                    .findFirst());
  }

  @Override
  public String parentDrift(PBServerStatus status, String parentId) {
    return DatacenterParents.moved(status.getDatacenterId(), parentId);
  }

  @Override
  public String recordedParent(PBServerStatus status) {
    return status.getDatacenterId();
  }

  @Override
  public void recordParent(PBServerStatus status, String parentId) {
    status.setDatacenterId(parentId);
  }

  @Override
  public void recordOutputs(
      PBServer cr, PBServerStatus status, Observed<?> observed, String parentId) {
    Seen seen = (Seen) observed.resource();
    Server.Properties p = seen.server().properties();
    status.setVmState(p.vmState());
    status.setCpuFamily(p.cpuFamily());
    status.setBootVolumeId(p.bootVolume() == null ? null : p.bootVolume().id());
    // inline items: what the spec names, and what was managed before (so a removal can be carried
    // out)
    Set<String> managedVolumes = new HashSet<>();
    items(status.getVolumes()).forEach(i -> managedVolumes.add(i.getName()));
    List<PBServerStatus.Item> volumes = new ArrayList<>();
    for (Volume v : seen.volumes()) {
      String name = v.properties() == null ? null : v.properties().name();
      if (name != null
          && (managedVolumes.contains(name)
              || volumes(cr.getSpec()).stream().anyMatch(x -> name.equals(x.getName())))) {
        volumes.add(new PBServerStatus.Item(name, v.id(), null, null));
      }
    }
    Set<String> managedNics = new HashSet<>();
    items(status.getNics()).forEach(i -> managedNics.add(i.getName()));
    List<PBServerStatus.Item> nics = new ArrayList<>();
    for (Nic n : seen.nics()) {
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
                .map(ServerOps::rules)
                .orElse(List.of());
        List<NamedId> rules = RuleSync.managed(n, wanted, managedRules(status, name));
        item.setFirewallRules(rules.isEmpty() ? null : rules);
        nics.add(item);
      }
    }
    status.setVolumes(volumes);
    status.setNics(nics);
  }
}
