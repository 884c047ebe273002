package com.profitbricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Helm chart, rendered with Helm itself (helm-java) as `helm template` would. */
class HelmChartTest {
  static final Path CHART = Path.of("deploy", "helm", "profitbricks-operator");
  static final String NAMESPACE = "profitbricks-operator";

  /** The release the tests install, and the name the chart gives its objects. */
  static final String RELEASE = "pbo";

  static final String FULLNAME = "pbo-profitbricks-operator";

  static List<JsonNode> render(UnaryOperator<TemplateCommand> values) throws Exception {
    return render(RELEASE, values);
  }

  static List<JsonNode> render(String release, UnaryOperator<TemplateCommand> values)
      throws Exception {
    TemplateCommand t =
        new Helm(CHART)
            .template()
            .withName(release)
            .withNamespace(NAMESPACE)
            .withKubeVersion("1.30.0");
    return Manifests.parse(values.apply(t).call());
  }

  static JsonNode env(List<JsonNode> objects) {
    return Manifests.one(objects, "Deployment", null).at("/spec/template/spec/containers/0/env");
  }

  static String envValue(List<JsonNode> objects, String name) {
    for (JsonNode e : env(objects)) {
      if (name.equals(e.path("name").asText())) {
        return e.path("value").asText();
      }
    }
    throw new AssertionError("no env " + name + " in " + env(objects));
  }

  @Test
  void theChartLintsClean() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void defaultsInstallTheOperatorClusterWideWithTheImageTheBuildMakes() throws Exception {
    List<JsonNode> objects = render(t -> t);
    JsonNode deployment = Manifests.one(objects, "Deployment", FULLNAME);
    JsonNode container = deployment.at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).isEqualTo(KustomizeTest.Image.reference());
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
    assertThat(container.path("env").toString())
        .contains("PROFITBRICKS_API_CREDENTIALS_DIR")
        .doesNotContain("QUARKUS_OPERATOR_SDK_NAMESPACES");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
    assertThat(Manifests.ofKind(objects, "Role"))
        .extracting(r -> r.at("/metadata/name").asText())
        .containsExactly(FULLNAME + "-leader-election");
    JsonNode clusterRole = Manifests.one(objects, "ClusterRole", FULLNAME);
    assertThat(
            Manifests.allows(
                clusterRole.path("rules"),
                new Manifests.Use("profitbricks.com", "pbservers/status", "patch", true)))
        .isTrue();
    assertThat(
            Manifests.one(objects, "Service", FULLNAME + "-metrics")
                .at("/spec/ports/0/name")
                .asText())
        .isEqualTo("http-metrics");
    assertThat(Manifests.ofKind(objects, "ServiceMonitor")).isEmpty();
    KustomizeTest.assertTheOperatorMayHoldItsLease(objects);
    KustomizeTest.assertKeepsOneOfTwoReplicasThroughADrain(objects);
    KustomizeTest.assertStartsWithoutTheCredentialsSecret(deployment);
    assertThat(
            deployment
                .at("/spec/template/spec/topologySpreadConstraints/0/whenUnsatisfiable")
                .asText())
        .isEqualTo("ScheduleAnyway");
  }

  @Test
  void everyObjectCarriesTheStandardLabels() throws Exception {
    for (JsonNode o : render(t -> t)) {
      JsonNode labels = o.at("/metadata/labels");
      String what = o.path("kind").asText() + " " + o.at("/metadata/name").asText();
      assertThat(labels.path("app.kubernetes.io/name").asText())
          .as(what)
          .isEqualTo("profitbricks-operator");
      assertThat(labels.path("app.kubernetes.io/instance").asText()).as(what).isEqualTo(RELEASE);
      assertThat(labels.path("app.kubernetes.io/version").asText())
          .as(what)
          .isEqualTo(KustomizeTest.Image.reference().replaceAll(".*:", ""));
      assertThat(labels.path("app.kubernetes.io/managed-by").asText()).as(what).isEqualTo("Helm");
      assertThat(labels.path("helm.sh/chart").asText())
          .as(what)
          .startsWith("profitbricks-operator-");
    }
  }

  /**
   * Two releases in one namespace: nothing of one is an object of the other, and each elects its
   * leader through a Lease of its own (the Lease name was fixed, so they used to share it).
   */
  @Test
  void twoReleasesInOneNamespaceShareNoObjectAndNoLease() throws Exception {
    List<JsonNode> one = render(RELEASE, t -> t);
    List<JsonNode> two = render("pbo-canary", t -> t);
    assertThat(envValue(one, "PROFITBRICKS_LEADER_ELECTION_LEASE_NAME"))
        .isEqualTo(FULLNAME)
        .isNotEqualTo(envValue(two, "PROFITBRICKS_LEADER_ELECTION_LEASE_NAME"));
    assertThat(Manifests.one(two, "ClusterRole", null).at("/metadata/name").asText())
        .isEqualTo("pbo-canary-profitbricks-operator");
    assertThat(keys(one)).doesNotContainAnyElementsOf(keys(two));
    assertThat(
            Manifests.selects(
                Manifests.one(one, "Deployment", null).at("/spec/selector/matchLabels"),
                Manifests.one(two, "Deployment", null).at("/spec/template/metadata/labels")))
        .as("one release's Deployment does not select the other's pods")
        .isFalse();
  }

  static List<String> keys(List<JsonNode> objects) {
    return objects.stream()
        .map(
            o ->
                o.path("kind").asText()
                    + " "
                    + o.at("/metadata/namespace").asText()
                    + "/"
                    + o.at("/metadata/name").asText())
        .toList();
  }

  @Test
  void aReleaseNamedAfterTheChartKeepsItsNameAndOverridesWin() throws Exception {
    List<JsonNode> plain = render("profitbricks-operator", t -> t);
    assertThat(Manifests.one(plain, "ClusterRole", null).at("/metadata/name").asText())
        .isEqualTo("profitbricks-operator");
    assertThat(envValue(plain, "PROFITBRICKS_LEADER_ELECTION_LEASE_NAME"))
        .isEqualTo("profitbricks-operator");
    List<JsonNode> full = render(t -> t.set("fullnameOverride", "cloud-operator"));
    assertThat(keys(full)).contains("Deployment profitbricks-operator/cloud-operator");
    List<JsonNode> named = render(t -> t.set("nameOverride", "cloud"));
    assertThat(
            Manifests.one(named, "Deployment", "pbo-cloud")
                .at("/metadata/labels/app.kubernetes.io~1name")
                .asText())
        .isEqualTo("cloud");
    String longRelease = "a-release-of-fifty-three-characters-helm-s-own-limit";
    assertThat(render(longRelease, t -> t))
        .allMatch(o -> o.at("/metadata/name").asText().length() <= 63 + "-leader-election".length())
        .allMatch(o -> !o.at("/metadata/name").asText().endsWith("-"));
    List<JsonNode> lease = render(t -> t.set("leaderElection.leaseName", "profitbricks-operator"));
    assertThat(envValue(lease, "PROFITBRICKS_LEADER_ELECTION_LEASE_NAME"))
        .isEqualTo("profitbricks-operator");
  }

  @Test
  void theSchemaRefusesValuesOfTheWrongType() {
    assertThatThrownBy(() -> render(t -> t.set("replicaCount", "two")))
        .hasMessageContaining("replicaCount");
    assertThatThrownBy(() -> render(t -> t.set("image.digest", "latest")))
        .hasMessageContaining("digest");
    assertThatThrownBy(() -> render(t -> t.set("replicas", "2")))
        .as("a misspelt value is refused, not ignored")
        .hasMessageContaining("replicas");
  }

  @Test
  void aDigestPinsTheImageInsteadOfTheTag() throws Exception {
    String digest = "sha256:" + "0123456789abcdef".repeat(4);
    List<JsonNode> objects = render(t -> t.set("image.digest", digest).set("image.tag", "1.0.0"));
    assertThat(
            Manifests.one(objects, "Deployment", null)
                .at("/spec/template/spec/containers/0/image")
                .asText())
        .isEqualTo("ghcr.io/profitbricks/profitbricks-operator@" + digest);
  }

  @Test
  void extraEnvTakesFullEnvVarsWithValueFrom(@TempDir Path dir) throws Exception {
    Path values = dir.resolve("values.yaml");
    Files.writeString(
        values,
        """
        extraEnv:
          - name: PROFITBRICKS_API_CONTRACT_NUMBER
            valueFrom:
              secretKeyRef: {name: profitbricks-contract, key: number}
          - name: PROFITBRICKS_DRIFT_INTERVAL
            value: 10m
        """);
    JsonNode env = env(render(t -> t.withValuesFile(values)));
    assertThat(env.toString())
        .contains(
            "{\"name\":\"PROFITBRICKS_API_CONTRACT_NUMBER\",\"valueFrom\":{\"secretKeyRef\":"
                + "{\"key\":\"number\",\"name\":\"profitbricks-contract\"}}}")
        .contains("{\"name\":\"PROFITBRICKS_DRIFT_INTERVAL\",\"value\":\"10m\"}");
  }

  @Test
  void anExistingServiceAccountIsBoundAndNoneIsCreated() throws Exception {
    List<JsonNode> objects =
        render(t -> t.set("serviceAccount.create", "false").set("serviceAccount.name", "platform"));
    assertThat(Manifests.ofKind(objects, "ServiceAccount")).isEmpty();
    JsonNode deployment = Manifests.one(objects, "Deployment", null);
    assertThat(deployment.at("/spec/template/spec/serviceAccountName").asText())
        .isEqualTo("platform");
    assertThat(Manifests.one(objects, "ClusterRoleBinding", null).at("/subjects/0/name").asText())
        .isEqualTo("platform");
    KustomizeTest.assertTheOperatorMayHoldItsLease(objects);
    List<JsonNode> annotated =
        render(t -> t.set("serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", "arn"));
    assertThat(
            Manifests.one(annotated, "ServiceAccount", FULLNAME)
                .at("/metadata/annotations")
                .toString())
        .isEqualTo("{\"eks.amazonaws.com/role-arn\":\"arn\"}");
  }

  @Test
  void aDisruptionBudgetAndASpreadOnlyWhereMoreThanOneReplicaRuns() throws Exception {
    List<JsonNode> one = render(t -> t.set("replicaCount", "1"));
    assertThat(Manifests.ofKind(one, "PodDisruptionBudget")).isEmpty();
    assertThat(
            Manifests.one(one, "Deployment", null)
                .at("/spec/template/spec/topologySpreadConstraints")
                .isMissingNode())
        .isTrue();
    List<JsonNode> three = render(t -> t.set("replicaCount", "3"));
    assertThat(
            Manifests.one(three, "PodDisruptionBudget", FULLNAME)
                .at("/spec/maxUnavailable")
                .asInt())
        .isEqualTo(1);
    List<JsonNode> min =
        render(t -> t.set("podDisruptionBudget.minAvailable", "2").set("replicaCount", "3"));
    JsonNode pdb = Manifests.one(min, "PodDisruptionBudget", null).path("spec");
    assertThat(pdb.path("minAvailable").asInt()).isEqualTo(2);
    assertThat(pdb.has("maxUnavailable")).isFalse();
  }

  @Test
  void givenTopologySpreadConstraintsReplaceTheDefault(@TempDir Path dir) throws Exception {
    Path values = dir.resolve("values.yaml");
    Files.writeString(
        values,
        """
        topologySpreadConstraints:
          - maxSkew: 1
            topologyKey: topology.kubernetes.io/zone
            whenUnsatisfiable: DoNotSchedule
            labelSelector:
              matchLabels: {app.kubernetes.io/instance: pbo}
        """);
    JsonNode spread =
        Manifests.one(render(t -> t.withValuesFile(values)), "Deployment", null)
            .at("/spec/template/spec/topologySpreadConstraints");
    assertThat(spread.size()).isEqualTo(1);
    assertThat(spread.at("/0/topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
  }

  @Test
  void watchedNamespacesGetRolesAndTheClusterRoleOnlyReadsCrds() throws Exception {
    List<JsonNode> objects =
        render(t -> t.set("watchNamespaces[0]", "team-a").set("watchNamespaces[1]", "team-b"));
    assertThat(Manifests.ofKind(objects, "Role"))
        .extracting(
            r -> r.at("/metadata/namespace").asText() + "/" + r.at("/metadata/name").asText())
        .containsExactlyInAnyOrder(
            "team-a/" + FULLNAME,
            "team-b/" + FULLNAME,
            "profitbricks-operator/" + FULLNAME + "-leader-election");
    assertThat(Manifests.one(objects, "ClusterRole", FULLNAME).path("rules").size()).isEqualTo(1);
    assertThat(Manifests.one(objects, "ClusterRole", FULLNAME).at("/rules/0/resources/0").asText())
        .isEqualTo("customresourcedefinitions");
    assertThat(env(objects).toString())
        .contains("{\"name\":\"QUARKUS_OPERATOR_SDK_NAMESPACES\",\"value\":\"team-a,team-b\"}");
    KustomizeTest.assertTheOperatorMayHoldItsLease(objects);
  }

  /** Each simulator pod has a cloud of its own in memory: one pod, replaced, never rolled. */
  @Test
  void simulatorModeRunsOnePodWithoutCredentialsAndAServiceMonitorIsOptIn() throws Exception {
    List<JsonNode> objects =
        render(
            t ->
                t.set("simulator", "true")
                    .set("metrics.serviceMonitor.enabled", "true")
                    .set("logs.json", "false"));
    JsonNode deployment = Manifests.one(objects, "Deployment", FULLNAME);
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
    assertThat(Manifests.ofKind(objects, "PodDisruptionBudget")).isEmpty();
    JsonNode pod = deployment.at("/spec/template/spec");
    assertThat(pod.at("/containers/0/env").toString())
        .contains("{\"name\":\"PROFITBRICKS_API_URL\",\"value\":\"embedded\"}")
        .contains("{\"name\":\"QUARKUS_LOG_CONSOLE_JSON_ENABLED\",\"value\":\"false\"}")
        .doesNotContain("CREDENTIALS_DIR");
    assertThat(pod.path("volumes").toString()).doesNotContain("credentials");
    assertThat(
            Manifests.one(objects, "ServiceMonitor", FULLNAME)
                .at("/spec/endpoints/0/path")
                .asText())
        .isEqualTo("/q/metrics");
    KustomizeTest.assertTheOperatorMayHoldItsLease(objects);
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
