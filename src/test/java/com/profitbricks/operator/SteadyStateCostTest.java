package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.testing.MockServerQuirks;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rate limit is the scarce resource: once converged, a datacenter with many LANs costs one read
 * per full-resync interval, and all IP blocks together one listing, not one call per object.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(SteadyStateCostTest.SharedReads.class)
@ExtendWith(MockServerQuirks.class)
class SteadyStateCostTest {
  static final int LANS = 10;
  static final int IP_BLOCKS = 6;
  static final Duration INTERVAL = Duration.ofSeconds(2);

  public static class SharedReads implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "profitbricks.drift-interval",
          "2s",
          "profitbricks.full-resync-interval",
          "2s",
          "profitbricks.read-cache-ttl",
          "300ms");
    }
  }

  @Inject KubernetesClient kube;
  @Inject EmbeddedSimulator embedded;

  @Test
  void steadyStateCostsOneReadPerDatacenterAndIntervalNotOnePerObject() {
    CloudSimulator sim = embedded.simulator();
    PBDatacenter dc = new PBDatacenter();
    dc.setMetadata(new ObjectMetaBuilder().withName("fleet").withNamespace("default").build());
    PBDatacenterSpec dcSpec = new PBDatacenterSpec();
    dcSpec.setLocation("de/fra");
    dc.setSpec(dcSpec);
    kube.resource(dc).create();
    for (int i = 0; i < LANS; i++) {
      PBLan lan = new PBLan();
      lan.setMetadata(
          new ObjectMetaBuilder().withName("fleet-lan-" + i).withNamespace("default").build());
      PBLanSpec spec = new PBLanSpec();
      spec.setDatacenterRef(new LocalRef("fleet"));
      lan.setSpec(spec);
      kube.resource(lan).create();
      spread();
    }
    for (int i = 0; i < IP_BLOCKS; i++) {
      PBIPBlock b = new PBIPBlock();
      b.setMetadata(
          new ObjectMetaBuilder().withName("fleet-ips-" + i).withNamespace("default").build());
      PBIPBlockSpec spec = new PBIPBlockSpec();
      spec.setLocation("de/fra");
      spec.setSize(1);
      b.setSpec(spec);
      kube.resource(b).create();
      spread();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                allReady(PBLan.class) && allReady(PBIPBlock.class) && allReady(PBDatacenter.class));
    // let the first round of drift checks settle on the shared grid, then count three intervals
    await().pollDelay(INTERVAL.multipliedBy(2)).atMost(INTERVAL.multipliedBy(3)).until(() -> true);
    sim.calls().reset();
    await().pollDelay(INTERVAL.multipliedBy(3)).atMost(INTERVAL.multipliedBy(4)).until(() -> true);
    long datacenterReads = sim.calls().count("GET", "/datacenters/{datacenterId}");
    long ipBlockReads =
        sim.calls().count("GET", "/ipblocks") + sim.calls().count("GET", "/ipblocks/{ipblockId}");
    assertThat(sim.calls().writes()).isZero();
    // 11 objects in the datacenter and 6 IP blocks, three intervals: about 3 reads each, never 33
    // or 18
    assertThat(datacenterReads)
        .as("GET of the datacenter in three drift intervals")
        .isBetween(1L, 6L);
    assertThat(ipBlockReads).as("IP block reads in three drift intervals").isBetween(1L, 6L);
  }

  /** Objects that become ready at different moments would each read on their own, unaligned. */
  private static void spread() {
    await().pollDelay(Duration.ofMillis(250)).atMost(Duration.ofSeconds(1)).until(() -> true);
  }

  private <R extends CustomResource<?, ?>> boolean allReady(Class<R> type) {
    List<R> items = kube.resources(type).inNamespace("default").list().getItems();
    return !items.isEmpty()
        && items.stream()
            .allMatch(
                r ->
                    r.getStatus() != null
                        && ((com.profitbricks.operator.api.v1alpha1.CommonStatus) r.getStatus())
                            .condition("Ready")
                            .map(c -> "True".equals(c.getStatus()))
                            .orElse(false));
  }
}
