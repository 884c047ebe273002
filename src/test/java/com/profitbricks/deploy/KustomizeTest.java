package com.profitbricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kustomization of the repository builds: the rule that broke `kubectl apply -k deploy/base`
 * (a resource file outside the kustomization's root) checked in Java, and each rendered with
 * kubectl where it is installed. The Deployment runs the image the build makes, with probes on the
 * endpoints the operator serves.
 */
class KustomizeTest {
  static List<Path> kustomizations() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String root : List.of("crds", "deploy")) {
      try (Stream<Path> s = Files.walk(Path.of(root))) {
        s.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
            .filter(p -> !p.toString().contains("helm"))
            .map(Path::getParent)
            .sorted()
            .forEach(out::add);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kustomizations")
  void everyResourceIsAFileInsideTheRootOrAnotherKustomization(Path dir) throws IOException {
    JsonNode k = Manifests.YAML.readTree(dir.resolve("kustomization.yaml").toFile());
    assertThat(k.path("resources").isEmpty()).as(dir + " lists resources").isFalse();
    Path root = dir.toAbsolutePath().normalize();
    for (JsonNode r : k.path("resources")) {
      Path p = root.resolve(r.asText()).normalize();
      if (Files.isDirectory(p)) {
        assertThat(p.resolve("kustomization.yaml"))
            .as(dir + ": " + r.asText() + " is a folder, so it must be a kustomization")
            .exists();
      } else {
        assertThat(p)
            .as(dir + ": " + r.asText() + " is a file, so it must lie inside " + dir)
            .exists()
            .matches(f -> f.startsWith(root), "inside the root");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kustomizations")
  void kubectlRendersIt(Path dir) throws Exception {
    List<JsonNode> objects = kustomize(dir);
    assertThat(objects).as(dir + " renders objects").isNotEmpty();
  }

  static List<Path> installs() throws IOException {
    return kustomizations().stream()
        .filter(
            d ->
                d.startsWith(Path.of("deploy", "base"))
                    || d.startsWith(Path.of("deploy", "overlays")))
        .toList();
  }

  @Test
  void theInstallIsTheOperatorAndItsMetricsServiceWithoutTheCrds() throws Exception {
    List<JsonNode> base = kustomize(Path.of("deploy", "base"));
    assertThat(Manifests.ofKind(base, "CustomResourceDefinition"))
        .as(
            "`kubectl delete -k deploy/base` must never delete a CRD (and every object of its kind)")
        .isEmpty();
    JsonNode service = Manifests.one(base, "Service", "profitbricks-operator-metrics");
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    JsonNode deployment = Manifests.one(base, "Deployment", "profitbricks-operator");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
    assertThat(
            deployment
                .at("/spec/template/spec/topologySpreadConstraints/0/whenUnsatisfiable")
                .asText())
        .isEqualTo("ScheduleAnyway");
    assertKeepsOneOfTwoReplicasThroughADrain(base);
    assertStartsWithoutTheCredentialsSecret(deployment);
  }

  /** The CRDs are applied on their own, and no GitOps tool may ever prune or delete them. */
  @Test
  void theCrdsAreAStepOfTheirOwnThatGitOpsNeverPrunes() throws Exception {
    List<JsonNode> crds = kustomize(Path.of("crds"));
    assertThat(crds)
        .hasSize(6)
        .allMatch(o -> o.path("kind").asText().equals("CustomResourceDefinition"));
    for (JsonNode crd : crds) {
      JsonNode annotations = crd.at("/metadata/annotations");
      assertThat(annotations.path("kustomize.toolkit.fluxcd.io/prune").asText())
          .as(crd.at("/metadata/name").asText())
          .isEqualTo("disabled");
      assertThat(annotations.path("argocd.argoproj.io/sync-options").asText().split(","))
          .as(crd.at("/metadata/name").asText())
          .contains("Prune=false", "Delete=false");
    }
  }

  /** Each replica of the simulator overlay has a cloud of its own in memory: one pod, never two. */
  @Test
  void theSimulatorRunsOnePodReplacedNotRolled() throws Exception {
    List<JsonNode> objects = kustomize(Path.of("deploy", "overlays", "simulator"));
    JsonNode deployment = Manifests.one(objects, "Deployment", "profitbricks-operator");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
    assertThat(deployment.at("/spec/strategy/rollingUpdate").isMissingNode()).isTrue();
    assertThat(Manifests.ofKind(objects, "PodDisruptionBudget")).isEmpty();
    JsonNode pod = deployment.at("/spec/template/spec");
    assertThat(pod.at("/containers/0/env").toString())
        .contains("{\"name\":\"PROFITBRICKS_API_URL\",\"value\":\"embedded\"}");
    assertThat(pod.path("volumes").toString()).doesNotContain("credentials");
  }

  /**
   * Fabric8's LeaseLock renews the Lease with a JSON merge PATCH: without `patch` the first renewal
   * is refused and the leader exits. Every install lets the Deployment's ServiceAccount get,
   * create, update and patch Leases in its namespace, and every Role that grants Leases grants all
   * four.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("installs")
  void everyInstallLetsTheOperatorRenewItsLease(Path dir) throws Exception {
    assertTheOperatorMayHoldItsLease(kustomize(dir));
  }

  static final List<String> LEASE_VERBS = List.of("get", "create", "update", "patch");

  static void assertTheOperatorMayHoldItsLease(List<JsonNode> objects) {
    JsonNode deployment = Manifests.one(objects, "Deployment", null);
    String namespace = deployment.at("/metadata/namespace").asText();
    String account = deployment.at("/spec/template/spec/serviceAccountName").asText();
    JsonNode granted = Manifests.rulesGranted(objects, namespace, account);
    for (String verb : LEASE_VERBS) {
      assertThat(
              Manifests.allows(
                  granted, new Manifests.Use("coordination.k8s.io", "leases", verb, true)))
          .as(verb + " leases in " + namespace + " for " + account)
          .isTrue();
    }
    for (String kind : List.of("Role", "ClusterRole")) {
      for (JsonNode role : Manifests.ofKind(objects, kind)) {
        if (role.path("rules").toString().contains("\"leases\"")) {
          for (String verb : LEASE_VERBS) {
            assertThat(
                    Manifests.allows(
                        role.path("rules"),
                        new Manifests.Use("coordination.k8s.io", "leases", verb, true)))
                .as(
                    kind
                        + " "
                        + role.at("/metadata/name").asText()
                        + " grants leases, so also "
                        + verb)
                .isTrue();
          }
        }
      }
    }
  }

  /**
   * A PodDisruptionBudget over the Deployment's pods that lets a drain take one of two at a time.
   */
  static void assertKeepsOneOfTwoReplicasThroughADrain(List<JsonNode> objects) {
    JsonNode deployment = Manifests.one(objects, "Deployment", null);
    JsonNode pdb = Manifests.one(objects, "PodDisruptionBudget", null);
    assertThat(pdb.at("/metadata/namespace").asText())
        .isEqualTo(deployment.at("/metadata/namespace").asText());
    assertThat(
            Manifests.selects(
                pdb.at("/spec/selector/matchLabels"),
                deployment.at("/spec/template/metadata/labels")))
        .as("the PodDisruptionBudget selects the operator's pods")
        .isTrue();
    int replicas = deployment.at("/spec/replicas").asInt();
    int mayBeDown =
        pdb.at("/spec/maxUnavailable").isInt()
            ? pdb.at("/spec/maxUnavailable").asInt()
            : replicas - pdb.at("/spec/minAvailable").asInt();
    assertThat(mayBeDown).as("pods a drain may take at once").isEqualTo(1);
  }

  /** The credentials Secret may be missing: the pod starts and the objects say what is missing. */
  static void assertStartsWithoutTheCredentialsSecret(JsonNode deployment) {
    JsonNode volumes = deployment.at("/spec/template/spec/volumes");
    JsonNode secret = null;
    for (JsonNode v : volumes) {
      if (v.has("secret")) {
        secret = v.path("secret");
      }
    }
    assertThat(secret).as("the credentials volume").isNotNull();
    assertThat(secret.path("optional").asBoolean())
        .as("the credentials Secret is optional")
        .isTrue();
  }

  @Test
  void theDeploymentRunsTheImageTheBuildMakesWithProbesOnTheOperatorsEndpoints() throws Exception {
    JsonNode container =
        Manifests.one(
                Manifests.read(Path.of("deploy", "base", "deployment.yaml")), "Deployment", null)
            .at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).isEqualTo(Image.reference());
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
  }

  /** The namespaced install: no cluster-wide rights on objects, Secrets or events. */
  @Test
  void theNamespacedInstallKeepsOnlyCrdReadsClusterWide() throws Exception {
    List<JsonNode> objects = kustomize(Path.of("deploy", "overlays", "namespaced"));
    for (JsonNode role : Manifests.ofKind(objects, "ClusterRole")) {
      for (JsonNode rule : role.path("rules")) {
        assertThat(rule.path("resources").toString())
            .as(role.at("/metadata/name").asText())
            .isEqualTo("[\"customresourcedefinitions\"]");
      }
    }
    JsonNode deployment = Manifests.one(objects, "Deployment", null);
    assertThat(deployment.at("/spec/template/spec/containers/0/env").toString())
        .contains("QUARKUS_OPERATOR_SDK_NAMESPACES");
    assertStartsWithoutTheCredentialsSecret(deployment);
  }

  /** kubectl kustomize where kubectl is installed; the files read as they are otherwise. */
  static List<JsonNode> kustomize(Path dir) throws Exception {
    assumeTrue(kubectl(), "kubectl is not installed: kustomizations not rendered");
    Process p =
        new ProcessBuilder("kubectl", "kustomize", dir.toString())
            .redirectErrorStream(false)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl kustomize " + dir + ": " + err).isZero();
    return Manifests.parse(new String(out, StandardCharsets.UTF_8));
  }

  static boolean kubectl() {
    try {
      return new ProcessBuilder("kubectl", "version", "--client").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** The image the build makes, from application.properties and the project version. */
  static final class Image {
    static String reference() throws IOException {
      Properties app = new Properties();
      try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
        app.load(in);
      }
      String pom = Files.readString(Path.of("pom.xml"));
      int at = pom.indexOf("<artifactId>profitbricks-operator</artifactId>");
      int v = pom.indexOf("<version>", at) + "<version>".length();
      String version = pom.substring(v, pom.indexOf("</version>", v));
      return app.getProperty("quarkus.container-image.registry")
          + "/"
          + app.getProperty("quarkus.container-image.group")
          + "/"
          + app.getProperty("quarkus.container-image.name")
          + ":"
          + version;
    }
  }
}
