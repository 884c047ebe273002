package com.profitbricks.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing credentials Secret (its volume is optional, so the pod starts with an empty folder) is
 * a condition on the objects, with a message saying what to create, and nothing is sent to the
 * cloud; once the files appear the objects converge without a restart.
 */
@ExtendWith(MockServerQuirks.class)
class CredentialsMissingTest {
  @TempDir Path secretDir;

  @Test
  void objectsSayCredentialsMissingSendNothingAndConvergeOnceTheSecretIsMounted() throws Exception {
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      sim.start();
      KubernetesClient kube = api.client();
      try (LocalOperator op =
          new LocalOperator(
              kube,
              sim.baseUrl(),
              new TestConfig(),
              LocalOperator.Options.defaults(),
              new CloudClientProducer.FileCredentials(secretDir))) {
        PBDatacenter dc = new PBDatacenter();
        dc.setMetadata(new ObjectMetaBuilder().withName("dc").withNamespace("default").build());
        PBDatacenterSpec spec = new PBDatacenterSpec();
        spec.setName("dc");
        spec.setLocation("de/fra");
        dc.setSpec(spec);
        kube.resource(dc).create();

        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> condition(kube, "Stalled").map(Condition::getReason).orElse(""),
                "CredentialsMissing"::equals);
        Condition ready = condition(kube, "Ready").orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("CredentialsMissing");
        assertThat(ready.getMessage())
            .contains("No Cloud API credentials")
            .contains("profitbricks-credentials")
            .contains("username and password, or token");
        assertThat(sim.calls().calls()).as("no call reaches the cloud").isEmpty();

        Files.writeString(secretDir.resolve("username"), "late@example.com");
        Files.writeString(secretDir.resolve("password"), "mounted-later");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> condition(kube, "Ready").map(Condition::getReason).orElse(""),
                "Available"::equals);
      }
    }
  }

  static Optional<Condition> condition(KubernetesClient kube, String type) {
    PBDatacenter got =
        kube.resources(PBDatacenter.class).inNamespace("default").withName("dc").get();
    return got == null || got.getStatus() == null
        ? Optional.empty()
        : got.getStatus().condition(type);
  }
}
