package com.profitbricks.operator;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.simulator.CloudSimulator;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cloud side of the crash-and-fault rounds: another user's IP blocks on the same account, the
 * inventory by (type, parent, name), and the call and request logs a failure is explained with.
 */
final class CrashCloud {
  /** Another user of the account, whose resources the operator must neither adopt nor delete. */
  static final String OTHER = "other@example.com";

  /** More than one page of {@code /ipblocks} (100 by default). */
  static final int FOREIGN_BLOCKS = 120;

  private CrashCloud() {}

  /** The other user's IP blocks, made once (again after a reset): the ids. */
  static Set<String> ensureForeignBlocks(CloudSimulator sim) {
    Set<String> have = foreignBlocks(sim);
    if (have.size() < FOREIGN_BLOCKS) {
      ProfitBricksClient other = client(sim, OTHER);
      for (int i = have.size(); i < FOREIGN_BLOCKS; i++) {
        other.ipBlocks().reserve(IpBlock.of(IpBlock.Properties.create("theirs-" + i, "de/fra", 1)));
      }
      await("the other user's IP blocks")
          .atMost(Duration.ofSeconds(30))
          .until(() -> sim.pendingRequests() == 0);
    }
    return foreignBlocks(sim);
  }

  static Set<String> foreignBlocks(CloudSimulator sim) {
    List<String> out = new ArrayList<>();
    for (JsonNode b : sim.dump().path("ipblocks")) {
      if (OTHER.equals(b.at("/metadata/createdBy").asText())) {
        out.add(b.get("id").asText());
      }
    }
    return Set.copyOf(out);
  }

  static ProfitBricksClient client(CloudSimulator sim, String user) {
    return ProfitBricksClient.builder()
        .baseUrl(sim.baseUrl())
        .credentials(Credentials.basic(user, "pw"))
        .build();
  }

  /**
   * The operator's resources in the cloud as (type, parent, name) → count; implicit LANs a NIC's
   * number made (no name) are left out: the datacenter's delete takes them, and they are no
   * object's own. The other user's IP blocks are not the operator's either.
   */
  static Map<String, Integer> inventory(CloudSimulator sim) {
    Map<String, Integer> out = new HashMap<>();
    JsonNode dump = sim.dump();
    for (JsonNode dc : dump.path("datacenters")) {
      add(out, "datacenter", "", dc);
      String p = dc.path("properties").path("name").asText();
      for (JsonNode l : dc.at("/entities/lans/items")) {
        if (!l.at("/properties/name").isNull()) {
          add(out, "lan", p, l);
        }
      }
      for (JsonNode v : dc.at("/entities/volumes/items")) {
        add(out, "volume", p, v);
      }
      for (JsonNode s : dc.at("/entities/servers/items")) {
        add(out, "server", p, s);
        for (JsonNode n : s.at("/entities/nics/items")) {
          add(out, "nic", p + "/" + s.at("/properties/name").asText(), n);
        }
      }
    }
    for (JsonNode b : dump.path("ipblocks")) {
      if (!OTHER.equals(b.at("/metadata/createdBy").asText())) {
        add(out, "ipblock", "", b);
      }
    }
    return out;
  }

  private static void add(Map<String, Integer> out, String type, String parent, JsonNode n) {
    out.merge(type + " " + parent + "/" + n.at("/properties/name").asText(), 1, Integer::sum);
  }

  /** DELETE calls on the other user's IP blocks: never the operator's to make. */
  static long foreignDeletes(CloudSimulator sim, Set<String> foreign) {
    return sim.calls()
        .count(
            c ->
                c.method().equals("DELETE")
                    && c.path().startsWith("/ipblocks/")
                    && foreign.contains(c.path().substring("/ipblocks/".length())));
  }

  /** The calls the simulator took in this round, oldest first: what a failure is read from. */
  static String writes(CloudSimulator sim) {
    return sim.calls().calls().stream()
        .map(
            c ->
                c.at()
                    + " "
                    + c.method()
                    + " "
                    + c.path()
                    + (c.query() == null ? "" : "?" + c.query())
                    + " "
                    + c.status())
        .collect(Collectors.joining("\n"));
  }

  /** The create requests the cloud logged: when, for whom, what they made; and the objects. */
  static String creates(
      CloudSimulator sim,
      KubernetesClient kube,
      String ns,
      List<Class<? extends CustomResource<?, ?>>> kinds) {
    ProfitBricksClient c = client(sim, "crash@example.com");
    StringBuilder b = new StringBuilder();
    for (var r :
        c.requests()
            .list(
                com.profitbricks.client.RequestFilter.create()
                    .method("POST")
                    .query(com.profitbricks.client.Query.depth(2)))
            .itemsOrEmpty()) {
      if (r.properties().url().endsWith("/ipblocks")
          && r.metadata().createdBy() != null
          && r.metadata().createdBy().equals(OTHER)) {
        continue;
      }
      b.append(r.metadata().createdDate())
          .append(' ')
          .append(r.properties().url().replaceAll(".*/cloudapi/v6", ""))
          .append(' ')
          .append(r.properties().headers().get("user-agent"))
          .append(" -> ")
          .append(
              r.metadata().requestStatus().targets().stream()
                  .map(t -> t.target().type() + ":" + t.target().id())
                  .toList())
          .append('\n');
    }
    for (Class<? extends CustomResource<?, ?>> k : kinds) {
      for (CustomResource<?, ?> o : kube.resources(k).inNamespace(ns).list().getItems()) {
        b.append(o.getKind())
            .append('/')
            .append(o.getMetadata().getName())
            .append(" uid ")
            .append(o.getMetadata().getUid())
            .append(" status ")
            .append(o.getStatus())
            .append('\n');
      }
    }
    return b.toString();
  }
}
