package com.profitbricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitOps examples build the way Flux and Argo CD build them, and what they build can be
 * applied: every path they name exists, every namespaced object gets a namespace, and no object
 * (group, kind, namespace, name) comes twice, in one unit or in two.
 *
 * <p>Flux (kustomize-controller) builds a Kustomization's path with kustomize when the folder has a
 * kustomization.yaml; otherwise it generates one listing every YAML file below the folder,
 * recursively (a sub-folder with a kustomization.yaml is taken whole), then sets targetNamespace on
 * every namespaced object (and as the name of every Namespace). Argo CD runs kustomize on a folder
 * with a kustomization.yaml, `helm template` on a chart, and otherwise takes the YAML files of the
 * folder itself (sub-folders only with directory.recurse); objects without a namespace go to the
 * destination namespace.
 */
class GitOpsExamplesTest {
  static final Path FLUX = Path.of("deploy", "examples", "flux");
  static final Path ARGO = Path.of("deploy", "examples", "argocd");
  static final Path INFRASTRUCTURE = Path.of("deploy", "examples", "infrastructure");

  /** Built-in kinds that are not namespaced (and that these examples could contain). */
  static final Set<String> BUILT_IN_CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleBinding",
          "PriorityClass",
          "StorageClass",
          "PersistentVolume",
          "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration",
          "APIService");

  /** What one unit (a Flux Kustomization, an Argo CD Application) applies. */
  record Unit(JsonNode spec, List<JsonNode> objects) {
    String name() {
      return spec.at("/metadata/name").asText();
    }

    boolean applies(String kind) {
      return objects.stream().anyMatch(o -> kind.equals(o.path("kind").asText()));
    }

    boolean appliesGroup(String group) {
      return objects.stream().anyMatch(o -> group(o).equals(group));
    }
  }

  @Test
  void fluxBuildsEveryKustomizationIntoObjectsItCanApply() throws Exception {
    Map<String, Unit> units = flux();
    assertThat(units)
        .containsKeys("profitbricks-crds", "profitbricks-operator", "profitbricks-infrastructure");
    List<JsonNode> all = new ArrayList<>(KustomizeTest.kustomize(FLUX));
    for (Unit u : units.values()) {
      JsonNode spec = u.spec().path("spec");
      for (JsonNode d : spec.path("dependsOn")) {
        assertThat(units).as(u.name() + " dependsOn").containsKey(d.path("name").asText());
      }
      for (JsonNode h : spec.path("healthChecks")) {
        assertThat(u.objects())
            .as(u.name() + " checks the health of an object it applies: " + h)
            .anyMatch(
                o ->
                    o.path("kind").asText().equals(h.path("kind").asText())
                        && o.at("/metadata/name").asText().equals(h.path("name").asText())
                        && o.at("/metadata/namespace")
                            .asText()
                            .equals(h.path("namespace").asText()));
      }
      all.addAll(u.objects());
    }
    assertApplicable(all);
  }

  /**
   * Flux never deletes the CRDs; deleting the infrastructure waits for the operator to delete the
   * cloud resources; the infrastructure waits for a healthy operator, the operator for the CRDs.
   */
  @Test
  void fluxKeepsTheCrdsAndWaitsForTheCloudOnDeletion() throws Exception {
    Map<String, Unit> units = flux();
    Unit crds = only(units.values(), u -> u.applies("CustomResourceDefinition"), "CRDs");
    Unit operator = only(units.values(), u -> u.applies("Deployment"), "the operator");
    Unit infrastructure =
        only(units.values(), u -> u.appliesGroup("profitbricks.com"), "the infrastructure");
    assertThat(crds.spec().at("/spec/prune").asBoolean()).isFalse();
    assertThat(crds.spec().at("/spec/deletionPolicy").asText()).isEqualTo("Orphan");
    assertThat(dependsOn(operator)).contains(crds.name());
    assertThat(dependsOn(infrastructure)).contains(operator.name());
    assertThat(operator.applies("CustomResourceDefinition")).isFalse();
    assertThat(infrastructure.spec().at("/spec/wait").asBoolean()).isTrue();
    assertThat(infrastructure.spec().at("/spec/deletionPolicy").asText())
        .isEqualTo("WaitForTermination");
  }

  @Test
  void argoCdBuildsEveryApplicationIntoObjectsItCanApply(@TempDir Path tmp) throws Exception {
    Map<String, Unit> units = argo(tmp);
    assertThat(units)
        .containsKeys(
            "profitbricks",
            "profitbricks-crds",
            "profitbricks-operator",
            "profitbricks-infrastructure");
    List<JsonNode> all = new ArrayList<>(KustomizeTest.kustomize(ARGO));
    units.values().forEach(u -> all.addAll(u.objects()));
    assertApplicable(all);
  }

  /**
   * The Applications sync in waves the parent waits for: CRDs, then the operator, then the
   * infrastructure; the CRDs are never pruned nor deleted with their Application; the
   * infrastructure syncs before its CRDs are known to a dry run, and deleting it deletes its
   * objects (and waits for their finalizers).
   */
  @Test
  void argoCdSyncsTheApplicationsInWavesAndKeepsTheCrds(@TempDir Path tmp) throws Exception {
    Map<String, Unit> units = argo(tmp);
    Unit root = only(units.values(), u -> u.applies("Application"), "the app of apps");
    Unit crds = only(units.values(), u -> u.applies("CustomResourceDefinition"), "CRDs");
    Unit operator = only(units.values(), u -> u.applies("Deployment"), "the operator");
    Unit infrastructure =
        only(units.values(), u -> u.appliesGroup("profitbricks.com"), "the infrastructure");
    for (Unit child : List.of(crds, operator, infrastructure)) {
      assertThat(root.objects())
          .as(root.name() + " holds " + child.name())
          .anyMatch(o -> o.at("/metadata/name").asText().equals(child.name()));
    }
    assertThat(wave(crds)).isLessThan(wave(operator));
    assertThat(wave(operator)).isLessThan(wave(infrastructure));
    JsonNode health =
        Manifests.YAML.readTree(ARGO.resolve("argocd-cm-application-health.yaml").toFile());
    assertThat(
            health
                .at("/data")
                .path("resource.customizations.health.argoproj.io_Application")
                .asText())
        .as("without the Application health check the waves do not wait")
        .contains("obj.status.health");

    assertThat(crds.spec().at("/spec/syncPolicy/automated/prune").asBoolean()).isFalse();
    assertThat(crds.spec().at("/spec/syncPolicy/syncOptions").toString())
        .contains("ServerSideApply=true");
    assertThat(crds.spec().at("/metadata/finalizers").isEmpty()).isTrue();
    for (JsonNode crd : crds.objects()) {
      assertThat(crd.at("/metadata/annotations").path("argocd.argoproj.io/sync-options").asText())
          .contains("Prune=false")
          .contains("Delete=false");
    }
    assertThat(infrastructure.spec().at("/spec/syncPolicy/syncOptions").toString())
        .contains("SkipDryRunOnMissingResource=true");
    assertThat(infrastructure.spec().at("/metadata/finalizers").toString())
        .contains("resources-finalizer.argocd.argoproj.io");
    assertThat(root.spec().at("/metadata/finalizers").isEmpty())
        .as("deleting the parent leaves the children, to be uninstalled in order")
        .isTrue();
  }

  /** The examples' manifests are the samples the tests run, not a copy that drifts. */
  @Test
  void theExamplesManifestsAreTheSamples() throws Exception {
    JsonNode k = Manifests.YAML.readTree(INFRASTRUCTURE.resolve("kustomization.yaml").toFile());
    int samples = 0;
    for (JsonNode r : k.path("resources")) {
      Path sample = Path.of("samples", r.asText());
      if (Files.exists(sample)) {
        samples++;
        assertThat(Files.readString(INFRASTRUCTURE.resolve(r.asText())))
            .as(INFRASTRUCTURE.resolve(r.asText()) + " is stale: copy " + sample + " to it")
            .isEqualTo(Files.readString(sample));
      }
    }
    assertThat(samples).isEqualTo(6);
  }

  /**
   * The CRDs are their own step, server-side (client-side apply cannot store their
   * last-applied-configuration, and `kubectl apply -f crds/` reads crds/kustomization.yaml as an
   * object).
   */
  @Test
  void everyCrdStepIsServerSideAndWithKustomize() throws Exception {
    List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> s = Files.walk(Path.of("deploy"))) {
      s.filter(Files::isRegularFile)
          .filter(p -> p.toString().matches(".*\\.(ya?ml|md|txt|tpl)$"))
          .forEach(docs::add);
    }
    List<String> clientSide = new ArrayList<>();
    for (Path doc : docs) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).matches(".*kubectl apply -[fk] \\.?/?crds.*")) {
          clientSide.add(doc + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertThat(clientSide)
        .as("CRD steps that are not kubectl apply --server-side -k crds/")
        .isEmpty();
    assertThat(Files.readString(Path.of("README.md")))
        .contains("kubectl apply --server-side -k crds/");
  }

  // --- building the examples as the tools do

  static Map<String, Unit> flux() throws Exception {
    Map<String, Unit> units = new LinkedHashMap<>();
    List<JsonNode> bootstrap = KustomizeTest.kustomize(FLUX);
    List<String> sources =
        Manifests.ofKind(bootstrap, "GitRepository").stream()
            .map(g -> g.at("/metadata/name").asText())
            .toList();
    for (JsonNode k : Manifests.ofKind(bootstrap, "Kustomization")) {
      String name = k.at("/metadata/name").asText();
      assertThat(k.at("/spec/sourceRef/name").asText()).as(name + " source").isIn(sources);
      Path dir = Path.of(k.at("/spec/path").asText()).normalize();
      assertThat(dir).as(name + ": path").isDirectory();
      List<JsonNode> objects = fluxBuild(dir);
      String target = k.at("/spec/targetNamespace").asText();
      if (!target.isEmpty()) {
        for (JsonNode o : objects) {
          if (o.path("kind").asText().equals("Namespace")) {
            ((ObjectNode) o.path("metadata")).put("name", target);
          } else if (namespaced(o)) {
            ((ObjectNode) o.path("metadata")).put("namespace", target);
          }
        }
      }
      assertThat(units.put(name, new Unit(k, objects))).as("one Kustomization " + name).isNull();
    }
    return units;
  }

  static List<JsonNode> fluxBuild(Path dir) throws Exception {
    if (Files.exists(dir.resolve("kustomization.yaml"))) {
      return KustomizeTest.kustomize(dir);
    }
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.sorted().toList()) {
        if (Files.isDirectory(p)) {
          out.addAll(fluxBuild(p));
        } else if (p.toString().matches(".*\\.ya?ml$")) {
          out.addAll(Manifests.read(p));
        }
      }
    }
    return out;
  }

  /** The app of apps of deploy/examples/argocd and every Application it brings, built. */
  static Map<String, Unit> argo(Path tmp) throws Exception {
    Map<String, Unit> units = new LinkedHashMap<>();
    List<JsonNode> pending =
        new ArrayList<>(Manifests.ofKind(KustomizeTest.kustomize(ARGO), "Application"));
    while (!pending.isEmpty()) {
      JsonNode app = pending.remove(0);
      String name = app.at("/metadata/name").asText();
      List<JsonNode> objects = argoBuild(app, tmp);
      String destination = app.at("/spec/destination/namespace").asText();
      for (JsonNode o : objects) {
        if (namespaced(o)
            && o.at("/metadata/namespace").asText().isEmpty()
            && !destination.isEmpty()) {
          ((ObjectNode) o.path("metadata")).put("namespace", destination);
        }
      }
      assertThat(units.put(name, new Unit(app, objects))).as("one Application " + name).isNull();
      pending.addAll(Manifests.ofKind(objects, "Application"));
    }
    return units;
  }

  static List<JsonNode> argoBuild(JsonNode app, Path tmp) throws Exception {
    String name = app.at("/metadata/name").asText();
    JsonNode source = app.at("/spec/source");
    Path dir = Path.of(source.path("path").asText()).normalize();
    assertThat(dir).as(name + ": source.path").isDirectory();
    if (Files.exists(dir.resolve("Chart.yaml"))) {
      JsonNode helm = source.path("helm");
      Path values = tmp.resolve(name + "-values.yaml");
      Files.writeString(values, Manifests.YAML.writeValueAsString(helm.path("valuesObject")));
      TemplateCommand t =
          new Helm(dir)
              .template()
              .withName(helm.path("releaseName").asText(name))
              .withNamespace(app.at("/spec/destination/namespace").asText())
              .withKubeVersion("1.30.0");
      if (helm.has("valuesObject")) {
        t = t.withValuesFile(values);
      }
      List<JsonNode> objects = new ArrayList<>(Manifests.parse(t.call()));
      if (!helm.path("skipCrds").asBoolean() && Files.isDirectory(dir.resolve("crds"))) {
        try (Stream<Path> crds = Files.list(dir.resolve("crds"))) {
          for (Path crd : crds.sorted().toList()) {
            objects.addAll(Manifests.read(crd));
          }
        }
      }
      return objects;
    }
    if (Files.exists(dir.resolve("kustomization.yaml"))) {
      return KustomizeTest.kustomize(dir);
    }
    boolean recurse = source.at("/directory/recurse").asBoolean();
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = recurse ? Files.walk(dir) : Files.list(dir)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        if (p.toString().matches(".*\\.(ya?ml|json)$")) {
          out.addAll(Manifests.read(p));
        }
      }
    }
    return out;
  }

  // --- what "can be applied" means

  static void assertApplicable(List<JsonNode> objects) throws IOException {
    Map<String, Integer> seen = new HashMap<>();
    for (JsonNode o : objects) {
      String key = key(o);
      if (namespaced(o)) {
        assertThat(o.at("/metadata/namespace").asText()).as(key + " has a namespace").isNotEmpty();
      }
      seen.merge(key, 1, Integer::sum);
    }
    assertThat(seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
        .as("objects applied twice (by one unit, or by two that fight over them)")
        .isEmpty();
  }

  static String key(JsonNode o) {
    return group(o)
        + "/"
        + o.path("kind").asText()
        + " "
        + o.at("/metadata/namespace").asText()
        + "/"
        + o.at("/metadata/name").asText();
  }

  static String group(JsonNode o) {
    String apiVersion = o.path("apiVersion").asText();
    return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
  }

  /** Built-in kinds by the list above, the operator's by the scope their CRDs declare. */
  static boolean namespaced(JsonNode o) throws IOException {
    String kind = o.path("kind").asText();
    if (BUILT_IN_CLUSTER_SCOPED.contains(kind)) {
      return false;
    }
    if (group(o).equals("profitbricks.com")) {
      for (JsonNode crd : crds()) {
        if (crd.at("/spec/names/kind").asText().equals(kind)) {
          return crd.at("/spec/scope").asText().equals("Namespaced");
        }
      }
      throw new AssertionError("no CRD in crds/ for " + kind);
    }
    return true;
  }

  private static List<JsonNode> crds;

  static synchronized List<JsonNode> crds() throws IOException {
    if (crds == null) {
      try (Stream<Path> files = Files.list(Path.of("crds"))) {
        crds =
            Manifests.read(
                files.filter(p -> p.toString().endsWith(".yml")).sorted().toArray(Path[]::new));
      }
    }
    return crds;
  }

  static List<String> dependsOn(Unit u) {
    List<String> names = new ArrayList<>();
    u.spec().at("/spec/dependsOn").forEach(d -> names.add(d.path("name").asText()));
    return names;
  }

  static int wave(Unit u) {
    return Integer.parseInt(
        u.spec().at("/metadata/annotations").path("argocd.argoproj.io/sync-wave").asText("0"));
  }

  static Unit only(
      java.util.Collection<Unit> units, java.util.function.Predicate<Unit> test, String what) {
    List<Unit> found = units.stream().filter(test).toList();
    assertThat(found).as("exactly one unit applies " + what).hasSize(1);
    return found.get(0);
  }
}
