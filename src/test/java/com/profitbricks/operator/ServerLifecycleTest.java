package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ServerLifecycleTest extends LifecycleSuite<PBServer> {
  String datacenterId;

  @BeforeEach
  void parent() {
    if (datacenterId == null) {
      datacenterId = new TestClouds(embedded.simulator()).datacenter("de/fra");
      embedded.simulator().calls().reset();
    }
  }

  @Override
  protected Class<PBServer> type() {
    return PBServer.class;
  }

  @Override
  protected PBServer newObject(String name) {
    PBServer s = named(new PBServer(), name);
    PBServerSpec spec = new PBServerSpec();
    spec.setDatacenterId(datacenterId);
    spec.setCores(1);
    spec.setRam(1024);
    s.setSpec(spec);
    return s;
  }

  static InlineVolume volume(String name, int size) {
    InlineVolume v = new InlineVolume();
    v.setName(name);
    v.setSize(size);
    v.setLicenceType(PBVolumeSpec.LicenceType.LINUX);
    return v;
  }

  static InlineNic nic(String name, int lan) {
    InlineNic n = new InlineNic();
    n.setName(name);
    n.setLan(lan);
    return n;
  }

  @Override
  protected void changeMutable(PBServer r) {
    r.getSpec().setCores(2);
  }

  @Override
  protected String cloudMutable(String id) {
    return serverJson(id).path("properties").path("cores").asInt() == 2 ? "changed" : "unchanged";
  }

  JsonNode serverJson(String id) {
    for (var dc : sim.dump().path("datacenters")) {
      for (var s : dc.path("entities").path("servers").path("items")) {
        if (s.path("id").asText().equals(id)) {
          return s;
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  @Override
  protected void changeImmutable(PBServer r) {
    r.getSpec().setAvailabilityZone(PBServerSpec.ServerZone.ZONE_2);
  }

  @Override
  protected String createRoute() {
    return "/datacenters/{datacenterId}/servers";
  }

  @Override
  protected String itemRoute() {
    return "/datacenters/{datacenterId}/servers/{serverId}";
  }

  @Override
  protected long cloudCount() {
    for (var dc : sim.dump().path("datacenters")) {
      if (dc.path("id").asText().equals(datacenterId)) {
        return dc.path("entities").path("servers").path("items").size();
      }
    }
    return 0;
  }

  @Override
  protected String createInCloud() {
    return new TestClouds(sim).server(datacenterId);
  }

  long volumesInCloud() {
    for (var dc : sim.dump().path("datacenters")) {
      if (dc.path("id").asText().equals(datacenterId)) {
        return dc.path("entities").path("volumes").path("items").size();
      }
    }
    return 0;
  }

  @Test
  void aServerWithTwoVolumesAndTwoNicsCostsOnePost() {
    String name = unique("composite");
    PBServer s = newObject(name);
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("boot", 10), volume("data", 20))));
    s.getSpec().setNics(new ArrayList<>(List.of(nic("public", 1), nic("private", 2))));
    apply(s);
    awaitReady(name);
    assertThat(
            sim.calls()
                .count(
                    c ->
                        c.method().equals("POST")
                            && c.path().startsWith("/datacenters/" + datacenterId)))
        .isEqualTo(1);
    PBServerStatus st = get(name).getStatus();
    assertThat(st.getVolumes())
        .extracting(PBServerStatus.Item::getName)
        .containsExactlyInAnyOrder("boot", "data");
    assertThat(st.getNics())
        .extracting(PBServerStatus.Item::getName)
        .containsExactlyInAnyOrder("public", "private");
    assertThat(st.getNics())
        .allMatch(n -> n.getMac() != null && n.getIps() != null && !n.getIps().isEmpty());
    assertThat(st.getBootVolumeId())
        .isEqualTo(
            st.getVolumes().stream()
                .filter(v -> v.getName().equals("boot"))
                .findFirst()
                .orElseThrow()
                .getId());
    assertThat(st.getVmState()).isEqualTo("RUNNING");
    assertThat(st.getCpuFamily()).as("the cloud's choice, in status not spec").isNotBlank();
    assertThat(get(name).getSpec().getCpuFamily()).isNull();
  }

  @Test
  void powerStateStopsAndStartsTheServer() {
    String name = unique("power");
    apply(newObject(name));
    awaitReady(name);
    edit(name, s -> s.getSpec().setPowerState(PBServerSpec.PowerState.Stopped));
    eventually()
        .untilAsserted(() -> assertThat(get(name).getStatus().getVmState()).isEqualTo("SHUTOFF"));
    awaitReady(name);
    assertThat(get(name).getStatus().getState()).isEqualTo("INACTIVE");
    edit(name, s -> s.getSpec().setPowerState(PBServerSpec.PowerState.Running));
    eventually()
        .untilAsserted(() -> assertThat(get(name).getStatus().getVmState()).isEqualTo("RUNNING"));
    awaitReady(name);
    assertThat(sim.calls().count("POST", "/datacenters/{datacenterId}/servers/{serverId}/stop"))
        .isEqualTo(1);
    assertThat(sim.calls().count("POST", "/datacenters/{datacenterId}/servers/{serverId}/start"))
        .isEqualTo(1);
  }

  @Test
  void inlineItemsAreAddedGrownAndRemoved() {
    String name = unique("inline");
    PBServer s = newObject(name);
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("boot", 10))));
    s.getSpec().setNics(new ArrayList<>(List.of(nic("eth0", 1))));
    apply(s);
    awaitReady(name);
    long volumesBefore = volumesInCloud();
    edit(
        name,
        x -> {
          x.getSpec().getVolumes().add(volume("data", 5));
          x.getSpec().getVolumes().get(0).setSize(15);
          x.getSpec().getNics().add(nic("eth1", 3));
        });
    eventually()
        .untilAsserted(
            () -> {
              PBServerStatus st = get(name).getStatus();
              assertThat(st.getVolumes())
                  .extracting(PBServerStatus.Item::getName)
                  .containsExactlyInAnyOrder("boot", "data");
              assertThat(st.getNics())
                  .extracting(PBServerStatus.Item::getName)
                  .containsExactlyInAnyOrder("eth0", "eth1");
            });
    awaitReady(name);
    assertThat(volumesInCloud()).isEqualTo(volumesBefore + 1);
    String boot = get(name).getStatus().getBootVolumeId();
    eventually()
        .untilAsserted(
            () ->
                assertThat(findVolume(boot).path("properties").path("size").asInt()).isEqualTo(15));
    edit(
        name,
        x -> {
          x.getSpec().getVolumes().removeIf(v -> v.getName().equals("data"));
          x.getSpec().getNics().removeIf(n -> n.getName().equals("eth1"));
        });
    eventually()
        .untilAsserted(
            () -> {
              PBServerStatus st = get(name).getStatus();
              assertThat(st.getVolumes())
                  .extracting(PBServerStatus.Item::getName)
                  .containsExactly("boot");
              assertThat(st.getNics())
                  .extracting(PBServerStatus.Item::getName)
                  .containsExactly("eth0");
            });
    awaitReady(name);
    assertThat(volumesInCloud()).isEqualTo(volumesBefore);
  }

  @Test
  void deletingTheServerDeletesItsInlineVolumesToo() {
    String name = unique("gone");
    PBServer s = newObject(name);
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("boot", 10), volume("data", 20))));
    apply(s);
    awaitReady(name);
    long volumes = volumesInCloud();
    kube.resources(PBServer.class).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(volumesInCloud()).isEqualTo(volumes - 2);
  }

  JsonNode findVolume(String id) {
    for (var dc : sim.dump().path("datacenters")) {
      for (var v : dc.path("entities").path("volumes").path("items")) {
        if (v.path("id").asText().equals(id)) {
          return v;
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
