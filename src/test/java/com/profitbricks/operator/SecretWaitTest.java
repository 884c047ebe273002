package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import com.profitbricks.operator.api.v1alpha1.SecretKeyRef;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.testing.MockServerQuirks;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
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
 * A Secret has no informer here: an object waiting for one looks again after poll.max, not after a
 * whole drift interval (ten minutes in this profile), and sends nothing to the cloud meanwhile.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(SecretWaitTest.LongDrift.class)
@ExtendWith(MockServerQuirks.class)
class SecretWaitTest {
  public static class LongDrift implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("profitbricks.drift-interval", "10m", "profitbricks.poll.max", "1s");
    }
  }

  @Inject KubernetesClient kube;
  @Inject EmbeddedSimulator embedded;

  /** The reason of the volume's Ready condition, or null before it has one. */
  String readyReason(String name) {
    PBVolume v = kube.resources(PBVolume.class).inNamespace("default").withName(name).get();
    CommonStatus st = v == null ? null : v.getStatus();
    return st == null ? null : st.condition("Ready").map(c -> c.getReason()).orElse(null);
  }

  @Test
  void aVolumeAppliedBeforeItsPasswordSecretIsCreatedSoonAfterIt() {
    CloudSimulator sim = embedded.simulator();
    String dc = new TestClouds(sim).datacenter("de/fra");
    sim.calls().reset();
    PBVolume v = new PBVolume();
    v.setMetadata(new ObjectMetaBuilder().withName("early").withNamespace("default").build());
    PBVolumeSpec spec = new PBVolumeSpec();
    spec.setDatacenterId(dc);
    spec.setSize(10);
    spec.setImageAlias("ubuntu:latest");
    spec.setImagePasswordSecretRef(new SecretKeyRef("late-pw", "password"));
    v.setSpec(spec);
    kube.resource(v).create();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> "DependencyNotReady".equals(readyReason("early")));
    assertThat(sim.calls().count(c -> c.isWrite())).as("nothing is sent while waiting").isZero();

    kube.resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("late-pw")
                .withNamespace("default")
                .endMetadata()
                .addToStringData("password", "LateButFine123")
                .build())
        .create();
    await().atMost(Duration.ofSeconds(15)).until(() -> "Available".equals(readyReason("early")));
  }
}
