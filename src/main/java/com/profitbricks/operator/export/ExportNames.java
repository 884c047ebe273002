package com.profitbricks.operator.export;

import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.export.KubeNames.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metadata.name of every exported object, unique per kind across the whole export (one
 * namespace takes it all). A NIC's name starts with its server's, since NICs are often named alike
 * (eth0) on every server.
 */
final class ExportNames {
  private final Map<String, String> datacenters;
  private final Map<String, String> ipBlocks;
  private final Map<String, String> lans;
  private final Map<String, String> servers;
  private final Map<String, String> volumes;
  private final Map<String, String> nics;

  private ExportNames(
      Map<String, String> datacenters,
      Map<String, String> ipBlocks,
      Map<String, String> lans,
      Map<String, String> servers,
      Map<String, String> volumes,
      Map<String, String> nics) {
    this.datacenters = datacenters;
    this.ipBlocks = ipBlocks;
    this.lans = lans;
    this.servers = servers;
    this.volumes = volumes;
    this.nics = nics;
  }

  static ExportNames of(List<Datacenter> dcs, List<IpBlock> blocks) {
    List<Candidate> dc = new ArrayList<>();
    List<Candidate> block = new ArrayList<>();
    List<Candidate> lan = new ArrayList<>();
    List<Candidate> server = new ArrayList<>();
    List<Candidate> volume = new ArrayList<>();
    for (IpBlock b : blocks) {
      block.add(byId(b.id(), b.properties() == null ? null : b.properties().name(), "ipblock"));
    }
    for (Datacenter d : dcs) {
      dc.add(byId(d.id(), d.properties() == null ? null : d.properties().name(), "datacenter"));
      for (Lan l : Cloud.lans(d)) {
        String name = l.properties() == null ? null : l.properties().name();
        lan.add(
            new Candidate(
                ExportPlan.lanKey(d.id(), l.id()),
                KubeNames.base(name, "lan-" + l.id()),
                List.of(l.id(), KubeNames.shortId(d.id()) + "-" + l.id())));
      }
      for (Server s : Cloud.servers(d)) {
        server.add(byId(s.id(), s.properties() == null ? null : s.properties().name(), "server"));
      }
      for (Volume v : Cloud.volumes(d)) {
        volume.add(byId(v.id(), v.properties() == null ? null : v.properties().name(), "volume"));
      }
    }
    Map<String, String> serverNames = KubeNames.assign(server);
    List<Candidate> nic = new ArrayList<>();
    for (Datacenter d : dcs) {
      for (Server s : Cloud.servers(d)) {
        String prefix = serverNames.get(s.id());
        for (Nic n : Cloud.nics(s)) {
          String own = KubeNames.base(n.properties() == null ? null : n.properties().name(), "nic");
          String base =
              own.startsWith(prefix + "-") || own.equals(prefix)
                  ? own
                  : KubeNames.join(prefix, own);
          nic.add(new Candidate(n.id(), base, List.of(KubeNames.shortId(n.id()))));
        }
      }
    }
    return new ExportNames(
        KubeNames.assign(dc),
        KubeNames.assign(block),
        KubeNames.assign(lan),
        serverNames,
        KubeNames.assign(volume),
        KubeNames.assign(nic));
  }

  private static Candidate byId(String id, String cloudName, String fallback) {
    return new Candidate(id, KubeNames.base(cloudName, fallback), List.of(KubeNames.shortId(id)));
  }

  String datacenter(Datacenter d) {
    return datacenters.get(d.id());
  }

  String ipBlock(IpBlock b) {
    return ipBlocks.get(b.id());
  }

  String lan(Datacenter d, Lan l) {
    return lans.get(ExportPlan.lanKey(d.id(), l.id()));
  }

  String server(Server s) {
    return servers.get(s.id());
  }

  String volume(Volume v) {
    return volumes.get(v.id());
  }

  String nic(Nic n) {
    return nics.get(n.id());
  }
}
