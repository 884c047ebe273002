package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DatacenterLifecycleTest {
  @Inject KubernetesClient kube;
  @Inject EmbeddedSimulator embedded;

  @Test
  void createsTheDatacenterAndBecomesReady() {
    PBDatacenter dc = new PBDatacenter();
    dc.setMetadata(new ObjectMetaBuilder().withName("dc1").withNamespace("default").build());
    PBDatacenterSpec spec = new PBDatacenterSpec();
    spec.setLocation("de/fra");
    dc.setSpec(spec);
    kube.resource(dc).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              PBDatacenter got =
                  kube.resources(PBDatacenter.class).inNamespace("default").withName("dc1").get();
              assertThat(got.getStatus()).isNotNull();
              assertThat(got.getStatus().condition("Ready").orElseThrow().getStatus())
                  .as(io.fabric8.kubernetes.client.utils.Serialization.asYaml(got.getStatus()))
                  .isEqualTo("True");
            });
    assertThat(embedded.simulator().calls().count("POST", "/datacenters")).isEqualTo(1);
  }
}
