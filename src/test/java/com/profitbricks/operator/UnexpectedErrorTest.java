package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.deploy.Installs;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import com.profitbricks.operator.api.v1alpha1.SecretKeyRef;
import com.profitbricks.operator.status.Conditions;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An error outside the cloud client's taxonomy (here the Kubernetes API refusing the read of an
 * image password Secret, as a cluster does when the operator's Role lacks it) is not handed to the
 * operator SDK, whose retry gives up after a few tries and leaves the object for its maximum
 * reconciliation interval (10 h): the object says what failed, is looked at again with backoff, and
 * goes on by itself once the cause is gone.
 */
class UnexpectedErrorTest {
  static final String NS = "default";

  @Test
  void aRefusedKubernetesReadIsSaidInStatusRetriedWithBackoffAndHealsWithoutARestart()
      throws Exception {
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      sim.start();
      List<JsonNode> install = Installs.base();
      api.apply(withoutSecretReads(install), Installs.BASE_NAMESPACE);
      KubernetesClient user = api.client();
      String dc = new TestClouds(sim).datacenter("de/fra");
      sim.calls().reset();
      user.resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("pw")
                  .withNamespace(NS)
                  .endMetadata()
                  .addToStringData("password", "Secret4Volume")
                  .build())
          .create();
      user.resource(volume(dc)).create();
      try (KubernetesClient own = api.clientFor(Installs.BASE_SUBJECT);
          LocalOperator op =
              new LocalOperator(
                  own, sim.baseUrl(), new TestConfig(), LocalOperator.Options.defaults())) {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> "UnexpectedError".equals(readyReason(user)));
        assertThat(ready(user).getMessage()).contains("secrets").contains("forbidden");
        int refused = api.refusals(Installs.BASE_SUBJECT, 403).size();
        await()
            .atMost(Duration.ofSeconds(20))
            .alias("looked at again, not left to the SDK's retry")
            .until(() -> api.refusals(Installs.BASE_SUBJECT, 403).size() >= refused + 3);
        assertThat(sim.calls().count(c -> c.isWrite())).as("nothing sent meanwhile").isZero();

        api.apply(install, Installs.BASE_NAMESPACE);
        await().atMost(Duration.ofSeconds(30)).until(() -> "Available".equals(readyReason(user)));
        assertThat(sim.calls().count("POST", "/datacenters/{datacenterId}/volumes")).isEqualTo(1);
      }
    }
  }

  /** deploy/base with its ClusterRole lacking the read of Secrets. */
  private static List<JsonNode> withoutSecretReads(List<JsonNode> install) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode o : install) {
      JsonNode copy = o.deepCopy();
      if ("ClusterRole".equals(copy.path("kind").asText())) {
        ArrayNode rules = (ArrayNode) copy.path("rules");
        for (int i = rules.size() - 1; i >= 0; i--) {
          if (rules.get(i).path("resources").toString().contains("\"secrets\"")) {
            rules.remove(i);
          }
        }
        ((ObjectNode) copy).set("rules", rules);
      }
      out.add(copy);
    }
    return out;
  }

  private static PBVolume volume(String dc) {
    PBVolume v = new PBVolume();
    v.setMetadata(new ObjectMetaBuilder().withName("locked").withNamespace(NS).build());
    PBVolumeSpec spec = new PBVolumeSpec();
    spec.setDatacenterId(dc);
    spec.setSize(10);
    spec.setImageAlias("ubuntu:latest");
    spec.setImagePasswordSecretRef(new SecretKeyRef("pw", "password"));
    v.setSpec(spec);
    return v;
  }

  private static Condition ready(KubernetesClient user) {
    return Optional.ofNullable(
            user.resources(PBVolume.class).inNamespace(NS).withName("locked").get())
        .map(PBVolume::getStatus)
        .flatMap(s -> s.condition(Conditions.READY))
        .orElse(null);
  }

  private static String readyReason(KubernetesClient user) {
    Condition c = ready(user);
    return c == null ? null : c.getReason();
  }
}
