package com.profitbricks.operator.kinds.ipblock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.LifecycleSuite;
import com.profitbricks.operator.TestClouds;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class IpBlockLifecycleTest extends LifecycleSuite<PBIPBlock> {
  @Override
  protected Class<PBIPBlock> type() {
    return PBIPBlock.class;
  }

  @Override
  protected PBIPBlock newObject(String name) {
    PBIPBlock b = named(new PBIPBlock(), name);
    PBIPBlockSpec spec = new PBIPBlockSpec();
    spec.setLocation("de/fra");
    spec.setSize(2);
    b.setSpec(spec);
    return b;
  }

  @Override
  protected void changeMutable(PBIPBlock r) {
    r.getSpec().setName("changed");
  }

  @Override
  protected String cloudMutable(String id) {
    for (var b : sim.dump().path("ipblocks")) {
      if (b.path("id").asText().equals(id)) {
        return b.path("properties").path("name").asText();
      }
    }
    return null;
  }

  @Override
  protected void changeImmutable(PBIPBlock r) {
    r.getSpec().setSize(4);
  }

  @Override
  protected String createRoute() {
    return "/ipblocks";
  }

  @Override
  protected String itemRoute() {
    return "/ipblocks/{ipblockId}";
  }

  @Override
  protected long cloudCount() {
    return sim.dump().path("ipblocks").size();
  }

  @Override
  protected String createInCloud() {
    return new TestClouds(sim).ipBlock("de/fra", 2);
  }

  @Test
  void theReservedAddressesAreInStatus() {
    String name = unique("ips");
    apply(newObject(name));
    awaitReady(name);
    assertThat(get(name).getStatus().getIps())
        .hasSize(2)
        .allMatch(ip -> ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));
  }

  /**
   * The API lists IP blocks 100 a page by default: a block past the first page once read as gone,
   * and was reserved again at every drift check, its NICs moved, the old one never released.
   */
  @Test
  void aBlockPastTheFirstPageOfOthersStaysOneBlockAndIsReleasedOnDelete() {
    TestClouds cloud = new TestClouds(sim);
    for (int i = 0; i < 120; i++) {
      cloud.ipBlock("de/fra", 1);
    }
    sim.calls().reset();
    String name = unique("paged");
    apply(newObject(name));
    awaitReady(name);
    String id = get(name).getStatus().getId();
    java.util.List<String> ips = get(name).getStatus().getIps();

    // passes that read afresh, as the full re-reads do: each lists the blocks
    for (int pass = 0; pass < 3; pass++) {
      requestPass(name);
    }
    await("several passes that read afresh keep the same block")
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                id.equals(get(name).getStatus().getId())
                    && ips.equals(get(name).getStatus().getIps()));
    assertThat(sim.calls().count("POST", "/ipblocks")).as("reserved once").isEqualTo(1);
    assertThat(sim.calls().count("GET", "/ipblocks", 200))
        .as("the passes listed the blocks")
        .isGreaterThan(2);

    long before = cloudCount();
    kube.resources(type()).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(sim.calls().count("DELETE", "/ipblocks/{ipblockId}")).isEqualTo(1);
    assertThat(cloudCount())
        .as("ours is released, the blocks of others stay")
        .isEqualTo(before - 1);
    assertThat(sim.dump().path("ipblocks").toString()).doesNotContain(id);
  }
}
