package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.Server;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.status.Conditions;
import com.profitbricks.simulator.CallLog;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Steady state reads the cloud's request log, not every datacenter: with a full re-read only every
 * hour, a converged server costs one {@code GET /requests} per drift interval and no read of its
 * datacenter, and a change somebody makes through the API (its cores, here) is seen in the log and
 * corrected within about one drift interval.
 */
@ExtendWith(MockServerQuirks.class)
class DriftFromRequestLogTest {
  static final String NS = "default";
  static final Duration DRIFT = Duration.ofSeconds(1);

  @Test
  void aChangeMadeThroughTheApiIsCorrectedWithinADriftIntervalAndQuietMeansNoDatacenterRead()
      throws Exception {
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      sim.start();
      KubernetesClient kube = api.client();
      ProfitBricksClient someoneElse =
          ProfitBricksClient.builder()
              .baseUrl(sim.baseUrl())
              .credentials(Credentials.basic("console", "pw"))
              .build();
      TestConfig config = new TestConfig().intervals(DRIFT, Duration.ofHours(1));
      try (LocalOperator op = new LocalOperator(kube, sim.baseUrl(), config)) {
        kube.resource(datacenter()).create();
        kube.resource(server()).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> ready(kube));
        // the passes that brought it to Ready are over: what follows is steady state
        await().pollDelay(DRIFT.multipliedBy(2)).atMost(DRIFT.multipliedBy(3)).until(() -> true);
        sim.calls().reset();
        await().pollDelay(DRIFT.multipliedBy(4)).atMost(DRIFT.multipliedBy(5)).until(() -> true);
        assertThat(sim.calls().count("GET", "/datacenters/{datacenterId}"))
            .as("no datacenter read while nothing changes")
            .isZero();
        assertThat(sim.calls().count("GET", "/requests"))
            .as("one request-log listing per drift interval")
            .isBetween(3L, 5L);
        assertThat(sim.calls().writes()).isZero();

        PBServer s = kube.resources(PBServer.class).inNamespace(NS).withName("web").get();
        String dcId = s.getStatus().getDatacenterId();
        String serverId = s.getStatus().getId();
        sim.calls().reset();
        Instant changed = Instant.now();
        someoneElse
            .servers()
            .update(
                dcId,
                serverId,
                new Server.Properties(null, 4, null, null, null, null, null, null, null, null));
        await()
            .atMost(DRIFT.multipliedBy(5))
            .until(() -> someoneElse.servers().get(dcId, serverId).properties().cores() == 2);
        CallLog.Call patch =
            sim.calls().calls().stream()
                .filter(c -> c.method().equals("PATCH") && c.status() == 202)
                .skip(1) // the first is the change made through the API
                .findFirst()
                .orElseThrow();
        assertThat(Duration.between(changed, patch.at()))
            .as("the operator's PATCH follows the change within about a drift interval")
            .isLessThan(DRIFT.multipliedBy(3));
      }
    }
  }

  private static boolean ready(KubernetesClient kube) {
    PBServer s = kube.resources(PBServer.class).inNamespace(NS).withName("web").get();
    return s != null && s.getStatus() != null && Conditions.isTrue(s.getStatus(), Conditions.READY);
  }

  private static PBDatacenter datacenter() {
    PBDatacenter dc = new PBDatacenter();
    dc.setMetadata(new ObjectMetaBuilder().withName("dc").withNamespace(NS).build());
    PBDatacenterSpec spec = new PBDatacenterSpec();
    spec.setLocation("de/fra");
    dc.setSpec(spec);
    return dc;
  }

  private static PBServer server() {
    PBServer s = new PBServer();
    s.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace(NS).build());
    PBServerSpec spec = new PBServerSpec();
    spec.setDatacenterRef(new LocalRef("dc"));
    spec.setCores(2);
    spec.setRam(1024);
    s.setSpec(spec);
    return s;
  }
}
