package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.simulator.CloudApi.Ctx;
import com.profitbricks.simulator.CloudApi.Reply;
import java.util.ArrayList;
import java.util.List;

/** NICs and their firewall rules, LANs, load balancers and IP blocks. */
final class NetworkApi extends ApiFamily {
  NetworkApi(Env env) {
    super(env);
  }

  @Override
  void routes(CloudApi api) {
    api.on(
        "GET",
        "/datacenters/{datacenterId}/servers/{serverId}/nics",
        c -> ok(children(server(c), "nics", c)));
    api.on("POST", "/datacenters/{datacenterId}/servers/{serverId}/nics", this::createNic);
    api.on(
        "GET", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}", c -> get(nic(c), c));
    api.on(
        "PATCH",
        "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}",
        c -> patch(nic(c), c));
    api.on(
        "PUT", "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}", c -> put(nic(c), c));
    api.on(
        "DELETE",
        "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}",
        c -> delete(nic(c), c, "delete"));
    String rules = "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules";
    api.on("GET", rules, c -> ok(children(nic(c), "firewallrules", c)));
    api.on("POST", rules, this::createFirewallRule);
    api.on("GET", rules + "/{firewallruleId}", c -> get(rule(c), c));
    api.on("PATCH", rules + "/{firewallruleId}", c -> patch(rule(c), c));
    api.on("PUT", rules + "/{firewallruleId}", c -> put(rule(c), c));
    api.on("DELETE", rules + "/{firewallruleId}", c -> delete(rule(c), c, "delete"));
    addressRoutes(api);
  }

  /** IP blocks, LANs and load balancers. */
  private void addressRoutes(CloudApi api) {
    api.on(
        "GET",
        "/ipblocks",
        c -> ok(list("ipblocks", "/ipblocks", List.copyOf(store.ipBlocks.values()), c)));
    api.on("POST", "/ipblocks", this::reserveIpBlock);
    api.on("GET", "/ipblocks/{ipblockId}", c -> get(ipBlock(c), c));
    api.on("PATCH", "/ipblocks/{ipblockId}", c -> patch(ipBlock(c), c));
    api.on("PUT", "/ipblocks/{ipblockId}", c -> put(ipBlock(c), c));
    api.on("DELETE", "/ipblocks/{ipblockId}", c -> delete(ipBlock(c), c, "delete"));

    api.on("GET", "/datacenters/{datacenterId}/lans", c -> ok(children(dc(c), "lans", c)));
    api.on("POST", "/datacenters/{datacenterId}/lans", this::createLan);
    api.on("GET", "/datacenters/{datacenterId}/lans/{lanId}", c -> get(lan(c), c));
    api.on("PATCH", "/datacenters/{datacenterId}/lans/{lanId}", c -> patch(lan(c), c));
    api.on("PUT", "/datacenters/{datacenterId}/lans/{lanId}", c -> put(lan(c), c));
    api.on("DELETE", "/datacenters/{datacenterId}/lans/{lanId}", this::deleteLan);
    api.on(
        "GET",
        "/datacenters/{datacenterId}/lans/{lanId}/nics",
        c -> ok(relation(lan(c), "nics", c)));
    api.on("POST", "/datacenters/{datacenterId}/lans/{lanId}/nics", this::addLanMember);
    api.on(
        "GET", "/datacenters/{datacenterId}/lans/{lanId}/nics/{nicId}", c -> get(lanMember(c), c));

    String lbs = "/datacenters/{datacenterId}/loadbalancers";
    api.on("GET", lbs, c -> ok(children(dc(c), "loadbalancers", c)));
    api.on("POST", lbs, this::createLoadBalancer);
    api.on("GET", lbs + "/{loadbalancerId}", c -> get(loadBalancer(c), c));
    api.on("PATCH", lbs + "/{loadbalancerId}", c -> patch(loadBalancer(c), c));
    api.on("PUT", lbs + "/{loadbalancerId}", c -> put(loadBalancer(c), c));
    api.on("DELETE", lbs + "/{loadbalancerId}", c -> delete(loadBalancer(c), c, "delete"));
    api.on(
        "GET",
        lbs + "/{loadbalancerId}/balancednics",
        c -> ok(relation(loadBalancer(c), "balancednics", c)));
    api.on("POST", lbs + "/{loadbalancerId}/balancednics", this::addBalancedNic);
    api.on("GET", lbs + "/{loadbalancerId}/balancednics/{nicId}", c -> get(balancedNic(c), c));
    api.on("DELETE", lbs + "/{loadbalancerId}/balancednics/{nicId}", this::removeBalancedNic);
  }

  private Reply createNic(Ctx c) {
    Node server = server(c);
    Node dc = server.datacenter();
    if (server.attachedVolumes.size() + server.children("nics").size() >= 24) {
      throw ApiError.validation("[(root)] a server has at most 24 volumes and NICs");
    }
    List<Node> created = new ArrayList<>();
    Node nic = buildNic(server, body(c), created, "");
    server.children("nics").put(nic.id, nic);
    ensureLan(dc, nic.properties.get("lan").asInt(), created);
    assignAddresses(nic);
    store.bumpVersion(dc);
    List<Node> targets = new ArrayList<>(created);
    targets.add(server);
    return acceptedCreate(
        c,
        () -> store.render(nic, created.size() > 1 ? 3 : 0),
        server,
        targets,
        created,
        "nic",
        null,
        () -> rollback(created));
  }

  Node buildNic(Node server, JsonNode body, List<Node> created, String path) {
    String p = path.isEmpty() ? "properties" : path + ".properties";
    ObjectNode props = Rules.normalize("nic", body.get("properties"), Rules.Mode.CREATE, null, p);
    Rules.checkIps(props.get("ips"), p);
    checkReservedIps(server.datacenter(), props.get("ips"));
    defaults(props, "name", null, "dhcp", true, "firewallActive", false, "firewallType", "INGRESS");
    props.put("mac", store.newMac());
    props.put("deviceNumber", server.children("nics").size() + 1);
    props.put("pciSlot", 6 + server.children("nics").size());
    Node nic = new Node(store.newId(), "nic", server, "nics", props, now(), server.createdBy);
    created.add(nic);
    int i = 0;
    for (JsonNode rb : items(body.path("entities"), "firewallrules")) {
      Node rule =
          buildRule(
              nic,
              rb,
              (path.isEmpty() ? "" : path + ".") + "entities.firewallrules.items[" + i++ + "]");
      nic.children("firewallrules").put(rule.id, rule);
      created.add(rule);
    }
    return nic;
  }

  private Reply createFirewallRule(Ctx c) {
    Node nic = nic(c);
    Node rule = buildRule(nic, body(c), "");
    nic.children("firewallrules").put(rule.id, rule);
    return acceptedCreate(
        c,
        () -> store.render(rule, 0),
        nic,
        List.of(rule, nic),
        List.of(rule),
        "firewall-rule",
        null,
        () -> store.remove(rule));
  }

  private Node buildRule(Node nic, JsonNode body, String path) {
    String p = path.isEmpty() ? "properties" : path + ".properties";
    ObjectNode props =
        Rules.normalize("firewall-rule", body.get("properties"), Rules.Mode.CREATE, null, p);
    Rules.checkPorts(props, p);
    String protocol = props.get("protocol").asText();
    if (!protocol.equals("TCP")
        && !protocol.equals("UDP")
        && (props.has("portRangeStart") || props.has("portRangeEnd"))) {
      throw ApiError.validation(
          "[(root)." + p + ".portRangeStart] ports are only for TCP and UDP rules");
    }
    if (!protocol.equals("ICMP") && (props.has("icmpType") || props.has("icmpCode"))) {
      throw ApiError.validation(
          "[(root)." + p + ".icmpType] ICMP type and code are only for ICMP rules");
    }
    defaults(
        props,
        "name",
        null,
        "sourceMac",
        null,
        "sourceIp",
        null,
        "targetIp",
        null,
        "icmpCode",
        null,
        "icmpType",
        null,
        "portRangeStart",
        null,
        "portRangeEnd",
        null,
        "type",
        "INGRESS");
    return new Node(
        store.newId(), "firewall-rule", nic, "firewallrules", props, now(), nic.createdBy);
  }

  private Reply createLan(Ctx c) {
    Node dc = dc(c);
    List<Node> created = new ArrayList<>();
    Runnable commit = buildLan(dc, body(c), created, "");
    commit.run();
    Node lan = created.get(0);
    return acceptedCreate(
        c, () -> store.render(lan, 0), lan, created, created, "lan", null, () -> store.remove(lan));
  }

  Runnable buildLan(Node dc, JsonNode body, List<Node> created, String path) {
    String p = path.isEmpty() ? "properties" : path + ".properties";
    ObjectNode props = Rules.normalize("lan", body.get("properties"), Rules.Mode.CREATE, null, p);
    defaults(props, "name", null, "public", false, "pcc", null);
    if (!props.has("ipFailover")) {
      props.putArray("ipFailover");
    }
    List<Node> members = new ArrayList<>();
    for (JsonNode ref : items(body.path("entities"), "nics")) {
      Node nic = store.findNic(dc, ref.path("id").asText(""));
      if (nic == null) {
        throw ApiError.notFound("nic " + ref.path("id").asText(""));
      }
      members.add(nic);
    }
    Node lan =
        new Node(
            Integer.toString(store.nextLanId(dc)), "lan", dc, "lans", props, now(), dc.createdBy);
    created.add(lan);
    return () -> {
      dc.children("lans").put(lan.id, lan);
      for (Node nic : members) {
        nic.properties.put("lan", Integer.parseInt(lan.id));
      }
      store.bumpVersion(dc);
    };
  }

  private Reply deleteLan(Ctx c) {
    Node lan = lan(c);
    List<Node> members = store.lanMembers(lan);
    if (!members.isEmpty()) {
      throw ApiError.validation(
          "[(root)] LAN "
              + lan.id
              + " still has "
              + members.size()
              + " NIC(s) connected; delete or move them first");
    }
    return delete(lan, c, "delete");
  }

  private Reply addLanMember(Ctx c) {
    Node lan = lan(c);
    JsonNode body = c.json() == null ? store.mapper.createObjectNode() : c.json();
    Node nic = store.findNic(lan.datacenter(), body.path("id").asText(""));
    if (nic == null) {
      throw ApiError.notFound("nic " + body.path("id").asText(""));
    }
    int before = nic.properties.get("lan").asInt();
    nic.properties.put("lan", Integer.parseInt(lan.id));
    return accepted(
        c,
        () -> store.render(nic, 0),
        lan,
        List.of(lan, nic),
        "attach",
        null,
        () -> nic.properties.put("lan", before));
  }

  private Reply createLoadBalancer(Ctx c) {
    Node dc = dc(c);
    Node lb = buildLoadBalancer(dc, body(c), "");
    dc.children("loadbalancers").put(lb.id, lb);
    return acceptedCreate(
        c,
        () -> store.render(lb, lb.balancedNics.isEmpty() ? 0 : 3),
        lb,
        List.of(lb),
        List.of(lb),
        "loadbalancer",
        () -> provisioned(List.of(lb)),
        () -> store.remove(lb));
  }

  Node buildLoadBalancer(Node dc, JsonNode body, String path) {
    String p = path.isEmpty() ? "properties" : path + ".properties";
    ObjectNode props =
        Rules.normalize("loadbalancer", body.get("properties"), Rules.Mode.CREATE, null, p);
    defaults(props, "name", null, "ip", null, "dhcp", true);
    Node lb =
        new Node(store.newId(), "loadbalancer", dc, "loadbalancers", props, now(), dc.createdBy);
    for (JsonNode ref : items(body.path("entities"), "balancednics")) {
      String id = ref.path("id").asText("");
      if (store.findNic(dc, id) == null) {
        throw ApiError.notFound("nic " + id);
      }
      lb.balancedNics.add(id);
    }
    return lb;
  }

  private Reply addBalancedNic(Ctx c) {
    Node lb = loadBalancer(c);
    JsonNode body = c.json() == null ? store.mapper.createObjectNode() : c.json();
    String id = body.path("id").asText("");
    Node nic = store.findNic(lb.datacenter(), id);
    if (nic == null) {
      throw ApiError.notFound("nic " + id);
    }
    if (!lb.balancedNics.contains(id)) {
      lb.balancedNics.add(id);
    }
    return accepted(
        c,
        () -> store.render(nic, 0),
        lb,
        List.of(lb, nic),
        "attach",
        null,
        () -> lb.balancedNics.remove(id));
  }

  private Reply removeBalancedNic(Ctx c) {
    Node lb = loadBalancer(c);
    Node nic = balancedNic(c);
    return accepted(
        c, () -> null, lb, List.of(lb), "attach", () -> lb.balancedNics.remove(nic.id), null);
  }

  private Reply reserveIpBlock(Ctx c) {
    ObjectNode props =
        Rules.normalize(
            "ipblock", body(c).get("properties"), Rules.Mode.CREATE, null, "properties");
    String location = props.get("location").asText();
    if (!store.catalog.locations.containsKey(location)) {
      throw ApiError.validation(
          "[(root).properties.location] unknown location '"
              + location
              + "'; known: "
              + store.catalog.locations.keySet());
    }
    defaults(props, "name", null);
    ArrayNode ips = props.putArray("ips");
    store.addresses.reserveIps(props.get("size").asInt()).forEach(ips::add);
    Node block = new Node(store.newId(), "ipblock", null, "ipblocks", props, now(), c.user());
    store.ipBlocks.put(block.id, block);
    return acceptedCreate(
        c,
        () -> store.render(block, 0),
        block,
        List.of(block),
        List.of(block),
        "ipblock",
        null,
        () -> store.remove(block));
  }
}
