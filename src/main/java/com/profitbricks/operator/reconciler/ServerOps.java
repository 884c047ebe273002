package com.profitbricks.operator.reconciler;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.ResourceReference;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.CloudRequest;
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
import com.profitbricks.operator.cloud.Mapping;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.KubernetesClient;
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
    String ram =
        Mapping.hotPlugRam(s.getRam(), volumes(s).stream().map(InlineVolume::getImageAlias));
    if (ram != null) {
      return ram;
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
    Outcome clash = NameClashes.ofServer(kube, cr);
    if (clash != null) {
      return clash;
    }
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
    String ram =
        Mapping.hotPlugRam(
            cr.getSpec().getRam(), java.util.stream.Stream.of(volume.getSpec().getImageAlias()));
    return ram == null ? null : Outcome.stalled(Reasons.INVALID_SPEC, ram);
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
   * The composite create: the server with its inline volumes and its NICs with their firewall
   * rules. The boot volume is named in the create itself: the first inline volume is PRIMARY and
   * the others NONE, since the cloud boots from none of several volumes by itself (facts §13a E6);
   * with a bootVolumeRef all inline volumes are NONE, and that volume, attached by its PBVolume
   * with the attach call (a composite create takes no existing volume, E11), is booted from by
   * PATCH.
   */
  private Server body(PBServer cr) {
    Server.Properties props = Mapping.server(cr.getSpec(), cr.getMetadata().getName());
    List<Volume> volumes = new ArrayList<>();
    boolean external = cr.getSpec().getBootVolumeRef() != null;
    for (InlineVolume v : volumes(cr.getSpec())) {
      String order = !external && volumes.isEmpty() ? "PRIMARY" : "NONE";
      volumes.add(Volume.of(Mapping.inlineVolume(v, password(cr, v), order)));
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
  public boolean parentExists(String parentId) {
    return reader.datacenter(parentId).isPresent();
  }

  @Override
  public boolean goesWithParent(PBServer cr, String parentId) {
    return DatacenterParents.datacenterGoing(
        kube, cr.getMetadata().getNamespace(), cr.getSpec().getDatacenterRef(), parentId);
  }

  @Override
  public String collection(String parentId) {
    return "/datacenters/" + parentId + "/servers";
  }

  @Override
  public String cloudName(PBServer cr) {
    return Mapping.nameOf(cr.getSpec().getName(), cr.getMetadata().getName());
  }

  @Override
  public java.util.List<Sibling> siblings(String parentId) {
    return reader.datacenter(parentId).map(ServerOps::servers).orElse(List.of()).stream()
        .map(
            s ->
                KindOps.sibling(
                    s.id(), s.properties() == null ? null : s.properties().name(), s.metadata()))
        .toList();
  }

  @Override
  public String cloudType() {
    return "server";
  }

  @Override
  public Created create(PBServer cr, String parentId, ProfitBricksClient client) {
    Accepted<Server> a = client.servers().create(parentId, body(cr));
    return new Created(a.resource().id(), a.requestId());
  }

  @Override
  public Drift<?> diff(PBServer cr, PBServerStatus status, Observed<?> observed) {
    Seen seen = (Seen) observed.resource();
    Drift<Server.Properties> d =
        Mapping.serverDrift(cr.getSpec(), cr.getMetadata().getName(), seen.server().properties());
    List<String> immutable = new ArrayList<>(d.immutable());
    for (InlineVolume v : volumes(cr.getSpec())) {
      find(seen.volumes(), v.getName())
          .ifPresent(
              cloud ->
                  immutable.addAll(
                      Mapping.inlineVolumeDrift(
                              v,
                              item(status.getVolumes(), v.getName()).imageAlias(),
                              cloud.properties())
                          .immutable()));
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
                    parentId, id, Volume.of(Mapping.inlineVolume(v, password(cr, v), "NONE")))
                .requestId();
        return Optional.of(
            new Action("ADD_VOLUME", rid, "Adding volume " + v.getName() + " to server " + id));
      }
      Drift<Volume.Properties> d =
          Mapping.inlineVolumeDrift(
              v,
              item(status == null ? null : status.getVolumes(), v.getName()).imageAlias(),
              cloud.get().properties());
      if (d.patch() != null && d.immutable().isEmpty()) {
        String rid = client.volumes().update(parentId, cloud.get().id(), d.patch()).requestId();
        return Optional.of(
            new Action(
                "UPDATE_VOLUME",
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
                "REMOVE_VOLUME",
                rid,
                "Removing volume " + managed.getName() + " from server " + id));
      }
    }
    for (InlineNic n : nics(cr.getSpec())) {
      Optional<Nic> cloud = findNic(seen.nics(), n.getName());
      if (cloud.isEmpty()) {
        String rid = client.nics().create(parentId, id, nicBody(n)).requestId();
        return Optional.of(
            new Action("ADD_NIC", rid, "Adding NIC " + n.getName() + " to server " + id));
      }
      Drift<Nic.Properties> d =
          Mapping.inlineNicDrift(
              n,
              item(status == null ? null : status.getNics(), n.getName()).fixedIps(),
              cloud.get().properties());
      if (d.patch() != null) {
        String rid = client.nics().update(parentId, id, cloud.get().id(), d.patch()).requestId();
        return Optional.of(
            new Action(
                "UPDATE_NIC",
                rid,
                "Updating " + String.join(", ", d.changed()) + " of NIC " + n.getName()));
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
    for (PBServerStatus.Item managed : items(status == null ? null : status.getNics())) {
      boolean wanted =
          nics(cr.getSpec()).stream().anyMatch(n -> n.getName().equals(managed.getName()));
      if (!wanted && seen.nics().stream().anyMatch(n -> n.id().equals(managed.getId()))) {
        String rid = client.nics().delete(parentId, id, managed.getId()).requestId();
        return Optional.of(
            new Action(
                "REMOVE_NIC", rid, "Removing NIC " + managed.getName() + " from server " + id));
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
    return Optional.of(new Action("BOOT", rid, "Booting server " + id + " from volume " + want));
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

  /** What status recorded of the inline item {@code name} at its creation. */
  private record Recorded(String imageAlias, List<String> fixedIps) {}

  private static Recorded item(List<PBServerStatus.Item> list, String name) {
    return items(list).stream()
        .filter(i -> name.equals(i.getName()))
        .findFirst()
        .map(i -> new Recorded(i.getImageAlias(), i.getFixedIps()))
        .orElse(new Recorded(null, null));
  }

  /**
   * The server's own volumes go with it (deleting a server only detaches its volumes); its NICs go
   * with it anyway. Its own: the inline volumes status recorded, the volumes its create made (the
   * create request's targets), and attached volumes named as an inline volume of the spec — so a
   * server deleted while its create ran leaves none behind. When every attached volume is its own,
   * one DELETE with deleteVolumes takes them all; otherwise its own are deleted one by one and the
   * server's DELETE detaches the others (a PBVolume attached by serverRef, say).
   */
  @Override
  public Optional<Action> beforeDelete(
      PBServer cr, String parentId, String id, PBServerStatus status, Observed<?> observed) {
    Seen seen = (Seen) observed.resource();
    Set<String> own = ownVolumes(cr, status, seen);
    List<Volume> others = seen.volumes().stream().filter(v -> !own.contains(v.id())).toList();
    if (others.isEmpty()) {
      String rid = client.servers().delete(parentId, id, true).requestId();
      return Optional.of(
          new Action(
              "DELETE", rid, "Deleting server " + id + " with its " + own.size() + " volume(s)"));
    }
    for (Volume v : seen.volumes()) {
      if (own.contains(v.id())) {
        String rid = client.volumes().delete(parentId, v.id()).requestId();
        return Optional.of(
            new Action(
                "DELETE_VOLUME",
                rid,
                "Deleting volume " + v.id() + " of server " + id + " before the server"));
      }
    }
    return Optional.empty();
  }

  private Set<String> ownVolumes(PBServer cr, PBServerStatus status, Seen seen) {
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
    for (Volume v : seen.volumes()) {
      if (v.properties() != null && names.contains(v.properties().name())) {
        own.add(v.id());
      }
    }
    String boot = cr.getSpec().getBootVolumeRef() == null ? null : bootVolumeId(cr);
    own.remove(boot); // a PBVolume of its own, kept or deleted by its own policy
    return own;
  }

  @Override
  public String delete(String parentId, String id) {
    return client.servers().delete(parentId, id).requestId();
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
        item.setFixedIps(
            Mapping.fixedIps(
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
}
