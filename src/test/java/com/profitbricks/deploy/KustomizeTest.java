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

  @Test
  void theInstallHasTheCrdsTheOperatorAndItsMetricsService() throws Exception {
    List<JsonNode> base = kustomize(Path.of("deploy", "base"));
    assertThat(Manifests.ofKind(base, "CustomResourceDefinition")).hasSize(6);
    JsonNode service = Manifests.one(base, "Service", "profitbricks-operator-metrics");
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    JsonNode deployment = Manifests.one(base, "Deployment", "profitbricks-operator");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
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
    JsonNode env =
        Manifests.one(objects, "Deployment", null).at("/spec/template/spec/containers/0/env");
    assertThat(env.toString()).contains("QUARKUS_OPERATOR_SDK_NAMESPACES");
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
