package com.profitbricks.operator.kinds.server;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.ResourceReference;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.Demand;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.engine.KindOps;
import com.profitbricks.operator.placement.DatacenterChild;
import com.profitbricks.operator.placement.NameClashes;
import com.profitbricks.operator.status.Outcome;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PBServer in the cloud: created with its inline volumes and NICs in one composite POST, then kept
 * as the spec says, one mutation per pass: properties (PATCH), inline volumes and NICs (added,
 * changed, removed), power state. Inline items are this server's by the ids status records.
 */
final class ServerOps implements DatacenterChild<PBServer, PBServerStatus> {
  /** A server as seen with the full objects of its attached volumes and its NICs. */
  record Seen(Server server, List<Volume> volumes, List<Nic> nics) {}

  private final CloudReader reader;
  private final ProfitBricksClient client;
  private final KubernetesClient kube;
  private final InlineItems inline;
  private final InlineRecords records;
  private final ServerReferences references;

  /**
   * The answers of composite creates, from {@link #create} to {@link #recordCreated} of the same
   * pass: the ids of the inline items they made.
   */
  private final Map<String, Server> createdNow = new ConcurrentHashMap<>();

  ServerOps(CloudReader reader, KubernetesClient kube, Duration recoveryWindow, Clock clock) {
    this.reader = reader;
    this.client = reader.client();
    this.kube = kube;
    this.references = new ServerReferences(kube);
    this.inline =
        new InlineItems(client, new ItemCreates(reader, recoveryWindow, clock), references);
    this.records = new InlineRecords(reader);
  }

  @Override
  public CloudReader reader() {
    return reader;
  }

  @Override
  public KubernetesClient kube() {
    return kube;
  }

  @Override
  public LocalRef datacenterRef(PBServer cr) {
    return cr.getSpec().getDatacenterRef();
  }

  @Override
  public String datacenterId(PBServer cr) {
    return cr.getSpec().getDatacenterId();
  }

  @Override
  public PBServerStatus newStatus() {
    return new PBServerStatus();
  }

  @Override
  public String validate(PBServer cr) {
    return ServerValidation.validate(cr.getSpec());
  }

  @Override
  public Outcome references(PBServer cr, PBServerStatus status) {
    return references.check(cr, status);
  }

  private String bootVolumeId(PBServer cr) {
    return references.bootVolumeId(cr);
  }

  private String password(PBServer cr, InlineVolume v) {
    return references.password(cr, v);
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
    Server.Properties props = ServerMapping.server(cr.getSpec(), cr.getMetadata().getName());
    List<Volume> volumes = new ArrayList<>();
    boolean external = cr.getSpec().getBootVolumeRef() != null;
    for (InlineVolume v : InlineItems.volumes(cr.getSpec())) {
      String order = !external && volumes.isEmpty() ? "PRIMARY" : "NONE";
      volumes.add(Volume.of(ServerMapping.inlineVolume(v, password(cr, v), order)));
    }
    List<Nic> nics = new ArrayList<>();
    for (InlineNic n : InlineItems.nics(cr.getSpec())) {
      InlineNic resolved = references.resolved(cr, n);
      if (resolved == null) {
        // checked in this pass's references gate: only a PBLan deleted since gets here
        throw new IllegalStateException("PBLan " + n.getLanRef().getName() + " went away");
      }
      nics.add(InlineItems.nicBody(resolved));
    }
    return Server.of(
        props,
        new Server.Entities(
            null,
            volumes.isEmpty() ? null : Collection.of(volumes),
            nics.isEmpty() ? null : Collection.of(nics)));
  }

  @Override
  public String collection(String parentId) {
    return "/datacenters/" + parentId + "/servers";
  }

  @Override
  public String cloudName(PBServer cr) {
    return CloudName.of(cr.getSpec().getName(), cr.getMetadata().getName());
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
    createdNow.put(a.resource().id(), a.resource());
    return new Created(a.resource().id(), a.requestId());
  }

  /** The inline items the composite create's answer gives, recorded with the server's own id. */
  @Override
  public void recordCreated(PBServer cr, PBServerStatus status) {
    Server created = status.getId() == null ? null : createdNow.remove(status.getId());
    if (created != null) {
      InlineRecords.recordComposite(cr, status, created);
    }
  }

  /** A read made now of the server, or null when it is not there. */
  private Seen fresh(String parentId, String id) {
    reader.invalidate(parentId);
    return reader
        .datacenter(parentId)
        .flatMap(
            dc ->
                servers(dc).stream()
                    .filter(s -> id.equals(s.id()))
                    .findFirst()
                    .map(s -> seen(dc, s)))
        .orElse(null);
  }

  @Override
  public Demand demand(PBServer cr, PBServerStatus status, Observed<?> observed) {
    return ServerMapping.demand(
        cr.getSpec(), status, observed == null ? null : ((Seen) observed.resource()).server());
  }

  @Override
  public Drift<?> diff(PBServer cr, PBServerStatus status, Observed<?> observed) {
    Seen seen = (Seen) observed.resource();
    Drift<Server.Properties> d =
        ServerMapping.serverDrift(
            cr.getSpec(), cr.getMetadata().getName(), seen.server().properties());
    List<String> immutable = new ArrayList<>(d.immutable());
    for (InlineVolume v : InlineItems.volumes(cr.getSpec())) {
      InlineRecords.recorded(seen.volumes(), status.getVolumes(), v.getName())
          .ifPresent(
              cloud ->
                  immutable.addAll(
                      ServerMapping.inlineVolumeDrift(
                              v,
                              InlineItems.item(status.getVolumes(), v.getName()).imageAlias(),
                              cloud.properties())
                          .immutable()));
    }
    return new Drift<>(d.patch(), d.changed(), immutable);
  }

  @Override
  public String patch(PBServer cr, String parentId, String id, Drift<?> drift) {
    return client.servers().update(parentId, id, (Server.Properties) drift.patch()).requestId();
  }

  @Override
  public Optional<Action> converge(PBServer cr, String parentId, String id, Observed<?> observed) {
    throw new UnsupportedOperationException("a server converges with its status at hand");
  }

  @Override
  public Optional<Action> converge(
      PBServer cr,
      PBServerStatus status,
      String parentId,
      String id,
      Observed<?> observed,
      Runnable persist) {
    Seen seen = (Seen) observed.resource();
    Optional<Action> item =
        inline.next(
            new InlineItems.Pass(
                cr, status, parentId, id, seen, persist, () -> fresh(parentId, id)),
            v -> password(cr, v));
    if (item.isPresent()) {
      return item;
    }
    Optional<Action> boot = boot(cr, status, parentId, id, seen);
    if (boot.isPresent() && !boot.get().isWaiting()) {
      return boot;
    }
    String vm = seen.server().properties().vmState();
    boolean stopped = "SHUTOFF".equals(vm) || "SHUTDOWN".equals(vm);
    if (cr.getSpec().getPowerState() == PBServerSpec.PowerState.Stopped && "RUNNING".equals(vm)) {
      return Optional.of(
          Action.of(
              "STOP",
              "Stopping server " + id,
              () -> client.servers().stop(parentId, id).requestId()));
    }
    if (cr.getSpec().getPowerState() != PBServerSpec.PowerState.Stopped && stopped) {
      return Optional.of(
          Action.of(
              "START",
              "Starting server " + id,
              () -> client.servers().start(parentId, id).requestId()));
    }
    return boot;
  }

  /**
   * Boots from the bootVolumeRef's volume once it is attached (else waits for that), or from the
   * first inline volume.
   */
  private Optional<Action> boot(
      PBServer cr, PBServerStatus status, String parentId, String id, Seen seen) {
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
    } else if (!InlineItems.volumes(cr.getSpec()).isEmpty()) {
      want =
          InlineRecords.recorded(
                  seen.volumes(),
                  status.getVolumes(),
                  InlineItems.volumes(cr.getSpec()).get(0).getName())
              .map(Volume::id)
              .orElse(null);
    } else {
      want = null;
    }
    ResourceReference have = seen.server().properties().bootVolume();
    if (want == null || (have != null && want.equals(have.id()))) {
      return Optional.empty();
    }
    return Optional.of(
        Action.of(
            "BOOT",
            "Booting server " + id + " from volume " + want,
            () ->
                client
                    .servers()
                    .update(parentId, id, Server.Properties.bootVolumePatch(want))
                    .requestId()));
  }

  /**
   * The server's own volumes go with it (deleting a server only detaches its volumes); its NICs go
   * with it anyway. Its own are the ids status records and those its own create made, never a
   * volume found by name, nor one a PBVolume holds. A lost create of an inline volume is looked up
   * first, so what it made is not left behind. When every attached volume is its own, one DELETE
   * with deleteVolumes takes them all: the fewest calls. Otherwise its own go one by one first and
   * the server's DELETE (deleteVolumes false) detaches the rest: deleting the server first and its
   * volumes after costs as many calls, but a server's DELETE is its last step here.
   */
  @Override
  public Optional<Action> beforeDelete(
      PBServer cr, String parentId, String id, PBServerStatus status, Observed<?> observed) {
    Seen seen = (Seen) observed.resource();
    InlineItems.Pass pass =
        new InlineItems.Pass(cr, status, parentId, id, seen, () -> {}, () -> fresh(parentId, id));
    if (status.getPendingCreate() != null
        && PBServerStatus.PendingCreate.VOLUME.equals(status.getPendingCreate().getKind())) {
      Optional<Action> looking = inline.recovered(pass);
      if (looking.isPresent() && looking.get().isWaiting() && status.getPendingCreate() != null) {
        return looking;
      }
    }
    Set<String> own =
        records.ownVolumes(
            status,
            cr.getSpec().getBootVolumeRef() == null ? null : bootVolumeId(cr),
            NameClashes.heldVolumeIds(kube, cr.getMetadata().getNamespace()));
    if (own.containsAll(ids(seen.volumes()))) {
      // read again right before the DELETE: what is attached now, not what the pass began with,
      // is what deleteVolumes takes
      Set<String> attached = ids(client.servers().attachedVolumes(parentId, id).itemsOrEmpty());
      if (own.containsAll(attached)) {
        return Optional.of(
            Action.of(
                "DELETE",
                "Deleting server " + id + " with its " + attached.size() + " volume(s)",
                () -> client.servers().delete(parentId, id, true).requestId()));
      }
    }
    for (Volume v : seen.volumes()) {
      if (own.contains(v.id())) {
        return Optional.of(
            Action.of(
                "DELETE_VOLUME",
                "Deleting volume " + v.id() + " of server " + id + " before the server",
                () -> client.volumes().delete(parentId, v.id()).requestId()));
      }
    }
    return Optional.empty();
  }

  private static Set<String> ids(List<Volume> volumes) {
    Set<String> ids = new HashSet<>();
    volumes.forEach(v -> ids.add(v.id()));
    return ids;
  }

  /** Detaches whatever is attached and is not the server's own (see {@link #beforeDelete}). */
  @Override
  public String delete(String parentId, String id) {
    return client.servers().delete(parentId, id, false).requestId();
  }

  @Override
  public void recordOutputs(
      PBServer cr, PBServerStatus status, Observed<?> observed, String parentId) {
    Seen seen = (Seen) observed.resource();
    Server.Properties p = seen.server().properties();
    status.setVmState(p.vmState());
    status.setCpuFamily(p.cpuFamily());
    status.setBootVolumeId(p.bootVolume() == null ? null : p.bootVolume().id());
    records.record(cr, status, seen.volumes(), seen.nics());
  }
}
