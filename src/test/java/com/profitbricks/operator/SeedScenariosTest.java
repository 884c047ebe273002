package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.testing.MockServerQuirks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The manifests users are given (samples/ and samples/seed, the Python SDK README's scenarios):
 * applied all at once in reverse order they converge, the seed's update set applies on top, and
 * deleting everything at once leaves the cloud as it was, without a storm of 4xx answers.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@ExtendWith(MockServerQuirks.class)
class SeedScenariosTest {
  static final String NS = "seed";

  @Inject KubernetesClient kube;
  @Inject EmbeddedSimulator embedded;

  List<HasMetadata> load(Path file) throws Exception {
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      return new ArrayList<>(kube.load(in).items());
    }
  }

  /** Applies every manifest of a folder in reverse file order into a namespace. */
  List<HasMetadata> applyAll(Path dir, String ns) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> p.toString().endsWith(".yaml")).sorted(Comparator.reverseOrder()).toList();
    }
    List<HasMetadata> all = new ArrayList<>();
    for (Path f : files) {
      for (HasMetadata r : load(f)) {
        r.getMetadata().setNamespace(ns);
        kube.resource(r).create();
        all.add(r);
      }
    }
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(Kinds.notReady(kube, ns)).isEmpty());
    return all;
  }

  /**
   * Deletes everything at once; the cloud must end as it was, with about one confirming 404 or
   * 'still in use' 422 per object about the namespace's datacenters and IP blocks (no storm).
   */
  void deleteAllLeavingNothing(List<HasMetadata> all, String ns, long before) {
    CloudSimulator sim = embedded.simulator();
    List<String> ids = new ArrayList<>();
    kube.resources(PBDatacenter.class)
        .inNamespace(ns)
        .list()
        .getItems()
        .forEach(d -> ids.add(d.getStatus().getId()));
    kube.resources(PBIPBlock.class)
        .inNamespace(ns)
        .list()
        .getItems()
        .forEach(b -> ids.add(b.getStatus().getId()));
    sim.calls().reset();
    for (HasMetadata r : all) {
      kube.resource(r).inNamespace(ns).delete();
    }
    await().atMost(Duration.ofSeconds(90)).until(() -> Kinds.count(kube, ns) == 0);
    assertThat(sim.resourceCount()).as("the cloud is as before").isEqualTo(before);
    assertThat(
            sim.calls()
                .count(
                    c ->
                        c.status() >= 400
                            && c.status() < 500
                            && ids.stream().anyMatch(id -> c.path().contains(id))))
        .as(
            "about one confirming 404 or 'still in use' 422 per object, no storm: "
                + sim.calls().calls().stream()
                    .filter(c -> c.status() >= 400 && c.status() < 500)
                    .map(c -> c.method() + " " + c.path() + " " + c.status())
                    .toList())
        .isLessThanOrEqualTo(
            2L * all.stream().filter(r -> r.getApiVersion().startsWith("profitbricks")).count());
  }

  @Test
  void theSeedConvergesUpdatesAndLeavesNothingBehind() throws Exception {
    CloudSimulator sim = embedded.simulator();
    long before = sim.resourceCount();
    List<HasMetadata> all = applyAll(Path.of("samples", "seed"), NS);
    sim.calls().reset();
    PBServer wanted;
    try (FileInputStream in =
        new FileInputStream(
            Path.of("samples", "seed", "update", "03-server-with-volumes-and-nics.yaml")
                .toFile())) {
      wanted = kube.getKubernetesSerialization().unmarshal(in, PBServer.class);
    }
    LifecycleSuite.edit(
        kube, PBServer.class, NS, wanted.getMetadata().getName(), s -> s.setSpec(wanted.getSpec()));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              PBServer s = kube.resources(PBServer.class).inNamespace(NS).withName("server1").get();
              assertThat(s.getStatus().getObservedGeneration())
                  .isEqualTo(s.getMetadata().getGeneration());
              assertThat(Kinds.notReady(kube, NS)).isEmpty();
            });
    assertThat(sim.calls().count("PATCH", "/datacenters/{datacenterId}/servers/{serverId}"))
        .isEqualTo(1);
    assertThat(sim.calls().count("PATCH", "/datacenters/{datacenterId}/volumes/{volumeId}"))
        .isEqualTo(1);
    deleteAllLeavingNothing(all, NS, before);
  }

  /**
   * samples/*.yaml, applied at once in reverse order: the server waits for its boot PBVolume and
   * attaches it in its own create, the NIC takes an address of the PBIPBlock.
   */
  @Test
  void theSamplesConvergeAndLeaveNothingBehind() throws Exception {
    String ns = "samples";
    CloudSimulator sim = embedded.simulator();
    long before = sim.resourceCount();
    List<HasMetadata> all = applyAll(Path.of("samples"), ns);
    PBServer server = kube.resources(PBServer.class).inNamespace(ns).withName("demo-web").get();
    PBVolume boot = kube.resources(PBVolume.class).inNamespace(ns).withName("demo-boot").get();
    assertThat(server.getStatus().getBootVolumeId()).isEqualTo(boot.getStatus().getId());
    assertThat(boot.getStatus().getAttachedServerId()).isEqualTo(server.getStatus().getId());
    assertThat(server.getStatus().getNics().get(0).getFirewallRules()).hasSize(2);
    PBNic nic = kube.resources(PBNic.class).inNamespace(ns).withName("demo-web-extra").get();
    PBIPBlock block = kube.resources(PBIPBlock.class).inNamespace(ns).withName("demo-ips").get();
    assertThat(nic.getStatus().getIps()).containsExactly(block.getStatus().getIps().get(0));
    deleteAllLeavingNothing(all, ns, before);
  }
}
