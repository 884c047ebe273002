package com.profitbricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.MockKubernetes;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.TestConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RBAC shipped in deploy/ and the Helm chart allows every request the operator makes: the
 * operator runs samples/ from apply to delete against a mock API server that records each request,
 * and every (group, resource, verb) it used must be granted.
 */
@ExtendWith(MockServerQuirks.class)
class RbacTest {
  static final String AGENT = "profitbricks-operator-under-rbac-test";
  static final Set<Manifests.Use> used =
      new TreeSet<>(java.util.Comparator.comparing(Manifests.Use::toString));

  @BeforeAll
  static void runSamplesAndRecordWhatTheOperatorAsked() throws Exception {
    try (MockKubernetes api = new MockKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      sim.start();
      KubernetesClient user = api.client();
      try (KubernetesClient own = api.clientAs(AGENT);
          LocalOperator op = new LocalOperator(own, sim.baseUrl(), new TestConfig())) {
        List<HasMetadata> applied = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
          for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
            try (FileInputStream in = new FileInputStream(f.toFile())) {
              for (HasMetadata o : user.load(in).items()) {
                o.getMetadata().setNamespace("default");
                applied.add(user.resource(o).create());
              }
            }
          }
        }
        List<HasMetadata> managed =
            applied.stream().filter(o -> o.getApiVersion().startsWith("profitbricks.com")).toList();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> managed.stream().allMatch(o -> ready(user, o)));
        managed.forEach(o -> user.resource(o).delete());
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> managed.stream().allMatch(o -> user.resource(o).get() == null));
      }
      for (RecordedRequest r : api.takeRequests()) {
        if (AGENT.equals(r.getHeader("User-Agent"))) {
          used.add(use(r.getMethod(), r.getPath()));
        }
      }
    }
  }

  static boolean ready(KubernetesClient kube, HasMetadata o) {
    var got =
        kube.genericKubernetesResources(o.getApiVersion(), o.getKind())
            .inNamespace("default")
            .withName(o.getMetadata().getName())
            .get();
    return got != null
        && String.valueOf(got.getAdditionalProperties().get("status")).contains("reason=Available");
  }

  static final Pattern PATH =
      Pattern.compile(
          "/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/([^/?]+))?/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(\\?.*)?");

  /** The RBAC verb and resource of one API request. */
  static Manifests.Use use(String method, String path) {
    Matcher m = PATH.matcher(path);
    assertThat(m.matches()).as("an API path: " + path).isTrue();
    String group = m.group(1) == null ? "" : m.group(1);
    String resource = m.group(3) + (m.group(5) == null ? "" : "/" + m.group(5));
    boolean named = m.group(4) != null;
    String query = m.group(6) == null ? "" : m.group(6);
    String verb =
        switch (method) {
          case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> method;
        };
    return new Manifests.Use(group, resource, verb, m.group(2) != null);
  }

  /**
   * The run watched all namespaces, so its lists and watches went cluster-wide; an operator given
   * QUARKUS_OPERATOR_SDK_NAMESPACES makes the same ones in each listed namespace. Only its CRDs are
   * read cluster-wide either way.
   */
  static boolean inWatchedNamespaces(Manifests.Use u) {
    return !u.resource().equals("customresourcedefinitions");
  }

  @Test
  void theRunCoveredWhatTheOperatorDoes() {
    assertThat(used.stream().map(Manifests.Use::toString))
        .contains(
            "watch profitbricks.com/pbservers",
            "patch profitbricks.com/pbservers/status",
            "get secrets",
            "create events");
  }

  @Test
  void theClusterWideInstallAllowsEveryRequest() throws Exception {
    JsonNode role =
        Manifests.one(Manifests.read(Path.of("deploy", "base", "rbac.yaml")), "ClusterRole", null);
    assertThat(used).allMatch(u -> Manifests.allows(role.path("rules"), u), "allowed");
  }

  @Test
  void theNamespacedInstallAllowsEveryRequestInAWatchedNamespace() throws Exception {
    Path dir = Path.of("deploy", "overlays", "namespaced");
    JsonNode role =
        Manifests.one(Manifests.read(dir.resolve("watched-namespace.yaml")), "Role", null);
    JsonNode crds =
        Manifests.one(Manifests.read(dir.resolve("crd-reader.yaml")), "ClusterRole", null);
    for (Manifests.Use u : used) {
      assertThat(
              Manifests.allows(inWatchedNamespaces(u) ? role.path("rules") : crds.path("rules"), u))
          .as(u.toString())
          .isTrue();
    }
  }

  @Test
  void theHelmChartAllowsEveryRequestBothWays() throws Exception {
    JsonNode all = Manifests.one(HelmChartTest.render(t -> t), "ClusterRole", "pbo");
    assertThat(used).allMatch(u -> Manifests.allows(all.path("rules"), u), "allowed");
    List<JsonNode> listed = HelmChartTest.render(t -> t.set("watchNamespaces[0]", "team-a"));
    JsonNode role = Manifests.one(listed, "Role", "pbo");
    JsonNode crds = Manifests.one(listed, "ClusterRole", "pbo");
    for (Manifests.Use u : used) {
      assertThat(
              Manifests.allows(inWatchedNamespaces(u) ? role.path("rules") : crds.path("rules"), u))
          .as(u.toString())
          .isTrue();
    }
  }
}
