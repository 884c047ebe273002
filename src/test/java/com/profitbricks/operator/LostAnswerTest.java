package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A create the cloud takes only after the client has given up on it (a latency past the client's
 * read timeout: 5 s here, 60 s in production) is found, not sent again. The recovery window (2 s
 * here) counts from the lost answer, not from the intent, so it outlasts the timeout.
 */
@ExtendWith(MockServerQuirks.class)
class LostAnswerTest {
  @Test
  void aCreateAnsweredAfterTheClientTimedOutMakesExactlyOneLan() throws Exception {
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      sim.start();
      String dc = new TestClouds(sim).datacenter("de/fra");
      sim.faults().latency("POST", "/datacenters/{datacenterId}/lans", Duration.ofSeconds(6));
      KubernetesClient kube = api.client();
      try (LocalOperator op = new LocalOperator(kube, sim.baseUrl(), new TestConfig())) {
        PBLan lan = new PBLan();
        lan.setMetadata(new ObjectMetaBuilder().withName("late").withNamespace("default").build());
        PBLanSpec spec = new PBLanSpec();
        spec.setDatacenterId(dc);
        spec.setName("late");
        lan.setSpec(spec);
        kube.resource(lan).create();

        await("Ready")
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(Kinds.notReady(kube, "default")).isEmpty());
        JsonNode lans =
            sim.dump().path("datacenters").path(0).path("entities").path("lans").path("items");
        assertThat(sim.calls().count("POST", "/datacenters/{datacenterId}/lans"))
            .as("sent once: its answer was lost, then it was found in the request log")
            .isEqualTo(1);
        assertThat(lans.size()).as("LANs in the cloud: " + lans).isEqualTo(1);
      }
    }
  }
}
