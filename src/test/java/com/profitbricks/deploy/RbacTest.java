package com.profitbricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import com.profitbricks.testing.strict.Refusal;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RBAC of each install (deploy/base, the namespaced overlay, the Helm chart cluster-wide and
 * for one namespace) lets the operator do its work on an API server that enforces it: the operator
 * runs as the install's ServiceAccount against {@link StrictKubernetes} holding exactly the
 * install's Roles and bindings, with leader election and the CRD check on as in production, and
 * samples/ goes from apply to Ready to deleted without a single 403. Taking {@code patch} on leases
 * away from the leader-election Role shows the lease can no longer be renewed.
 */
@ExtendWith(MockServerQuirks.class)
class RbacTest {
  /**
   * The Lease the operator's jar elects its leader on (profitbricks.leader-election.lease-name).
   */
  static final String LEASE = "profitbricks-operator";

  /** The release namespace of the Helm chart, as HelmChartTest renders it. */
  static final String RELEASE_NAMESPACE = "profitbricks-operator";

  /** An install: its rendered objects, and the one namespace it watches (null: all). */
  record Install(String name, List<JsonNode> objects, String watched) {
    @Override
    public String toString() {
      return name;
    }

    /** Its ServiceAccount, looked up by kind (names differ between the installs). */
    String subject() {
      JsonNode sa = Manifests.ofKind(objects, "ServiceAccount").get(0);
      return "system:serviceaccount:"
          + sa.at("/metadata/namespace").asText(RELEASE_NAMESPACE)
          + ":"
          + sa.at("/metadata/name").asText();
    }

    String leaseNamespace() {
      return subject().split(":")[2];
    }

    /** Where the samples go: the watched namespace, or default. */
    String samplesNamespace() {
      return watched == null ? "default" : watched;
    }
  }

  static Stream<Install> installs() throws Exception {
    return Stream.of(
        new Install("deploy/base", kustomize(Path.of("deploy", "base")), null),
        new Install(
            "deploy/overlays/namespaced",
            kustomize(Path.of("deploy", "overlays", "namespaced")),
            "team-a"),
        new Install("helm chart, all namespaces", HelmChartTest.render(t -> t), null),
        new Install(
            "helm chart, watchNamespaces=[team-a]",
            HelmChartTest.render(t -> t.set("watchNamespaces[0]", "team-a")),
            "team-a"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("installs")
  void samplesGoFromApplyToReadyToDeletedWithoutARefusal(Install install) throws Exception {
    Leadership leadership = new Leadership();
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      sim.start();
      api.apply(install.objects(), RELEASE_NAMESPACE);
      api.ensureNamespace(install.samplesNamespace());
      KubernetesClient user = api.client();
      LocalOperator.Options options =
          LocalOperator.Options.defaults()
              .leaderElection(
                  LEASE, install.leaseNamespace(), Duration.ofSeconds(6), leadership.callbacks())
              .checkingCrds();
      if (install.watched() != null) {
        options = options.watching(install.watched());
      }
      try (KubernetesClient own = api.clientFor(install.subject());
          LocalOperator op = new LocalOperator(own, sim.baseUrl(), new TestConfig(), options)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> leadership.started.get() == 1);
        ZonedDateTime firstRenewal = lease(user, install).getSpec().getRenewTime();
        List<HasMetadata> managed = applySamples(user, install.samplesNamespace());
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> managed.stream().allMatch(o -> ready(user, o)));
        managed.forEach(o -> user.resource(o).delete());
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> managed.stream().allMatch(o -> user.resource(o).get() == null));
        await()
            .atMost(Duration.ofSeconds(10))
            .alias("the leader renews its lease while it works")
            .until(() -> lease(user, install).getSpec().getRenewTime().isAfter(firstRenewal));
        // (stopping the operator below ends its leadership: that is not a loss)
        assertThat(leadership.stopped.get()).as("the leader never lost its lease").isZero();
      }
      List<Refusal> refused = api.refusals(install.subject(), 403);
      assertThat(refused).as("403s of the operator").isEmpty();
      assertThat(api.refusals(install.subject(), 422)).as("422s of the operator").isEmpty();
      assertThat(api.warnings()).as("fields the CRDs do not know, dropped").isEmpty();
    }
  }

  @Test
  void withoutPatchOnLeasesTheLeaderCannotRenewItsLease() throws Exception {
    Install base = new Install("deploy/base", kustomize(Path.of("deploy", "base")), null);
    int removed = 0;
    for (JsonNode role : Manifests.ofKind(base.objects(), "Role")) {
      for (JsonNode rule : role.path("rules")) {
        if (rule.path("resources").toString().contains("\"leases\"")) {
          ArrayNode verbs = (ArrayNode) rule.path("verbs");
          for (int i = verbs.size() - 1; i >= 0; i--) {
            if (verbs.get(i).asText().equals("patch")) {
              verbs.remove(i);
              removed++;
            }
          }
        }
      }
    }
    assertThat(removed).as("the lease Role of deploy/base grants patch").isEqualTo(1);
    Leadership leadership = new Leadership();
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      sim.start();
      api.apply(base.objects(), RELEASE_NAMESPACE);
      LocalOperator.Options options =
          LocalOperator.Options.defaults()
              .leaderElection(
                  LEASE, base.leaseNamespace(), Duration.ofSeconds(3), leadership.callbacks())
              .checkingCrds();
      try (KubernetesClient own = api.clientFor(base.subject());
          LocalOperator op = new LocalOperator(own, sim.baseUrl(), new TestConfig(), options)) {
        // the operator SDK checks get, create and update at start, so it starts and leads...
        await().atMost(Duration.ofSeconds(20)).until(() -> leadership.started.get() == 1);
        // ...but every renewal (a JSON merge patch of the Lease) is refused, and it steps down
        await().atMost(Duration.ofSeconds(20)).until(() -> leadership.stopped.get() == 1);
      }
      assertThat(api.refusals(base.subject(), 403))
          .extracting(Refusal::what)
          .contains("patch coordination.k8s.io/leases");
      assertThat(api.refusals(base.subject(), 403))
          .allSatisfy(r -> assertThat(r.message()).contains("cannot patch resource \"leases\""));
    }
  }

  /** What the leader-election callbacks heard. */
  static final class Leadership {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger stopped = new AtomicInteger();

    LeaderCallbacks callbacks() {
      return new LeaderCallbacks(started::incrementAndGet, stopped::incrementAndGet, id -> {});
    }
  }

  static Lease lease(KubernetesClient kube, Install install) {
    return kube.leases().inNamespace(install.leaseNamespace()).withName(LEASE).get();
  }

  /** samples/*.yaml created by the user in a namespace; the operator's kinds among them. */
  static List<HasMetadata> applySamples(KubernetesClient user, String namespace) throws Exception {
    List<HasMetadata> managed = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("samples"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        try (FileInputStream in = new FileInputStream(f.toFile())) {
          for (HasMetadata o : user.load(in).items()) {
            o.getMetadata().setNamespace(namespace);
            HasMetadata made = user.resource(o).create();
            if (made.getApiVersion().startsWith("profitbricks.com")) {
              managed.add(made);
            }
          }
        }
      }
    }
    return managed;
  }

  static boolean ready(KubernetesClient kube, HasMetadata o) {
    GenericKubernetesResource got =
        kube.genericKubernetesResources(o.getApiVersion(), o.getKind())
            .inNamespace(o.getMetadata().getNamespace())
            .withName(o.getMetadata().getName())
            .get();
    return got != null
        && String.valueOf(got.getAdditionalProperties().get("status")).contains("reason=Available");
  }

  /**
   * {@code kubectl kustomize dir} where kubectl is installed; otherwise the kustomization's
   * resources read as files (recursively), less what its {@code $patch: delete} patches remove.
   */
  static List<JsonNode> kustomize(Path dir) throws Exception {
    if (KustomizeTest.kubectl()) {
      Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("kubectl kustomize " + dir + ": " + err).isZero();
      return Manifests.parse(new String(out, StandardCharsets.UTF_8));
    }
    JsonNode k = Manifests.YAML.readTree(dir.resolve("kustomization.yaml").toFile());
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : k.path("resources")) {
      Path p = dir.resolve(r.asText()).normalize();
      out.addAll(Files.isDirectory(p) ? kustomize(p) : Manifests.read(p));
    }
    for (JsonNode patch : k.path("patches")) {
      JsonNode doc = Manifests.YAML.readTree(patch.path("patch").asText("{}"));
      if (doc.isObject() && "delete".equals(doc.path("$patch").asText())) {
        out.removeIf(
            o ->
                o.path("kind").equals(doc.path("kind"))
                    && o.at("/metadata/name").equals(doc.at("/metadata/name")));
      }
    }
    return out;
  }
}
