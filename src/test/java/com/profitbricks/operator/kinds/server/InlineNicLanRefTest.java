package com.profitbricks.operator.kinds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.profitbricks.operator.TestClouds;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.testing.MockServerQuirks;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An inline NIC names its LAN by a PBLan: the server waits for that PBLan's LAN number instead of
 * letting the cloud make a private LAN of a guessed number, and is created in the PBLan's LAN.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@ExtendWith(MockServerQuirks.class)
class InlineNicLanRefTest {
  static final String NS = "default";

  @Inject KubernetesClient kube;
  @Inject EmbeddedSimulator embedded;

  CloudSimulator sim() {
    return embedded.simulator();
  }

  static <T extends CustomResource<?, ?>> T named(T r, String name) {
    r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    return r;
  }

  static PBServer server(String name, String dc, String lanName) {
    InlineNic nic = new InlineNic();
    nic.setName("web");
    nic.setLanRef(new LocalRef(lanName));
    PBServerSpec spec = new PBServerSpec();
    spec.setDatacenterId(dc);
    spec.setCores(1);
    spec.setRam(1024);
    spec.setNics(new ArrayList<>(List.of(nic)));
    PBServer s = named(new PBServer(), name);
    s.setSpec(spec);
    return s;
  }

  static PBLan lan(String name, String dc) {
    PBLanSpec spec = new PBLanSpec();
    spec.setDatacenterId(dc);
    spec.setIsPublic(true);
    PBLan l = named(new PBLan(), name);
    l.setSpec(spec);
    return l;
  }

  Condition ready(Class<? extends CustomResource<?, ?>> type, String name) {
    CustomResource<?, ?> r = kube.resources(type).inNamespace(NS).withName(name).get();
    CommonStatus st = r == null ? null : (CommonStatus) r.getStatus();
    return st == null ? null : st.condition("Ready").orElse(null);
  }

  boolean readyWith(Class<? extends CustomResource<?, ?>> type, String name, String reason) {
    Condition c = ready(type, name);
    return c != null && reason.equals(c.getReason());
  }

  JsonNode datacenter(String id) {
    for (JsonNode dc : sim().dump().path("datacenters")) {
      if (dc.path("id").asText().equals(id)) {
        return dc;
      }
    }
    throw new AssertionError("no datacenter " + id);
  }

  @Test
  void theServerWaitsForThePBLanAndItsNicLandsInThatLan() {
    String dc = new TestClouds(sim()).datacenter("de/fra");
    sim().calls().reset();
    kube.resource(server("lan-ref", dc, "front")).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> readyWith(PBServer.class, "lan-ref", "DependencyNotReady"));
    assertThat(ready(PBServer.class, "lan-ref").getMessage())
        .contains("PBLan front (LAN of NIC web) does not exist yet");
    // counted in this test's datacenter: the simulator is shared with objects earlier test classes
    // may still be deleting
    assertThat(sim().calls().count(c -> c.isWrite() && c.path().contains(dc)))
        .as("nothing is sent while waiting")
        .isZero();

    kube.resource(lan("front", dc)).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> readyWith(PBServer.class, "lan-ref", "Available"));
    String lanId =
        kube.resources(PBLan.class).inNamespace(NS).withName("front").get().getStatus().getId();
    JsonNode cloud = datacenter(dc);
    assertThat(cloud.at("/entities/lans/items"))
        .as("no LAN made by the cloud beside the PBLan's")
        .hasSize(1);
    assertThat(cloud.at("/entities/lans/items/0/properties/public").asBoolean()).isTrue();
    JsonNode nic = cloud.at("/entities/servers/items/0/entities/nics/items/0/properties");
    assertThat(nic.path("name").asText()).isEqualTo("web");
    assertThat(nic.path("lan").asText()).isEqualTo(lanId);

    kube.resources(PBServer.class).inNamespace(NS).withName("lan-ref").delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> kube.resources(PBServer.class).inNamespace(NS).withName("lan-ref").get() == null);
    kube.resources(PBLan.class).inNamespace(NS).withName("front").delete();
  }

  @Test
  void aPBLanOfAnotherDatacenterIsASpecError() {
    String here = new TestClouds(sim()).datacenter("de/fra");
    String there = new TestClouds(sim()).datacenter("de/fra");
    kube.resource(lan("elsewhere", there)).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> readyWith(PBLan.class, "elsewhere", "Available"));
    sim().calls().reset();
    kube.resource(server("wrong-lan", here, "elsewhere")).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> readyWith(PBServer.class, "wrong-lan", "InvalidSpec"));
    assertThat(ready(PBServer.class, "wrong-lan").getMessage())
        .contains("PBLan elsewhere (LAN of NIC web) is in datacenter " + there)
        .contains("this server in " + here);
    assertThat(sim().calls().count(c -> c.isWrite() && c.path().contains(here))).isZero();
    kube.resources(PBServer.class).inNamespace(NS).withName("wrong-lan").delete();
    kube.resources(PBLan.class).inNamespace(NS).withName("elsewhere").delete();
  }
}
