package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.engine.EventRecorder;
import com.profitbricks.operator.kinds.datacenter.PBDatacenterReconciler;
import com.profitbricks.operator.kinds.ipblock.PBIPBlockReconciler;
import com.profitbricks.operator.kinds.lan.PBLanReconciler;
import com.profitbricks.operator.tenancy.Tenants;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.TestConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import java.io.FileInputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The lifecycle against a real API server (k3s), where Docker exists: the CRDs of crds/ are
 * accepted (structural schema, CEL compiled by the server), CEL refuses an immutable change, and
 * the operator turns a PBDatacenter Ready and cleans it up. Skipped where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sLifecycleTest {
  @Container
  static final K3sContainer K3S =
      new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

  @Test
  void theOperatorWorksAgainstARealApiServer() throws Exception {
    KubernetesClient kube =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml()))
            .build();
    for (String plural :
        List.of("pbdatacenters", "pblans", "pbipblocks", "pbvolumes", "pbservers", "pbnics")) {
      try (FileInputStream in =
          new FileInputStream("crds/" + plural + ".profitbricks.com-v1.yml")) {
        kube.load(in).serverSideApply();
      }
    }
    try (CloudSimulator sim = new CloudSimulator(SimConfig.builder().build())) {
      ProfitBricksClient client =
          ProfitBricksClient.builder()
              .baseUrl(sim.start())
              .credentials(Credentials.basic("k3s", "test"))
              .build();
      OperatorConfig config = new TestConfig();
      CloudReader reader = new CloudReader(client, config);
      EventRecorder events = new EventRecorder(kube);
      Tenants tenants = new Tenants(kube, config, reader);
      Operator operator =
          new Operator(o -> o.withKubernetesClient(kube).withUseSSAToPatchPrimaryResource(false));
      operator.register(new PBDatacenterReconciler(tenants, events, config, kube));
      operator.register(new PBLanReconciler(tenants, events, config, kube));
      operator.register(new PBIPBlockReconciler(tenants, events, config));
      operator.register(
          new com.profitbricks.operator.kinds.volume.PBVolumeReconciler(
              tenants, events, config, kube));
      operator.start();
      try {
        PBDatacenter dc = new PBDatacenter();
        dc.setMetadata(new ObjectMetaBuilder().withName("k3s").withNamespace("default").build());
        PBDatacenterSpec spec = new PBDatacenterSpec();
        spec.setLocation("de/fra");
        dc.setSpec(spec);
        kube.resource(dc).create();
        await()
            .atMost(Duration.ofMinutes(1))
            .untilAsserted(
                () ->
                    assertThat(
                            kube.resources(PBDatacenter.class)
                                .inNamespace("default")
                                .withName("k3s")
                                .get()
                                .getStatus()
                                .condition("Ready")
                                .orElseThrow()
                                .getStatus())
                        .isEqualTo("True"));
        assertThatThrownBy(
                () ->
                    kube.resources(PBDatacenter.class)
                        .inNamespace("default")
                        .withName("k3s")
                        .edit(
                            d -> {
                              d.getSpec().setLocation("us/las");
                              return d;
                            }))
            .isInstanceOf(KubernetesClientException.class)
            .hasMessageContaining("location is immutable");
        kube.resources(PBDatacenter.class).inNamespace("default").withName("k3s").delete();
        await()
            .atMost(Duration.ofMinutes(1))
            .until(
                () ->
                    kube.resources(PBDatacenter.class).inNamespace("default").withName("k3s").get()
                        == null);
        assertThat(sim.resourceCount()).isZero();
      } finally {
        operator.stop();
      }
    }
  }
}
