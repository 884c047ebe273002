package com.profitbricks.simulator;

import com.profitbricks.simulator.CloudApi.Ctx;
import java.util.function.LongSupplier;

/**
 * The state every family of routes works on, and the resources a request's path names, each
 * answered with the API's 404 when it does not exist.
 */
abstract class PathLookups {
  final Store store;
  final RequestEngine engine;
  final Faults faults;
  final SimConfig config;
  final LongSupplier clockMs;

  PathLookups(Env env) {
    this.store = env.store();
    this.engine = env.engine();
    this.faults = env.faults();
    this.config = env.config();
    this.clockMs = env.clockMs();
  }

  /** The state the families share. */
  record Env(
      Store store, RequestEngine engine, Faults faults, SimConfig config, LongSupplier clockMs) {}

  Node dc(Ctx c) {
    Node dc = store.datacenters.get(c.p("datacenterId"));
    if (dc == null || dc.hidden) {
      throw ApiError.notFound("datacenter " + c.p("datacenterId"));
    }
    return dc;
  }

  static Node child(Node parent, String collection, String id, String what) {
    Node n = parent.children(collection).get(id);
    if (n == null || n.hidden) {
      throw ApiError.notFound(what + " " + id);
    }
    return n;
  }

  Node server(Ctx c) {
    return child(dc(c), "servers", c.p("serverId"), "server");
  }

  Node volume(Ctx c) {
    return child(dc(c), "volumes", c.p("volumeId"), "volume");
  }

  Node nic(Ctx c) {
    return child(server(c), "nics", c.p("nicId"), "nic");
  }

  Node rule(Ctx c) {
    return child(nic(c), "firewallrules", c.p("firewallruleId"), "firewall rule");
  }

  Node lan(Ctx c) {
    return child(dc(c), "lans", c.p("lanId"), "lan");
  }

  Node loadBalancer(Ctx c) {
    return child(dc(c), "loadbalancers", c.p("loadbalancerId"), "load balancer");
  }

  Node image(Ctx c) {
    Node n = store.images.get(c.p("imageId"));
    if (n == null) {
      throw ApiError.notFound("image " + c.p("imageId"));
    }
    return n;
  }

  Node privateImage(Ctx c) {
    Node n = image(c);
    if (n.properties.path("public").asBoolean()) {
      throw new ApiError(403, "315", "Access denied: public images cannot be changed or deleted");
    }
    return n;
  }

  Node snapshot(Ctx c) {
    Node n = store.snapshots.get(c.p("snapshotId"));
    if (n == null || n.hidden) {
      throw ApiError.notFound("snapshot " + c.p("snapshotId"));
    }
    return n;
  }

  Node ipBlock(Ctx c) {
    Node n = store.ipBlocks.get(c.p("ipblockId"));
    if (n == null || n.hidden) {
      throw ApiError.notFound("ipblock " + c.p("ipblockId"));
    }
    return n;
  }

  Node attachedVolume(Ctx c) {
    Node s = server(c);
    if (!s.attachedVolumes.contains(c.p("volumeId"))) {
      throw ApiError.notFound("volume " + c.p("volumeId") + " attached to server " + s.id);
    }
    return volume(c);
  }

  Node attachedCdrom(Ctx c) {
    Node s = server(c);
    if (!s.cdroms.contains(c.p("cdromId"))) {
      throw ApiError.notFound("cdrom " + c.p("cdromId") + " attached to server " + s.id);
    }
    return store.images.get(c.p("cdromId"));
  }

  Node lanMember(Ctx c) {
    Node lan = lan(c);
    return store.lanMembers(lan).stream()
        .filter(n -> n.id.equals(c.p("nicId")) && !n.hidden)
        .findFirst()
        .orElseThrow(() -> ApiError.notFound("nic " + c.p("nicId") + " in lan " + lan.id));
  }

  Node balancedNic(Ctx c) {
    Node lb = loadBalancer(c);
    if (!lb.balancedNics.contains(c.p("nicId"))) {
      throw ApiError.notFound("nic " + c.p("nicId") + " balanced by " + lb.id);
    }
    return store.findNic(lb.datacenter(), c.p("nicId"));
  }

  Node labelOwner(Ctx c) {
    if (c.p("ipblockId") != null) {
      return ipBlock(c);
    }
    if (c.p("snapshotId") != null) {
      return snapshot(c);
    }
    if (c.p("serverId") != null) {
      return server(c);
    }
    if (c.p("volumeId") != null) {
      return volume(c);
    }
    return dc(c);
  }
}
