package com.profitbricks.operator.kinds.nic;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.Query;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Server;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBNicStatus;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.devices.DeviceMapping;
import com.profitbricks.operator.devices.RuleSync;
import com.profitbricks.operator.engine.KindOps;
import com.profitbricks.operator.engine.Lookup;
import com.profitbricks.operator.placement.NameClashes;
import com.profitbricks.operator.placement.References;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * PBNic in the cloud: {@code /datacenters/{dc}/servers/{server}/nics}. Its parent id is {@code
 * <datacenterId>/<serverId>}: the server, and the datacenter that follows from it.
 */
final class NicOps implements KindOps<PBNic, PBNicStatus> {
  private final CloudReader reader;
  private final ProfitBricksClient client;
  private final KubernetesClient kube;

  NicOps(CloudReader reader, KubernetesClient kube) {
    this.reader = reader;
    this.client = reader.client();
    this.kube = kube;
  }

  @Override
  public PBNicStatus newStatus() {
    return new PBNicStatus();
  }

  @Override
  public String validate(PBNic cr) {
    if ((cr.getSpec().getServerRef() != null) == (cr.getSpec().getServerId() != null)) {
      return "set exactly one of spec.serverRef and spec.serverId";
    }
    if ((cr.getSpec().getLanRef() != null) == (cr.getSpec().getLan() != null)) {
      return "set exactly one of spec.lanRef and spec.lan";
    }
    if (cr.getSpec().getIpBlockRef() != null
        && cr.getSpec().getIps() != null
        && !cr.getSpec().getIps().isEmpty()) {
      return "set spec.ips or spec.ipBlockRef, not both";
    }
    String rules = RuleSync.duplicateName(cr.getSpec().getFirewallRules(), "spec.firewallRules");
    if (rules != null) {
      return rules;
    }
    List<Integer> indexes = cr.getSpec().getIndexes();
    if (indexes != null && !indexes.isEmpty()) {
      if (cr.getSpec().getIpBlockRef() == null) {
        return "spec.indexes pick addresses of spec.ipBlockRef: set ipBlockRef too";
      }
      if (indexes.stream().anyMatch(i -> i == null || i < 0)) {
        return "spec.indexes are positions in the IP block's addresses: 0 or more";
      }
      if (indexes.stream().distinct().count() < indexes.size()) {
        return "spec.indexes names one address twice";
      }
    }
    return null;
  }

  static String datacenter(String parentId) {
    return parentId == null ? null : parentId.substring(0, parentId.indexOf('/'));
  }

  static String server(String parentId) {
    return parentId.substring(parentId.indexOf('/') + 1);
  }

  @Override
  public Parent parent(PBNic cr, PBNicStatus status) {
    String ns = cr.getMetadata().getNamespace();
    String dc;
    String srv;
    if (cr.getSpec().getServerRef() != null) {
      String name = cr.getSpec().getServerRef().getName();
      PBServer s = Lookup.get(kube, PBServer.class, ns, name);
      if (s != null
          && s.getStatus() != null
          && s.getStatus().getId() != null
          && s.getStatus().getDatacenterId() != null) {
        dc = s.getStatus().getDatacenterId();
        srv = s.getStatus().getId();
      } else if (status.getServerId() != null
          && (s == null || s.getMetadata().getDeletionTimestamp() != null)) {
        return new Parent(
            status.getDatacenterId() + "/" + status.getServerId(), "PBServer " + name + " is gone");
      } else {
        return Parent.waiting(
            s == null
                ? "PBServer " + name + " does not exist yet"
                : "PBServer " + name + " has no cloud id yet");
      }
    } else {
      srv = cr.getSpec().getServerId();
      dc = srv.equals(status.getServerId()) ? status.getDatacenterId() : datacenterOfServer(srv);
      if (dc == null) {
        return Parent.waiting("server " + srv + " is in no datacenter of these credentials");
      }
    }
    return Parent.ready(dc + "/" + srv);
  }

  @Override
  public Outcome references(PBNic cr, PBNicStatus status) {
    Outcome clash =
        NameClashes.nic(
            NameClashes.server(
                kube,
                cr.getMetadata().getNamespace(),
                cr.getSpec().getServerRef(),
                cr.getSpec().getServerId()),
            CloudName.of(cr.getSpec().getName(), cr.getMetadata().getName()));
    if (clash != null) {
      return clash;
    }
    if (cr.getSpec().getLanRef() != null && lanNumber(cr) == null) {
      return Outcome.progressing(
          Reasons.DEPENDENCY_NOT_READY,
          "PBLan " + cr.getSpec().getLanRef().getName() + " has no LAN number yet");
    }
    LocalRef block = cr.getSpec().getIpBlockRef();
    if (block == null) {
      return null;
    }
    List<String> reserved = blockIps(cr);
    if (reserved == null) {
      return Outcome.progressing(
          Reasons.DEPENDENCY_NOT_READY,
          "PBIPBlock " + block.getName() + " has no reserved addresses yet");
    }
    try {
      NicMapping.blockAddresses(reserved, cr.getSpec().getIndexes());
      return null;
    } catch (IllegalArgumentException e) {
      return Outcome.stalled(
          Reasons.INVALID_SPEC, e.getMessage() + " (PBIPBlock " + block.getName() + ")");
    }
  }

  /** The reserved addresses of the NIC's PBIPBlock, or null while it has none. */
  private List<String> blockIps(PBNic cr) {
    PBIPBlock block =
        Lookup.get(
            kube,
            PBIPBlock.class,
            cr.getMetadata().getNamespace(),
            cr.getSpec().getIpBlockRef().getName());
    return block == null
            || block.getStatus() == null
            || block.getStatus().getIps() == null
            || block.getStatus().getIps().isEmpty()
        ? null
        : block.getStatus().getIps();
  }

  /** The addresses the NIC should have: spec.ips, or those picked from its IP block. */
  private List<String> addresses(PBNic cr) {
    return cr.getSpec().getIpBlockRef() == null
        ? cr.getSpec().getIps()
        : NicMapping.blockAddresses(blockIps(cr), cr.getSpec().getIndexes());
  }

  private Nic.Properties properties(PBNic cr) {
    return NicMapping.nic(cr.getSpec(), cr.getMetadata().getName(), lanNumber(cr), addresses(cr));
  }

  /** One listing of the datacenters with their servers as references. */
  private String datacenterOfServer(String serverId) {
    for (Datacenter d : client.datacenters().list(Query.depth(2)).itemsOrEmpty()) {
      if (d.entities() != null
          && d.entities().servers() != null
          && d.entities().servers().itemsOrEmpty().stream()
              .anyMatch(s -> serverId.equals(s.id()))) {
        return d.id();
      }
    }
    return null;
  }

  private Integer lanNumber(PBNic cr) {
    if (cr.getSpec().getLan() != null) {
      return cr.getSpec().getLan();
    }
    PBLan lan =
        Lookup.get(
            kube, PBLan.class, cr.getMetadata().getNamespace(), cr.getSpec().getLanRef().getName());
    return lan == null || lan.getStatus() == null || lan.getStatus().getId() == null
        ? null
        : Integer.valueOf(lan.getStatus().getId());
  }

  @Override
  public Optional<Observed<?>> observe(PBNic cr, String parentId, String id) {
    return reader
        .datacenter(datacenter(parentId))
        .flatMap(
            dc -> nics(dc, server(parentId)).stream().filter(n -> id.equals(n.id())).findFirst())
        .map(n -> new Observed<>(n.metadata() == null ? null : n.metadata().state(), n));
  }

  private static List<Nic> nics(Datacenter dc, String serverId) {
    if (dc.entities() == null || dc.entities().servers() == null) {
      return List.of();
    }
    return dc.entities().servers().itemsOrEmpty().stream()
        .filter(s -> serverId.equals(s.id()))
        .findFirst()
        .map(Server::entities)
        .map(e -> e.nics() == null ? List.<Nic>of() : e.nics().itemsOrEmpty())
        .orElse(List.of());
  }

  @Override
  public boolean parentExists(String parentId) {
    return reader.datacenterShows(
        datacenter(parentId),
        dc ->
            dc.entities() != null
                && dc.entities().servers() != null
                && dc.entities().servers().itemsOrEmpty().stream()
                    .anyMatch(s -> server(parentId).equals(s.id())));
  }

  /** A NIC goes with its server (deleted by its PBServer) and with that server's datacenter. */
  @Override
  public boolean goesWithParent(PBNic cr, String parentId) {
    if (cr.getSpec().getServerRef() == null || parentId == null) {
      return false;
    }
    PBServer s =
        Lookup.get(
            kube,
            PBServer.class,
            cr.getMetadata().getNamespace(),
            cr.getSpec().getServerRef().getName());
    return s != null
        && s.getStatus() != null
        && server(parentId).equals(s.getStatus().getId())
        && (References.going(s)
            || References.datacenterGoing(
                kube,
                cr.getMetadata().getNamespace(),
                s.getSpec().getDatacenterRef(),
                datacenter(parentId)));
  }

  /** Gone with its datacenter when the cloud no longer lists that (no 404 of its own). */
  @Override
  public boolean stillListed(String parentId, String id) {
    return reader.datacenterListed(datacenter(parentId));
  }

  @Override
  public String collection(String parentId) {
    return "/datacenters/" + datacenter(parentId) + "/servers/" + server(parentId) + "/nics";
  }

  @Override
  public String cloudName(PBNic cr) {
    return CloudName.of(cr.getSpec().getName(), cr.getMetadata().getName());
  }

  @Override
  public java.util.List<Sibling> siblings(String parentId) {
    return reader
        .datacenter(datacenter(parentId))
        .map(dc -> nics(dc, server(parentId)))
        .orElse(List.of())
        .stream()
        .map(
            n ->
                KindOps.sibling(
                    n.id(), n.properties() == null ? null : n.properties().name(), n.metadata()))
        .toList();
  }

  @Override
  public String cloudType() {
    return "nic";
  }

  @Override
  public Created create(PBNic cr, String parentId, ProfitBricksClient client) {
    Nic.Properties props = properties(cr);
    // the NIC and its rules in one request
    Nic body =
        rules(cr).isEmpty()
            ? Nic.of(props)
            : Nic.of(
                props,
                rules(cr).stream().map(r -> FirewallRule.of(DeviceMapping.rule(r))).toList());
    Accepted<Nic> a = client.nics().create(datacenter(parentId), server(parentId), body);
    return new Created(a.resource().id(), a.requestId());
  }

  @Override
  public Drift<?> diff(PBNic cr, PBNicStatus status, Observed<?> observed) {
    Nic.Properties cloud = ((Nic) observed.resource()).properties();
    Integer lan = lanNumber(cr);
    return NicMapping.nicDrift(
        cr.getSpec(),
        cr.getMetadata().getName(),
        // the lanRef's PBLan went away since the references were checked in this pass: its
        // LAN is no drift to correct now (the next pass says what the NIC waits for)
        lan != null ? lan : cloud.lan() == null ? 0 : cloud.lan(),
        addresses(cr),
        status.getFixedIps(),
        cloud);
  }

  private static List<FirewallRuleSpec> rules(PBNic cr) {
    return cr.getSpec().getFirewallRules() == null ? List.of() : cr.getSpec().getFirewallRules();
  }

  @Override
  public Optional<Action> converge(PBNic cr, String parentId, String id, Observed<?> observed) {
    return RuleSync.next(
        client,
        datacenter(parentId),
        server(parentId),
        (Nic) observed.resource(),
        rules(cr),
        cr.getStatus() == null ? null : cr.getStatus().getFirewallRules(),
        cr.getSpec().getFirewallRules() != null);
  }

  @Override
  public String patch(PBNic cr, String parentId, String id, Drift<?> drift) {
    return client
        .nics()
        .update(datacenter(parentId), server(parentId), id, (Nic.Properties) drift.patch())
        .requestId();
  }

  @Override
  public String delete(String parentId, String id) {
    return client.nics().delete(datacenter(parentId), server(parentId), id).requestId();
  }

  @Override
  public void recordOutputs(PBNic cr, PBNicStatus status, Observed<?> observed, String parentId) {
    Nic nic = (Nic) observed.resource();
    status.setMac(nic.properties().mac());
    status.setIps(nic.properties().ips());
    status.setFixedIps(
        DeviceMapping.fixedIps(addresses(cr), status.getFixedIps(), nic.properties().ips()));
    status.setFirewallRules(RuleSync.managed(nic, rules(cr), status.getFirewallRules()));
  }

  @Override
  public String parentDrift(PBNicStatus status, String parentId) {
    return References.moved("server", status.getServerId(), server(parentId));
  }

  @Override
  public String recordedParent(PBNicStatus status) {
    return status.getDatacenterId() == null || status.getServerId() == null
        ? null
        : status.getDatacenterId() + "/" + status.getServerId();
  }

  @Override
  public void recordParent(PBNicStatus status, String parentId) {
    status.setDatacenterId(datacenter(parentId));
    status.setServerId(server(parentId));
  }

  @Override
  public String datacenterOf(String parentId, String id) {
    return datacenter(parentId);
  }
}
