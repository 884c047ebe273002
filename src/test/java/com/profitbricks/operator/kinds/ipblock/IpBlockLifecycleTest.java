package com.profitbricks.operator.kinds.ipblock;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.operator.LifecycleSuite;
import com.profitbricks.operator.TestClouds;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
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
}
