package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.operator.status.Conditions;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Waiting objects have no poll schedule of their own (poll.max is an hour here): the shared request
 * listing wakes each as its request moves and ends, and no request's status is read on its own.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(RequestWakeTest.NoOwnPolling.class)
@ExtendWith(MockServerQuirks.class)
class RequestWakeTest {
  public static class NoOwnPolling implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "profitbricks.poll.initial", "200ms",
          "profitbricks.poll.max", "1h",
          "profitbricks.drift-interval", "1h",
          "profitbricks.simulator.time-factor", "0.05");
    }
  }

  @Inject KubernetesClient kube;
  @Inject EmbeddedSimulator embedded;

  @Test
  void aRequestEndingInTheListingWakesItsObjectAtOnce() {
    CloudSimulator sim = embedded.simulator();
    sim.faults().holdRequests(true);
    PBDatacenter dc = new PBDatacenter();
    dc.setMetadata(new ObjectMetaBuilder().withName("woken").withNamespace("default").build());
    PBDatacenterSpec spec = new PBDatacenterSpec();
    spec.setLocation("de/fra");
    dc.setSpec(spec);
    kube.resource(dc).create();
    PBLan lan = new PBLan();
    lan.setMetadata(new ObjectMetaBuilder().withName("woken-lan").withNamespace("default").build());
    PBLanSpec ls = new PBLanSpec();
    ls.setDatacenterRef(new LocalRef("woken"));
    lan.setSpec(ls);
    kube.resource(lan).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "RUNNING".equals(requestStatus(PBDatacenter.class, "woken")));
    sim.faults().releaseRequests();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ready(PBDatacenter.class, "woken") && ready(PBLan.class, "woken-lan"));
    assertThat(sim.calls().count("GET", "/requests/{requestId}/status"))
        .as("no request read on its own")
        .isZero();
    assertThat(sim.calls().count("GET", "/requests")).isPositive();
  }

  private <
          T extends
              CustomResource<?, ? extends com.profitbricks.operator.api.v1alpha1.CommonStatus>>
      boolean ready(Class<T> type, String name) {
    T o = kube.resources(type).inNamespace("default").withName(name).get();
    return o != null && Conditions.isTrue(o.getStatus(), Conditions.READY);
  }

  private String requestStatus(Class<PBDatacenter> type, String name) {
    PBDatacenter o = kube.resources(type).inNamespace("default").withName(name).get();
    return o == null || o.getStatus() == null || o.getStatus().getRequest() == null
        ? null
        : o.getStatus().getRequest().getStatus();
  }
}
