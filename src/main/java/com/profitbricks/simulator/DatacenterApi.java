package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.simulator.CloudApi.Ctx;
import com.profitbricks.simulator.CloudApi.Reply;
import java.util.ArrayList;
import java.util.List;

/** Datacenters, created alone or with their LANs, volumes, servers and load balancers. */
final class DatacenterApi extends ApiFamily {
  private final ComputeApi compute;
  private final StorageApi storage;
  private final NetworkApi network;

  DatacenterApi(Env env, ComputeApi compute, StorageApi storage, NetworkApi network) {
    super(env);
    this.compute = compute;
    this.storage = storage;
    this.network = network;
  }

  @Override
  void routes(CloudApi api) {
    api.on(
        "GET",
        "/datacenters",
        c -> ok(list("datacenters", "/datacenters", List.copyOf(store.datacenters.values()), c)));
    api.on("POST", "/datacenters", this::createDatacenter);
    api.on("GET", "/datacenters/{datacenterId}", c -> get(dc(c), c));
    api.on("PATCH", "/datacenters/{datacenterId}", c -> patch(dc(c), c));
    api.on("PUT", "/datacenters/{datacenterId}", c -> put(dc(c), c));
    api.on("DELETE", "/datacenters/{datacenterId}", c -> delete(dc(c), c, "delete"));
  }

  private Reply createDatacenter(Ctx c) {
    JsonNode body = body(c);
    ObjectNode props =
        Rules.normalize(
            "datacenter", body.get("properties"), Rules.Mode.CREATE, null, "properties");
    Rules.checkDatacenterName(props, "properties");
    String location = props.get("location").asText();
    if (!store.catalog.locations.containsKey(location)) {
      throw ApiError.validation(
          "[(root).properties.location] unknown location '"
              + location
              + "'; known: "
              + store.catalog.locations.keySet());
    }
    defaults(props, "name", null, "description", null);
    props.put("secAuthProtection", props.path("secAuthProtection").asBoolean(false));
    Node dc = new Node(store.newId(), "datacenter", null, "datacenters", props, now(), c.user());
    List<Node> created = new ArrayList<>();
    created.add(dc);
    List<Runnable> commit = new ArrayList<>();
    JsonNode entities = body.path("entities");
    boolean hasEntities = entities.isObject() && entities.size() > 0;
    for (JsonNode lanBody : items(entities, "lans")) {
      commit.add(network.buildLan(dc, lanBody, created, "entities.lans"));
    }
    for (JsonNode volumeBody : items(entities, "volumes")) {
      Node v = storage.buildVolume(dc, volumeBody, "entities.volumes");
      created.add(v);
      commit.add(() -> dc.children("volumes").put(v.id, v));
    }
    for (JsonNode serverBody : items(entities, "servers")) {
      commit.add(compute.buildServer(dc, serverBody, created, "entities.servers"));
    }
    for (JsonNode lbBody : items(entities, "loadbalancers")) {
      Node lb = network.buildLoadBalancer(dc, lbBody, "entities.loadbalancers");
      created.add(lb);
      commit.add(() -> dc.children("loadbalancers").put(lb.id, lb));
    }
    store.datacenters.put(dc.id, dc);
    commit.forEach(Runnable::run);
    return acceptedCreate(
        c,
        () -> store.render(dc, hasEntities ? 5 : 0),
        dc,
        created,
        created,
        "datacenter",
        () -> provisioned(created),
        () -> store.remove(dc));
  }
}
