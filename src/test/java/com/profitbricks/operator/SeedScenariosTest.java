package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.simulator.CloudSimulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
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

/**
 * The Python SDK README's scenarios as manifests (samples/seed): applied all at once in reverse
 * order they converge, the update set applies on top, and deleting everything at once leaves the
 * cloud as it was, without a storm of 4xx answers.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SeedScenariosTest {
  static final String NS = "seed";
  static final List<Class<? extends CustomResource<?, ?>>> KINDS =
      List.of(
          PBDatacenter.class,
          PBLan.class,
          PBIPBlock.class,
          PBVolume.class,
          PBServer.class,
          PBNic.class);

  @Inject KubernetesClient kube;
  @Inject EmbeddedSimulator embedded;

  List<HasMetadata> load(Path file) throws Exception {
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      return new ArrayList<>(kube.load(in).items());
    }
  }

  @Test
  void theSeedConvergesUpdatesAndLeavesNothingBehind() throws Exception {
    CloudSimulator sim = embedded.simulator();
    long before = sim.resourceCount();
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("samples", "seed"))) {
      files =
          s.filter(p -> p.toString().endsWith(".yaml")).sorted(Comparator.reverseOrder()).toList();
    }
    List<HasMetadata> all = new ArrayList<>();
    for (Path f : files) {
      for (HasMetadata r : load(f)) {
        r.getMetadata().setNamespace(NS);
        kube.resource(r).create();
        all.add(r);
      }
    }
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(notReady()).isEmpty());
    sim.calls().reset();
    PBServer wanted;
    try (FileInputStream in =
        new FileInputStream(
            Path.of("samples", "seed", "update", "03-server-with-volumes-and-nics.yaml")
                .toFile())) {
      wanted = kube.getKubernetesSerialization().unmarshal(in, PBServer.class);
    }
    kube.resources(PBServer.class)
        .inNamespace(NS)
        .withName(wanted.getMetadata().getName())
        .edit(
            s -> {
              s.setSpec(wanted.getSpec());
              return s;
            });
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              PBServer s = kube.resources(PBServer.class).inNamespace(NS).withName("server1").get();
              assertThat(s.getStatus().getObservedGeneration())
                  .isEqualTo(s.getMetadata().getGeneration());
              assertThat(notReady()).isEmpty();
            });
    assertThat(sim.calls().count("PATCH", "/datacenters/{datacenterId}/servers/{serverId}"))
        .isEqualTo(1);
    assertThat(sim.calls().count("PATCH", "/datacenters/{datacenterId}/volumes/{volumeId}"))
        .isEqualTo(1);
    List<String> seedIds = new ArrayList<>();
    kube.resources(PBDatacenter.class)
        .inNamespace(NS)
        .list()
        .getItems()
        .forEach(d -> seedIds.add(d.getStatus().getId()));
    kube.resources(PBIPBlock.class)
        .inNamespace(NS)
        .list()
        .getItems()
        .forEach(b -> seedIds.add(b.getStatus().getId()));
    sim.calls().reset();
    for (HasMetadata r : all) {
      kube.resource(r).inNamespace(NS).delete();
    }
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                KINDS.stream()
                    .allMatch(k -> kube.resources(k).inNamespace(NS).list().getItems().isEmpty()));
    assertThat(sim.resourceCount()).as("the cloud is as before the seed").isEqualTo(before);
    assertThat(
            sim.calls()
                .count(
                    c ->
                        c.status() >= 400
                            && c.status() < 500
                            && seedIds.stream().anyMatch(id -> c.path().contains(id))))
        .as("about one confirming 404 or 'still in use' 422 per object, no storm")
        .isLessThanOrEqualTo(
            2L * all.stream().filter(r -> r.getApiVersion().startsWith("profitbricks")).count());
  }

  private List<String> notReady() {
    List<String> out = new ArrayList<>();
    for (Class<? extends CustomResource<?, ?>> k : KINDS) {
      for (CustomResource<?, ?> r : kube.resources(k).inNamespace(NS).list().getItems()) {
        CommonStatus st = (CommonStatus) r.getStatus();
        boolean ready =
            st != null
                && st.condition("Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
        if (!ready) {
          out.add(
              r.getKind()
                  + "/"
                  + r.getMetadata().getName()
                  + ": "
                  + (st == null
                      ? "no status"
                      : st.condition("Ready")
                          .map(c -> c.getReason() + " " + c.getMessage())
                          .orElse("")));
        }
      }
    }
    return out;
  }
}
