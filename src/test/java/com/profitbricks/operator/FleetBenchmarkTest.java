package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBNicSpec;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.simulator.CallLog;
import com.profitbricks.simulator.CloudSimulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fleet benchmark ({@code ./mvnw -B test -Pbenchmark}, never part of the test run): a fleet of
 * datacenters with LANs, servers, volumes, NICs and IP blocks applied at once against the embedded
 * simulator with request durations and its rate limit on, then left alone for a few drift
 * intervals, then deleted at once. It writes {@code target/benchmark/report.md}: the Cloud API
 * calls spent per phase, the time to converge and the operator's lag after the cloud finished its
 * work, the steady-state cost per datacenter and interval, and heap use. It fails only on broken
 * invariants (a duplicate or leftover cloud resource, a write in steady state); speed is reported.
 *
 * <p>Size: {@code -Dbench.datacenters} (5), {@code -Dbench.lans} (4), {@code -Dbench.servers} (4)
 * per datacenter.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(FleetBenchmarkTest.Realistic.class)
@Tag("benchmark")
class FleetBenchmarkTest {
  static final int DATACENTERS = Integer.getInteger("bench.datacenters", 5);
  static final int LANS = Integer.getInteger("bench.lans", 4);
  static final int SERVERS = Integer.getInteger("bench.servers", 4);
  static final Duration DRIFT = Duration.ofSeconds(5);
  static final int STEADY_INTERVALS = 3;
  static final String NS = "fleet";

  /** Requests take 5% of the simulator's "few seconds"; client and simulator rate limits on. */
  public static class Realistic implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "profitbricks.simulator.time-factor", "0.05",
          "profitbricks.drift-interval", DRIFT.toSeconds() + "s",
          "profitbricks.read-cache-ttl", "2s",
          "profitbricks.poll.initial", "200ms",
          "profitbricks.poll.max", "2s");
    }
  }

  @Inject KubernetesClient kube;
  @Inject EmbeddedSimulator embedded;

  static ObjectMetaBuilder meta(String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace(NS);
  }

  /**
   * The fleet: per datacenter LANs, servers with a boot volume, a NIC each, a data volume, an IP
   * block.
   */
  static List<HasMetadata> fleet() {
    List<HasMetadata> out = new ArrayList<>();
    for (int d = 0; d < DATACENTERS; d++) {
      String dc = "dc-" + d;
      PBDatacenter datacenter = new PBDatacenter();
      datacenter.setMetadata(meta(dc).build());
      PBDatacenterSpec ds = new PBDatacenterSpec();
      ds.setLocation("de/fra");
      datacenter.setSpec(ds);
      out.add(datacenter);
      for (int l = 0; l < LANS; l++) {
        PBLan lan = new PBLan();
        lan.setMetadata(meta(dc + "-lan-" + l).build());
        PBLanSpec ls = new PBLanSpec();
        ls.setDatacenterRef(new LocalRef(dc));
        ls.setIsPublic(l == 0);
        lan.setSpec(ls);
        out.add(lan);
      }
      for (int s = 0; s < SERVERS; s++) {
        String name = dc + "-srv-" + s;
        PBServer server = new PBServer();
        server.setMetadata(meta(name).build());
        PBServerSpec ss = new PBServerSpec();
        ss.setDatacenterRef(new LocalRef(dc));
        ss.setCores(1);
        ss.setRam(1024);
        InlineVolume boot = new InlineVolume();
        boot.setName("boot");
        boot.setSize(10);
        boot.setLicenceType(PBVolumeSpec.LicenceType.LINUX);
        ss.setVolumes(new ArrayList<>(List.of(boot)));
        server.setSpec(ss);
        out.add(server);
        PBNic nic = new PBNic();
        nic.setMetadata(meta(name + "-nic").build());
        PBNicSpec ns = new PBNicSpec();
        ns.setServerRef(new LocalRef(name));
        ns.setLanRef(new LocalRef(dc + "-lan-0"));
        nic.setSpec(ns);
        out.add(nic);
      }
      PBVolume data = new PBVolume();
      data.setMetadata(meta(dc + "-data").build());
      PBVolumeSpec vs = new PBVolumeSpec();
      vs.setDatacenterRef(new LocalRef(dc));
      vs.setSize(20);
      vs.setLicenceType(PBVolumeSpec.LicenceType.OTHER);
      vs.setServerRef(new LocalRef(dc + "-srv-0"));
      data.setSpec(vs);
      out.add(data);
      PBIPBlock block = new PBIPBlock();
      block.setMetadata(meta(dc + "-ips").build());
      PBIPBlockSpec bs = new PBIPBlockSpec();
      bs.setLocation("de/fra");
      bs.setSize(1);
      block.setSpec(bs);
      out.add(block);
    }
    return out;
  }

  /** Calls by method, and the 4xx and 429 among them. */
  static Map<String, Long> tally(List<CallLog.Call> calls) {
    Map<String, Long> m = new TreeMap<>();
    for (CallLog.Call c : calls) {
      m.merge(c.method(), 1L, Long::sum);
      if (c.status() >= 400 && c.status() < 500) {
        m.merge(c.status() == 429 ? "429" : "4xx", 1L, Long::sum);
      }
    }
    m.put("total", (long) calls.size());
    return m;
  }

  /** The 4xx answers by "METHOD route status", most frequent first. */
  static String refusals(List<CallLog.Call> calls) {
    Map<String, Long> m = new TreeMap<>();
    for (CallLog.Call c : calls) {
      if (c.status() >= 400 && c.status() < 500) {
        m.merge(c.method() + " " + c.route() + " " + c.status(), 1L, Long::sum);
      }
    }
    StringBuilder out = new StringBuilder();
    m.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                out.append("  - ")
                    .append(e.getKey())
                    .append(": ")
                    .append(e.getValue())
                    .append('\n'));
    return out.length() == 0 ? "  - none\n" : out.toString();
  }

  static long heapUsedMb() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
  }

  @Test
  void aFleetConvergesStaysQuietAndLeavesNothing() throws IOException {
    CloudSimulator sim = embedded.simulator();
    long resourcesBefore = sim.resourceCount();
    long heapBefore = heapUsedMb();
    List<HasMetadata> fleet = fleet();
    sim.calls().reset();

    // converge: everything applied at once, as Argo CD or Flux would
    Instant start = Instant.now();
    for (HasMetadata r : fleet) {
      kube.resource(r).create();
    }
    Instant[] cloudDone = {null};
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (sim.pendingRequests() > 0) {
                cloudDone[0] = null;
              } else if (cloudDone[0] == null && sim.calls().writes() > 0) {
                cloudDone[0] = Instant.now();
              }
              return Kinds.notReady(kube, NS).isEmpty();
            });
    Instant ready = Instant.now();
    List<CallLog.Call> convergeCalls = sim.calls().calls();
    long resourcesConverged = sim.resourceCount() - resourcesBefore;
    long heapConverged = heapUsedMb();

    // steady state: nothing changes, only drift checks
    sim.calls().reset();
    Duration window = DRIFT.multipliedBy(STEADY_INTERVALS);
    await().pollDelay(window).atMost(window.plusSeconds(5)).until(() -> true);
    List<CallLog.Call> steadyCalls = sim.calls().calls();

    // delete everything at once
    sim.calls().reset();
    Instant deleteStart = Instant.now();
    for (HasMetadata r : fleet) {
      kube.resource(r).delete();
    }
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Kinds.count(kube, NS) == 0);
    Instant gone = Instant.now();
    List<CallLog.Call> deleteCalls = sim.calls().calls();
    long resourcesLeft = sim.resourceCount() - resourcesBefore;

    long expectedResources =
        (long) DATACENTERS
            * (1
                + LANS
                + SERVERS /* servers */
                + SERVERS /* boot volumes */
                + SERVERS /* NICs */
                + 1 /* data volume */
                + 1 /* IP block */);
    Map<String, Long> steady = tally(steadyCalls);
    long steadyWrites = steadyCalls.stream().filter(CallLog.Call::isWrite).count();
    double readsPerDcInterval =
        steady.getOrDefault("GET", 0L) / (double) (DATACENTERS * STEADY_INTERVALS);

    StringBuilder md = new StringBuilder();
    md.append("# Fleet benchmark\n\n")
        .append("Run ")
        .append(Instant.now())
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores. Embedded simulator at time factor 0.05 with its rate limit (600/min,")
        .append(" burst 50); client limiter at its defaults; drift interval ")
        .append(DRIFT.toSeconds())
        .append(" s.\n\n")
        .append("Fleet: ")
        .append(DATACENTERS)
        .append(" datacenters × (")
        .append(LANS)
        .append(" LANs, ")
        .append(SERVERS)
        .append(" servers with an inline boot volume and a PBNic each, 1 PBVolume attached by")
        .append(" serverRef, 1 IP block) = ")
        .append(fleet.size())
        .append(" objects, ")
        .append(expectedResources)
        .append(" cloud resources.\n\n")
        .append("| phase | wall time | Cloud API calls |\n|---|---|---|\n")
        .append("| converge (all applied at once → all Ready) | ")
        .append(Duration.between(start, ready).toMillis())
        .append(" ms | ")
        .append(tally(convergeCalls))
        .append(" |\n| steady state (")
        .append(STEADY_INTERVALS)
        .append(" drift intervals) | ")
        .append(window.toMillis())
        .append(" ms | ")
        .append(steady)
        .append(" |\n| delete all at once → all objects gone | ")
        .append(Duration.between(deleteStart, gone).toMillis())
        .append(" ms | ")
        .append(tally(deleteCalls))
        .append(" |\n\n")
        .append("- Operator lag after the cloud had no request left: ")
        .append(
            cloudDone[0] == null ? "n/a" : Duration.between(cloudDone[0], ready).toMillis() + " ms")
        .append("\n- Cloud resources made: ")
        .append(resourcesConverged)
        .append(" (expected ")
        .append(expectedResources)
        .append("); left after delete: ")
        .append(resourcesLeft)
        .append("\n- Steady state: ")
        .append(steadyWrites)
        .append(" writes; ")
        .append(String.format("%.2f", readsPerDcInterval))
        .append(" reads per datacenter and drift interval (the target is about 1, plus the shared")
        .append(" IP block listing)\n- Heap used after GC: ")
        .append(heapBefore)
        .append(" MB before, ")
        .append(heapConverged)
        .append(
            " MB with the fleet converged (test JVM: operator, simulator and mock API server)\n")
        .append("- 4xx answers while converging:\n")
        .append(refusals(convergeCalls))
        .append("- 4xx answers while deleting:\n")
        .append(refusals(deleteCalls));
    Path report = Path.of("target", "benchmark", "report.md");
    Files.createDirectories(report.getParent());
    Files.writeString(report, md);
    System.out.println(md);

    assertThat(resourcesConverged).as("no duplicates").isEqualTo(expectedResources);
    assertThat(resourcesLeft).as("nothing left behind").isZero();
    assertThat(steadyWrites).as("no writes while nothing changes").isZero();
    // children wait for their datacenter's cascade and deletes are confirmed from listings:
    // refusals and 404s are at most 5 % of the calls of the delete phase
    assertThat(tally(deleteCalls).getOrDefault("4xx", 0L) * 20)
        .as("no 4xx storm when everything is deleted at once (at most 5 % of the calls)")
        .isLessThanOrEqualTo(deleteCalls.size());
  }
}
