package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.simulator.CloudApi.Ctx;

/** The API root, contracts and locations. */
final class AccountApi extends ApiFamily {
  AccountApi(Env env) {
    super(env);
  }

  @Override
  void routes(CloudApi api) {
    api.on("GET", "/", c -> ok(info()));
    api.on("GET", "/contracts", c -> ok(contracts()));
    api.on("GET", "/locations", c -> ok(locations(null, c)));
    api.on("GET", "/locations/{regionId}", c -> ok(locations(c.p("regionId"), c)));
    api.on(
        "GET",
        "/locations/{regionId}/{locationId}",
        c -> ok(location(c.p("regionId") + "/" + c.p("locationId"), true)));
  }

  private ObjectNode info() {
    ObjectNode o = store.mapper.createObjectNode();
    o.put("href", store.baseUrl + "/");
    o.put("name", "CLOUD API");
    o.put("version", "6.0");
    return o;
  }

  private ObjectNode contracts() {
    ObjectNode c = store.mapper.createObjectNode();
    c.put("id", "contracts");
    c.put("type", "collection");
    c.put("href", store.baseUrl + "/contracts");
    ObjectNode item = c.putArray("items").addObject();
    item.put("type", "contract");
    ObjectNode p = item.putObject("properties");
    p.put("contractNumber", config.contractNumber());
    p.put("owner", "simulator@example.com");
    p.put("status", "BILLABLE");
    p.put("regDomain", "ionos.de");
    ObjectNode l = p.putObject("resourceLimits");
    Quotas q = store.quotas;
    l.put("coresPerServer", q.get("coresPerServer"));
    l.put("coresPerContract", q.get("coresPerContract"));
    l.put("coresProvisioned", q.cores(store, true));
    l.put("ramPerServer", q.get("ramPerServer"));
    l.put("ramPerContract", q.get("ramPerContract"));
    l.put("ramProvisioned", q.ram(store, true));
    l.put("hddLimitPerVolume", q.get("hddLimitPerVolume"));
    l.put("hddLimitPerContract", q.get("hddLimitPerContract"));
    l.put("ssdLimitPerVolume", q.get("ssdLimitPerVolume"));
    l.put("ssdLimitPerContract", q.get("ssdLimitPerContract"));
    l.put("reservableIps", q.get("reservableIps"));
    l.put("reservedIpsOnContract", q.reservedIps(store, true));
    l.put("reservedIpsInUse", 0);
    l.put("hddVolumeProvisioned", q.storage(store, "HDD", true));
    l.put("ssdVolumeProvisioned", q.storage(store, "SSD", true));
    l.put("dasVolumeProvisioned", q.storage(store, "DAS", true));
    l.put("k8sClusterLimitTotal", q.get("k8sClusterLimitTotal"));
    l.put("k8sClustersProvisioned", 0);
    l.put("natGatewayLimitTotal", q.get("natGatewayLimitTotal"));
    l.put("natGatewayProvisioned", 0);
    l.put("nlbLimitTotal", q.get("nlbLimitTotal"));
    l.put("nlbProvisioned", 0);
    return c;
  }

  private ObjectNode locations(String region, Ctx c) {
    ObjectNode col = store.mapper.createObjectNode();
    col.put("id", region == null ? "locations" : region);
    col.put("type", "collection");
    col.put("href", store.baseUrl + "/locations" + (region == null ? "" : "/" + region));
    ArrayNode items = col.putArray("items");
    boolean any = false;
    for (String id : store.catalog.locations.keySet()) {
      if (region == null || id.startsWith(region + "/")) {
        items.add(location(id, c.depth() > 0));
        any = true;
      }
    }
    if (region != null && !any) {
      throw ApiError.notFound("region " + region);
    }
    return col;
  }

  private ObjectNode location(String id, boolean full) {
    Catalog.LocationInfo l = store.catalog.locations.get(id);
    if (l == null) {
      throw ApiError.notFound("location " + id);
    }
    ObjectNode o = store.mapper.createObjectNode();
    o.put("id", id);
    o.put("type", "location");
    o.put("href", store.baseUrl + "/locations/" + id);
    if (!full) {
      return o;
    }
    ObjectNode m = o.putObject("metadata");
    m.put("etag", Store.etag(id));
    m.put("createdDate", "2024-01-01T00:00:00Z");
    m.put("createdBy", "System");
    m.put("lastModifiedDate", "2024-01-01T00:00:00Z");
    m.put("lastModifiedBy", "System");
    m.put("state", "AVAILABLE");
    ObjectNode p = o.putObject("properties");
    p.put("name", l.name());
    ArrayNode f = p.putArray("features");
    Catalog.FEATURES.forEach(f::add);
    ArrayNode a = p.putArray("imageAliases");
    store.catalog.aliases(id).stream().distinct().forEach(a::add);
    p.set("cpuArchitecture", store.catalog.cpuArchitectures(store.mapper, id));
    return o;
  }
}
