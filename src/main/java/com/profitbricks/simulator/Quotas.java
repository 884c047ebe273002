package com.profitbricks.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract's resource limits: what {@code GET /contracts} reports, and what a write that
 * creates or grows a server, volume or IP block is checked against. As the issue trackers of IONOS
 * tools describe it (a create "accepted" that fails later), a write over a limit is taken (202) and
 * its request ends FAILED with a message naming the limit, and the write is rolled back; the real
 * wording of that message is not on record, so it is this simulator's own. Writes that add nothing
 * (a rename, a delete) are never refused, even on a contract already over.
 */
final class Quotas {
  /** The limits a fresh simulator reports, in the API's units (cores, MB, GB, addresses). */
  static final Map<String, Long> DEFAULTS = defaults();

  private final Map<String, Long> limits = new ConcurrentHashMap<>(DEFAULTS);

  private static Map<String, Long> defaults() {
    Map<String, Long> d = new LinkedHashMap<>();
    d.put("coresPerServer", 62L);
    d.put("coresPerContract", 500L);
    d.put("ramPerServer", 245760L);
    d.put("ramPerContract", 2097152L);
    d.put("hddLimitPerVolume", 4096L);
    d.put("hddLimitPerContract", 65536L);
    d.put("ssdLimitPerVolume", 4096L);
    d.put("ssdLimitPerContract", 65536L);
    // as many as its address pool holds (203.0.113.0/24 and 198.51.100.0/24): unset, this limit
    // never refuses what the pool could give; tests that want it lower set it
    d.put("reservableIps", 510L);
    d.put("k8sClusterLimitTotal", 10L);
    d.put("natGatewayLimitTotal", 10L);
    d.put("nlbLimitTotal", 10L);
    return Map.copyOf(d);
  }

  long get(String name) {
    return limits.get(name);
  }

  /** Sets one limit; an unknown name is refused rather than reported and never checked. */
  void set(String name, long value) {
    if (!DEFAULTS.containsKey(name)) {
      throw new IllegalArgumentException(
          "unknown resource limit " + name + "; known: " + DEFAULTS.keySet());
    }
    limits.put(name, value);
  }

  void reset() {
    limits.clear();
    limits.putAll(DEFAULTS);
  }

  /*
   * What is provisioned, as GET /contracts reports it (visibleOnly) and as a write is checked
   * (everything). Under late visibility a resource whose create still runs is not in the report
   * yet, as nothing says the cloud's counts run ahead of its reads; it still counts when a write is
   * checked, since the cloud enforces its limits on what it holds.
   */

  long cores(Store store, boolean visibleOnly) {
    return sum(store, "servers", "cores", null, visibleOnly);
  }

  long ram(Store store, boolean visibleOnly) {
    return sum(store, "servers", "ram", null, visibleOnly);
  }

  /** GB of volumes whose type starts with {@code typePrefix} (HDD, SSD, DAS). */
  long storage(Store store, String typePrefix, boolean visibleOnly) {
    return sum(store, "volumes", "size", typePrefix, visibleOnly);
  }

  long reservedIps(Store store, boolean visibleOnly) {
    return store.ipBlocks.values().stream()
        .filter(b -> !(visibleOnly && b.hidden))
        .mapToLong(b -> b.properties.path("size").asLong())
        .sum();
  }

  private static long sum(
      Store store, String children, String field, String typePrefix, boolean visibleOnly) {
    long total = 0;
    for (Node dc : store.datacenters.values()) {
      for (Node n : dc.children(children).values()) {
        if (visibleOnly && n.hidden) {
          continue;
        }
        if (typePrefix == null || n.properties.path("type").asText().startsWith(typePrefix)) {
          total += n.properties.path(field).asLong();
        }
      }
    }
    return total;
  }

  /**
   * Why the store, now holding the write to {@code written} (made, or changed from {@code before}
   * for an update of one node), is over a limit the write adds to; null when it is not.
   */
  String violation(
      Store store, List<Node> written, com.fasterxml.jackson.databind.JsonNode before) {
    List<String> over = new ArrayList<>();
    for (Node n : written) {
      switch (n.type) {
        case "server" -> {
          if (grew(n, before, "cores")) {
            perItem(over, "coresPerServer", n.properties.path("cores").asLong(), "cores");
            total(over, "coresPerContract", cores(store, false));
          }
          if (grew(n, before, "ram")) {
            perItem(over, "ramPerServer", n.properties.path("ram").asLong(), "MB of RAM");
            total(over, "ramPerContract", ram(store, false));
          }
        }
        case "volume" -> {
          String type = n.properties.path("type").asText();
          String prefix = type.startsWith("SSD") ? "ssd" : type.startsWith("HDD") ? "hdd" : null;
          if (prefix != null && grew(n, before, "size")) {
            long size = n.properties.path("size").asLong();
            perItem(over, prefix + "LimitPerVolume", size, "GB");
            total(over, prefix + "LimitPerContract", storage(store, prefix.toUpperCase(), false));
          }
        }
        case "ipblock" -> total(over, "reservableIps", reservedIps(store, false));
        default -> {}
      }
    }
    return over.isEmpty()
        ? null
        : "Resource limit exceeded for the contract: " + String.join("; ", over);
  }

  private static boolean grew(Node n, com.fasterxml.jackson.databind.JsonNode before, String f) {
    return before == null || n.properties.path(f).asDouble() > before.path(f).asDouble();
  }

  private void perItem(List<String> over, String name, long value, String unit) {
    if (value > limits.get(name)) {
      over.add(name + " is " + limits.get(name) + ", asked " + value + " " + unit);
    }
  }

  private void total(List<String> over, String name, long used) {
    if (used > limits.get(name)) {
      over.add(name + " is " + limits.get(name) + ", the contract would use " + used);
    }
  }
}
