package com.profitbricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The Helm chart, rendered with Helm itself (helm-java) as `helm template` would. */
class HelmChartTest {
  static final Path CHART = Path.of("deploy", "helm", "profitbricks-operator");

  static List<JsonNode> render(UnaryOperator<TemplateCommand> values) throws Exception {
    TemplateCommand t =
        new Helm(CHART)
            .template()
            .withName("pbo")
            .withNamespace("profitbricks-operator")
            .withKubeVersion("1.30.0");
    return Manifests.parse(values.apply(t).call());
  }

  @Test
  void theChartLintsClean() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void defaultsInstallTheOperatorClusterWideWithTheImageTheBuildMakes() throws Exception {
    List<JsonNode> objects = render(t -> t);
    JsonNode container =
        Manifests.one(objects, "Deployment", "pbo").at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).isEqualTo(KustomizeTest.Image.reference());
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
    assertThat(container.path("env").toString())
        .contains("PROFITBRICKS_API_CREDENTIALS_DIR")
        .doesNotContain("QUARKUS_OPERATOR_SDK_NAMESPACES");
    assertThat(Manifests.one(objects, "Deployment", "pbo").at("/spec/replicas").asInt())
        .isEqualTo(2);
    assertThat(Manifests.ofKind(objects, "Role"))
        .extracting(r -> r.at("/metadata/name").asText())
        .containsExactly("pbo-leader-election");
    JsonNode clusterRole = Manifests.one(objects, "ClusterRole", "pbo");
    assertThat(
            Manifests.allows(
                clusterRole.path("rules"),
                new Manifests.Use("profitbricks.com", "pbservers/status", "patch", true)))
        .isTrue();
    assertThat(Manifests.one(objects, "Service", "pbo-metrics").at("/spec/ports/0/name").asText())
        .isEqualTo("http-metrics");
    assertThat(Manifests.ofKind(objects, "ServiceMonitor")).isEmpty();
  }

  @Test
  void watchedNamespacesGetRolesAndTheClusterRoleOnlyReadsCrds() throws Exception {
    List<JsonNode> objects =
        render(t -> t.set("watchNamespaces[0]", "team-a").set("watchNamespaces[1]", "team-b"));
    assertThat(Manifests.ofKind(objects, "Role"))
        .extracting(
            r -> r.at("/metadata/namespace").asText() + "/" + r.at("/metadata/name").asText())
        .containsExactlyInAnyOrder(
            "team-a/pbo", "team-b/pbo", "profitbricks-operator/pbo-leader-election");
    assertThat(Manifests.one(objects, "ClusterRole", "pbo").path("rules").size()).isEqualTo(1);
    assertThat(Manifests.one(objects, "ClusterRole", "pbo").at("/rules/0/resources/0").asText())
        .isEqualTo("customresourcedefinitions");
    assertThat(
            Manifests.one(objects, "Deployment", "pbo")
                .at("/spec/template/spec/containers/0/env")
                .toString())
        .contains("{\"name\":\"QUARKUS_OPERATOR_SDK_NAMESPACES\",\"value\":\"team-a,team-b\"}");
  }

  @Test
  void simulatorModeNeedsNoCredentialsAndAServiceMonitorIsOptIn() throws Exception {
    List<JsonNode> objects =
        render(
            t ->
                t.set("simulator", "true")
                    .set("metrics.serviceMonitor.enabled", "true")
                    .set("logs.json", "false"));
    JsonNode pod = Manifests.one(objects, "Deployment", "pbo").at("/spec/template/spec");
    assertThat(pod.at("/containers/0/env").toString())
        .contains("{\"name\":\"PROFITBRICKS_API_URL\",\"value\":\"embedded\"}")
        .contains("{\"name\":\"QUARKUS_LOG_CONSOLE_JSON_ENABLED\",\"value\":\"false\"}")
        .doesNotContain("CREDENTIALS_DIR");
    assertThat(pod.path("volumes").toString()).doesNotContain("credentials");
    assertThat(
            Manifests.one(objects, "ServiceMonitor", "pbo").at("/spec/endpoints/0/path").asText())
        .isEqualTo("/q/metrics");
  }

  @Test
  void theChartCarriesTheCrdsOfCrdsAndTheProjectVersion() throws Exception {
    for (String plural :
        List.of("pbdatacenters", "pblans", "pbipblocks", "pbvolumes", "pbservers", "pbnics")) {
      String file = plural + ".profitbricks.com-v1.yml";
      assertThat(Files.readString(CHART.resolve("crds").resolve(file)))
          .as("the chart's crds/ is stale: copy crds/" + file + " to " + CHART + "/crds/")
          .isEqualTo(Files.readString(Path.of("crds", file)));
    }
    JsonNode chart = Manifests.YAML.readTree(CHART.resolve("Chart.yaml").toFile());
    assertThat(KustomizeTest.Image.reference()).endsWith(":" + chart.path("appVersion").asText());
  }
}
