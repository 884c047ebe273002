package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.FileInputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's status writes are ones a real API server takes. It writes status with JSON patches
 * computed from the status it read; while its status classes wrote unset fields as null, setting
 * such a field was a {@code replace} of a key the server never stored (it drops nulls of
 * non-nullable fields, and a new object's status is only the CRD's default), and kube-apiserver
 * refused the whole patch with 422 ("replace operation does not apply: doc is missing key"), so not
 * even the create's intent was recorded.
 */
@ExtendWith(MockServerQuirks.class)
class StatusWritesOnAStrictApiTest {
  @Test
  void aRealApiServerTakesEveryStatusWriteFromIntentToReady() throws Exception {
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build());
        KubernetesClient own = api.clientAs("operator-on-strict-api")) {
      sim.start();
      KubernetesClient user = api.client();
      try (FileInputStream in = new FileInputStream("samples/datacenter.yaml")) {
        HasMetadata o = user.load(in).items().get(0);
        o.getMetadata().setNamespace("default");
        user.resource(o).create();
      }
      try (LocalOperator op = new LocalOperator(own, sim.baseUrl(), new TestConfig())) {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(Kinds.notReady(user, "default")).isEmpty());
      }
      assertThat(api.refusals()).as("what the API refused").isEmpty();
      assertThat(sim.calls().count("POST", "/datacenters")).isEqualTo(1);
    }
  }
}
