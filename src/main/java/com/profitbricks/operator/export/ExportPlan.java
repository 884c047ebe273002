package com.profitbricks.operator.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects of an export and how they name each other: by metadata.name, or by cloud id where the
 * object named is held back (it would not end Ready without a write, so it is not applied with the
 * rest and a reference by name would wait for it forever).
 */
final class ExportPlan {
  final CloudSnapshot snapshot;
  final Map<String, Manifest> datacenters = new LinkedHashMap<>();
  final Map<String, Manifest> ipBlocks = new LinkedHashMap<>();
  final Map<String, Manifest> lans = new LinkedHashMap<>();
  final Map<String, Manifest> servers = new LinkedHashMap<>();
  final Map<String, Manifest> volumes = new LinkedHashMap<>();
  final Map<String, Manifest> nics = new LinkedHashMap<>();

  private ExportPlan(CloudSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /**
   * Every object of {@code snapshot}. IP blocks: all of them when {@code allIpBlocks} (an export of
   * the whole contract), else those holding an address a NIC of the datacenters uses.
   */
  static ExportPlan of(CloudSnapshot snapshot, boolean allIpBlocks) {
    ExportPlan p = new ExportPlan(snapshot);
    List<IpBlock> blocks =
        allIpBlocks ? snapshot.ipBlocks() : usedBlocks(snapshot.ipBlocks(), usedIps(snapshot));
    ExportNames names = ExportNames.of(snapshot.datacenters(), blocks);
    for (Datacenter dc : snapshot.datacenters()) {
      p.datacenters.put(dc.id(), PlacementSpecs.datacenter(dc, names.datacenter(dc)));
    }
    for (IpBlock b : blocks) {
      p.ipBlocks.put(b.id(), PlacementSpecs.ipBlock(p, b, names.ipBlock(b)));
    }
    for (Datacenter dc : snapshot.datacenters()) {
      for (Lan l : Cloud.lans(dc)) {
        p.lans.put(lanKey(dc.id(), l.id()), PlacementSpecs.lan(p, dc, l, names.lan(dc, l)));
      }
      for (Server s : Cloud.servers(dc)) {
        p.servers.put(s.id(), ComputeSpecs.server(p, dc, s, names.server(s)));
      }
      for (Volume v : Cloud.volumes(dc)) {
        p.volumes.put(v.id(), ComputeSpecs.volume(p, dc, v, names.volume(v)));
      }
      for (Server s : Cloud.servers(dc)) {
        for (Nic n : Cloud.nics(s)) {
          p.nics.put(n.id(), NicSpecs.nic(p, dc, s, n, names.nic(n)));
        }
        ComputeSpecs.bootVolume(p, s);
      }
    }
    return p;
  }

  /** Every object, parents before children. */
  List<Manifest> all() {
    List<Manifest> out = new ArrayList<>(datacenters.values());
    out.addAll(ipBlocks.values());
    out.addAll(lans.values());
    out.addAll(servers.values());
    out.addAll(volumes.values());
    out.addAll(nics.values());
    return out;
  }

  static String lanKey(String datacenterId, String lanId) {
    return datacenterId + "/" + lanId;
  }

  /** datacenterRef, or datacenterId when the PBDatacenter is held back. */
  void datacenterOf(Manifest m, String datacenterId) {
    reference(m, datacenters.get(datacenterId), "datacenterRef", "datacenterId", datacenterId);
  }

  /** serverRef, or serverId when the PBServer is held back. */
  void serverOf(Manifest m, String serverId) {
    reference(m, servers.get(serverId), "serverRef", "serverId", serverId);
  }

  /** lanRef, or the LAN number when the PBLan is held back. */
  void lanOf(Manifest m, String datacenterId, Integer lan) {
    Manifest l = lan == null ? null : lans.get(lanKey(datacenterId, lan.toString()));
    if (l != null && !l.heldBack()) {
      ref(m.spec, "lanRef", l.name);
    } else {
      m.spec.put("lan", lan);
    }
  }

  private static void reference(
      Manifest m, Manifest target, String refField, String idField, String id) {
    if (target != null && !target.heldBack()) {
      ref(m.spec, refField, target.name);
    } else {
      m.spec.put(idField, id);
    }
  }

  static void ref(ObjectNode spec, String field, String name) {
    spec.putObject(field).put("name", name);
  }

  private static Set<String> usedIps(CloudSnapshot s) {
    Set<String> ips = new HashSet<>();
    for (Datacenter dc : s.datacenters()) {
      for (Server srv : Cloud.servers(dc)) {
        for (Nic n : Cloud.nics(srv)) {
          if (n.properties() != null && n.properties().ips() != null) {
            ips.addAll(n.properties().ips());
          }
        }
      }
    }
    return ips;
  }

  private static List<IpBlock> usedBlocks(List<IpBlock> all, Set<String> used) {
    return all.stream()
        .filter(
            b ->
                b.properties() != null
                    && b.properties().ips() != null
                    && b.properties().ips().stream().anyMatch(used::contains))
        .toList();
  }
}
