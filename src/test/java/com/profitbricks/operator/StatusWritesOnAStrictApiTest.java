package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import com.profitbricks.testing.strict.Leniency;
import com.profitbricks.testing.strict.Refusal;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.FileInputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A known difference between the operator and a real API server, kept visible: the operator writes
 * status with JSON patches computed from its status classes, which serialize unset fields as null;
 * setting such a field is then a {@code replace} of a key that a real server never stored (it drops
 * nulls of non-nullable fields, and a new object's status is only the CRD's default), and
 * kube-apiserver refuses the whole patch with 422. The other tests that run the operator tolerate
 * this with {@link Leniency#JSON_PATCH_REPLACE_OF_MISSING_KEY}.
 *
 * <p>When this test fails because the status writes are accepted, the operator has been fixed (for
 * instance: status fields serialized only when set, or written with a JSON merge patch, which
 * StrictKubernetes applies as RFC 7386 says): drop the leniency from the tests that pass it, from
 * the playground, and this test.
 */
@ExtendWith(MockServerQuirks.class)
class StatusWritesOnAStrictApiTest {
  @Test
  void aRealApiServerRefusesTheOperatorsFirstStatusWrite() throws Exception {
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build());
        KubernetesClient own = api.clientAs("operator-on-strict-api")) {
      sim.start();
      KubernetesClient user = api.client();
      HasMetadata dc;
      try (FileInputStream in = new FileInputStream("samples/datacenter.yaml")) {
        HasMetadata o = user.load(in).items().get(0);
        o.getMetadata().setNamespace("default");
        dc = user.resource(o).create();
      }
      try (LocalOperator op = new LocalOperator(own, sim.baseUrl(), new TestConfig())) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !statusRefusals(api).isEmpty());
      }
      assertThat(statusRefusals(api).get(0).message())
          .as("the operator's status writes are accepted now: see this test's comment")
          .isEqualTo(
              "replace operation does not apply: doc is missing key: /status/request: missing"
                  + " value");
      assertThat(
              user.genericKubernetesResources(dc.getApiVersion(), dc.getKind())
                  .inNamespace("default")
                  .withName(dc.getMetadata().getName())
                  .get()
                  .getAdditionalProperties()
                  .get("status"))
          .as("nothing but the CRD's default status was stored")
          .isEqualTo(java.util.Map.of("observedGeneration", -1));
      assertThat(sim.calls().count("POST", "/datacenters"))
          .as("the operator records its intent in status before creating: no create went out")
          .isZero();
    }
  }

  static List<Refusal> statusRefusals(StrictKubernetes api) {
    return api.refusals().stream()
        .filter(
            r -> r.code() == 422 && r.what().equals("patch profitbricks.com/pbdatacenters/status"))
        .toList();
  }
}
