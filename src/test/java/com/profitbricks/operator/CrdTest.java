package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs in {@code crds/}: in sync with what the build generates, documented, and their CEL rules
 * evaluated with a CEL library on old/new pairs, as an API server would (none runs here).
 */
class CrdTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final List<String> KINDS =
      List.of("pbdatacenters", "pblans", "pbipblocks", "pbvolumes", "pbservers", "pbnics");

  static JsonNode crd(String plural) throws IOException {
    return YAML.readTree(Path.of("crds", plural + ".profitbricks.com-v1.yml").toFile());
  }

  static JsonNode schema(String plural) throws IOException {
    return crd(plural).at("/spec/versions/0/schema/openAPIV3Schema");
  }

  /**
   * crds/ is what the build generates, with the printer columns put in kubectl's order ({@link
   * CrdColumns}). {@code ./mvnw package -Dcrds.update=true} (tests run) writes crds/ and the Helm
   * chart's copy after a change of the CRD types.
   */
  @Test
  void committedCrdsMatchWhatTheBuildGenerates() throws IOException {
    boolean update = Boolean.getBoolean("crds.update");
    for (String plural : KINDS) {
      String file = plural + ".profitbricks.com-v1.yml";
      Path generated = Path.of("target", "kubernetes", file);
      assertThat(generated).as("run ./mvnw package to generate " + generated).exists();
      String expected = CrdColumns.ordered(Files.readString(generated));
      if (update) {
        Files.writeString(Path.of("crds", file), expected);
        Files.writeString(
            Path.of("deploy", "helm", "profitbricks-operator", "crds", file), expected);
      }
      assertThat(Files.readString(Path.of("crds", file)))
          .as("crds/ is stale: run ./mvnw package -Dcrds.update=true")
          .isEqualTo(expected);
    }
  }

  /**
   * kubectl get: READY REASON STATE AGE; -o wide adds ID, REQUEST, PLANNED, MESSAGE and the kind's
   * own.
   */
  @Test
  void printerColumnsAreInKubectlOrder() throws IOException {
    Map<String, String> golden =
        Map.of(
            "pbdatacenters", "Ready Reason State Age | ID Request Planned Message",
            "pblans", "Ready Reason State Age | ID Request Planned Message",
            "pbipblocks", "Ready Reason State Age | ID Request Planned Message",
            "pbvolumes", "Ready Reason State Age | ID Request Planned Message Server",
            "pbservers", "Ready Reason State Age | ID Request Planned Message VM",
            "pbnics", "Ready Reason State Age | ID Request Planned Message Server");
    for (String plural : KINDS) {
      List<String> shown = new ArrayList<>();
      List<String> wide = new ArrayList<>();
      crd(plural)
          .at("/spec/versions/0/additionalPrinterColumns")
          .forEach(
              c -> (c.path("priority").asInt() == 0 ? shown : wide).add(c.path("name").asText()));
      String order = String.join(" ", shown) + " | " + String.join(" ", wide);
      assertThat(order).as(plural).isEqualTo(golden.get(plural));
    }
  }

  /** The ordering step on columns in the generator's order (sorted by JSON path). */
  @Test
  void theOrderingStepPutsTheGeneratorsColumnsInKubectlOrder() {
    String generated =
        """
        spec:
          versions:
          - additionalPrinterColumns:
            - jsonPath: ".metadata.creationTimestamp"
              name: "Age"
              priority: 0
              type: "date"
            - jsonPath: ".status.conditions[?(@.type==\\"Ready\\")].message"
              name: "Message"
              priority: 1
              type: "string"
            - jsonPath: ".status.conditions[?(@.type==\\"Ready\\")].reason"
              name: "Reason"
              priority: 0
              type: "string"
            - jsonPath: ".status.conditions[?(@.type==\\"Ready\\")].status"
              name: "Ready"
              priority: 0
              type: "string"
            - jsonPath: ".status.id"
              name: "ID"
              priority: 1
              type: "string"
            - jsonPath: ".status.state"
              name: "State"
              priority: 0
              type: "string"
            - jsonPath: ".status.vmState"
              name: "VM"
              priority: 1
              type: "string"
            name: "v1alpha1"
        """;
    String ordered = CrdColumns.ordered(generated);
    List<String> names = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("name: \"(\\w+)\"").matcher(ordered);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names)
        .containsExactly("Ready", "Reason", "State", "Age", "ID", "Message", "VM", "v1alpha1");
    assertThat(CrdColumns.ordered(ordered)).as("applied twice, the same").isEqualTo(ordered);
    assertThat(ordered).endsWith("    name: \"v1alpha1\"\n");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyKindIsNamespacedInTheProfitbricksCategoryWithStatusAndPrinterColumns(String plural)
      throws IOException {
    JsonNode c = crd(plural);
    assertThat(c.at("/spec/scope").asText()).isEqualTo("Namespaced");
    assertThat(c.at("/spec/names/categories").toString())
        .contains("profitbricks")
        .doesNotContain("\"all\"");
    assertThat(c.at("/spec/names/shortNames").size()).isPositive();
    JsonNode version = c.at("/spec/versions/0");
    assertThat(version.at("/subresources/status").isObject()).isTrue();
    List<String> columns = new ArrayList<>();
    version.path("additionalPrinterColumns").forEach(col -> columns.add(col.path("name").asText()));
    assertThat(columns).contains("Ready", "Reason", "ID", "State", "Request", "Age");
  }

  /** gitops-checklist ST-01, ST-02, ST-06: conditions as Kubernetes' own, status defaulted. */
  @ParameterizedTest
  @MethodSource("kinds")
  void conditionsAreAMapKeyedByTypeShapedLikeMetav1ConditionAndStatusIsDefaulted(String plural)
      throws IOException {
    JsonNode conditions = schema(plural).at("/properties/status/properties/conditions");
    assertThat(conditions.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(conditions.path("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"type\"]");
    JsonNode item = conditions.path("items");
    assertThat(item.path("required").toString())
        .isEqualTo("[\"type\",\"status\",\"lastTransitionTime\",\"reason\",\"message\"]");
    assertThat(item.at("/properties/reason/pattern").asText())
        .isEqualTo("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");
    assertThat(item.at("/properties/reason/maxLength").asInt()).isEqualTo(1024);
    assertThat(item.at("/properties/message/maxLength").asInt()).isEqualTo(32768);
    assertThat(item.at("/properties/type/maxLength").asInt()).isEqualTo(316);
    assertThat(item.at("/properties/status/enum").toString())
        .isEqualTo("[\"True\",\"False\",\"Unknown\"]");
    assertThat(item.at("/properties/lastTransitionTime/format").asText()).isEqualTo("date-time");
    assertThat(item.at("/properties/observedGeneration/minimum").asInt()).isZero();
    assertThat(schema(plural).at("/properties/status/default").toString())
        .as("kstatus sees an object the operator has not seen yet as in progress")
        .isEqualTo("{\"observedGeneration\":-1}");
  }

  /** kubectl explain pbserver, pbserver.spec and pbserver.status each say something. */
  @ParameterizedTest
  @MethodSource("kinds")
  void theKindItsSpecAndItsStatusHaveDescriptions(String plural) throws IOException {
    JsonNode s = schema(plural);
    assertThat(s.path("description").asText()).as("kind").hasSizeGreaterThan(30);
    assertThat(s.at("/properties/spec/description").asText()).as("spec").hasSizeGreaterThan(30);
    assertThat(s.at("/properties/status/description").asText()).as("status").hasSizeGreaterThan(30);
  }

  /** A column whose path names no field shows an empty column for ever (PBServer had one). */
  @ParameterizedTest
  @MethodSource("kinds")
  void everyPrinterColumnPointsAtAFieldOfTheSchema(String plural) throws IOException {
    for (JsonNode col : crd(plural).at("/spec/versions/0/additionalPrinterColumns")) {
      String path = col.path("jsonPath").asText();
      if (path.startsWith(".metadata.")) {
        continue;
      }
      JsonNode node = schema(plural);
      // .status.conditions[?(@.type=="Ready")].reason: the filter selects items of the array
      for (String part : path.substring(1).replaceAll("\\[\\?[^]]*]", "[]").split("\\.")) {
        String field = part.replace("[]", "");
        node = node.path("properties").path(field);
        if (part.endsWith("[]")) {
          node = node.path("items");
        }
      }
      assertThat(node.isMissingNode())
          .as(plural + " column " + col.path("name").asText() + " (" + path + ")")
          .isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everySpecAndStatusFieldHasADescription(String plural) throws IOException {
    List<String> missing = new ArrayList<>();
    undocumented(schema(plural).at("/properties/spec"), "spec", missing);
    undocumented(schema(plural).at("/properties/status"), "status", missing);
    assertThat(missing)
        .as("fields without a description (kubectl explain shows nothing)")
        .isEmpty();
  }

  private static void undocumented(JsonNode node, String path, List<String> out) {
    JsonNode props = node.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String p = path + "." + f.getKey();
      // metav1.Condition is the upstream type; its fields are documented upstream
      boolean inherited = p.startsWith("status.conditions[].");
      if (!inherited && f.getValue().path("description").asText("").isBlank()) {
        out.add(p);
      }
      undocumented(f.getValue(), p, out);
      undocumented(f.getValue().path("items"), p + "[]", out);
    }
  }

  static Stream<String> kinds() {
    return KINDS.stream();
  }

  // ---------------------------------------------------------------- CEL

  record Rule(List<String> path, String expression, String message) {}

  static List<Rule> rules(JsonNode node, List<String> path) {
    List<Rule> out = new ArrayList<>();
    for (JsonNode v : node.path("x-kubernetes-validations")) {
      out.add(new Rule(path, v.path("rule").asText(), v.path("message").asText()));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      List<String> p = new ArrayList<>(path);
      p.add(f.getKey());
      out.addAll(rules(f.getValue(), p));
    }
    return out;
  }

  static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();
  static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  /** The messages of the rules an API server would refuse this create (old null) or update with. */
  static List<String> refusals(
      String plural, Map<String, Object> oldObj, Map<String, Object> newObj) throws Exception {
    List<String> out = new ArrayList<>();
    for (Rule r : rules(schema(plural), List.of())) {
      Object self = at(newObj, r.path());
      Object old = oldObj == null ? null : at(oldObj, r.path());
      boolean transition = r.expression().contains("oldSelf");
      if (self == null || (transition && old == null)) {
        continue; // Kubernetes runs a rule only where its field exists, transition rules only on
        // update
      }
      Map<String, Object> vars = new LinkedHashMap<>();
      vars.put("self", self);
      vars.put("oldSelf", old == null ? Map.of() : old);
      Object result = RUNTIME.createProgram(COMPILER.compile(r.expression()).getAst()).eval(vars);
      if (!Boolean.TRUE.equals(result)) {
        out.add(r.message());
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Object at(Map<String, Object> obj, List<String> path) {
    Object cur = obj;
    for (String p : path) {
      if (!(cur instanceof Map)) {
        return null;
      }
      cur = ((Map<String, Object>) cur).get(p);
    }
    return cur;
  }

  static Map<String, Object> obj(Map<String, Object> spec) {
    return Map.of("spec", spec);
  }

  /** An object with a status; an update keeps the stored status, so old and new share it. */
  static Map<String, Object> obj(Map<String, Object> spec, Map<String, Object> status) {
    return status == null ? obj(spec) : Map.of("spec", spec, "status", status);
  }

  record CelCase(
      String name,
      String plural,
      Map<String, Object> oldSpec,
      Map<String, Object> newSpec,
      String refusedWith,
      Map<String, Object> status) {
    CelCase(
        String name,
        String plural,
        Map<String, Object> oldSpec,
        Map<String, Object> newSpec,
        String refusedWith) {
      this(name, plural, oldSpec, newSpec, refusedWith, null);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<CelCase> celCases() {
    String uuid = "0b5a3c5e-6f0a-4d1e-9a0e-2f1c3d4e5f60";
    String other = "1b5a3c5e-6f0a-4d1e-9a0e-2f1c3d4e5f61";
    return List.of(
        new CelCase(
            "datacenter created", "pbdatacenters", null, Map.of("location", "de/fra"), null),
        new CelCase(
            "datacenter location kept",
            "pbdatacenters",
            Map.of("location", "de/fra", "name", "a"),
            Map.of("location", "de/fra", "name", "b"),
            null),
        new CelCase(
            "datacenter location moved",
            "pbdatacenters",
            Map.of("location", "de/fra"),
            Map.of("location", "us/las"),
            "location is immutable"),
        new CelCase(
            "adoptId changed",
            "pbdatacenters",
            Map.of("location", "de/fra", "adoptId", uuid),
            Map.of("location", "de/fra", "adoptId", other),
            "adoptId cannot be changed"),
        new CelCase(
            "ip block resized",
            "pbipblocks",
            Map.of("location", "de/fra", "size", 2L),
            Map.of("location", "de/fra", "size", 4L),
            "size is immutable"),
        new CelCase(
            "ip block moved",
            "pbipblocks",
            Map.of("location", "de/fra", "size", 2L),
            Map.of("location", "de/txl", "size", 2L),
            "location is immutable"),
        new CelCase(
            "ip block renamed",
            "pbipblocks",
            Map.of("location", "de/fra", "size", 2L, "name", "a"),
            Map.of("location", "de/fra", "size", 2L, "name", "b"),
            null),
        new CelCase(
            "lan with a ref", "pblans", null, Map.of("datacenterRef", Map.of("name", "dc")), null),
        new CelCase("lan with an id", "pblans", null, Map.of("datacenterId", uuid), null),
        new CelCase(
            "lan with both",
            "pblans",
            null,
            Map.of("datacenterRef", Map.of("name", "dc"), "datacenterId", uuid),
            "exactly one of datacenterRef or datacenterId"),
        new CelCase(
            "lan with neither",
            "pblans",
            null,
            Map.of("name", "x"),
            "exactly one of datacenterRef or datacenterId"),
        new CelCase(
            "lan switches ref to id",
            "pblans",
            Map.of("datacenterRef", Map.of("name", "dc")),
            Map.of("datacenterId", uuid),
            "cannot change"),
        new CelCase(
            "lan ref renamed",
            "pblans",
            Map.of("datacenterRef", Map.of("name", "dc")),
            Map.of("datacenterRef", Map.of("name", "dc2")),
            "cannot change"),
        new CelCase(
            "lan id changed",
            "pblans",
            Map.of("datacenterId", uuid),
            Map.of("datacenterId", other),
            "cannot change"),
        new CelCase(
            "lan made public",
            "pblans",
            Map.of("datacenterId", uuid),
            Map.of("datacenterId", uuid, "public", true),
            null),
        new CelCase(
            "volume grown",
            "pbvolumes",
            volume(Map.of("size", 10L)),
            volume(Map.of("size", 20L)),
            null),
        new CelCase(
            "volume shrunk",
            "pbvolumes",
            volume(Map.of("size", 20L)),
            volume(Map.of("size", 10L)),
            "a volume can only grow"),
        new CelCase(
            "volume type changed",
            "pbvolumes",
            volume(Map.of("type", "HDD")),
            volume(Map.of("type", "SSD")),
            "the type of a volume cannot change"),
        new CelCase(
            "volume without image or licence",
            "pbvolumes",
            null,
            Map.of("datacenterId", uuid, "size", 10L),
            "needs a licenceType"),
        new CelCase(
            "volume attached by ref and id",
            "pbvolumes",
            null,
            volume(Map.of("serverRef", Map.of("name", "web"), "serverId", uuid)),
            "set serverRef or serverId, not both"),
        new CelCase(
            "volume attach moved from id to ref",
            "pbvolumes",
            volume(Map.of("serverId", uuid)),
            volume(Map.of("serverRef", Map.of("name", "web"))),
            null),
        new CelCase(
            "server ram not a multiple of 256",
            "pbservers",
            null,
            Map.of("datacenterId", uuid, "cores", 1L, "ram", 1000L),
            "multiple of 256"),
        new CelCase(
            "server with a public-image volume and 512 MiB",
            "pbservers",
            null,
            Map.of(
                "datacenterId",
                uuid,
                "cores",
                1L,
                "ram",
                512L,
                "volumes",
                List.of(Map.of("name", "boot", "size", 10L, "imageAlias", "ubuntu:latest"))),
            "needs ram of at least 1024 MiB"),
        new CelCase(
            "server with a public-image volume and 1024 MiB",
            "pbservers",
            null,
            Map.of(
                "datacenterId",
                uuid,
                "cores",
                1L,
                "ram",
                1024L,
                "volumes",
                List.of(Map.of("name", "boot", "size", 10L, "imageAlias", "ubuntu:latest"))),
            null),
        new CelCase(
            "server with a blank volume and 512 MiB",
            "pbservers",
            null,
            Map.of(
                "datacenterId",
                uuid,
                "cores",
                1L,
                "ram",
                512L,
                "volumes",
                List.of(Map.of("name", "data", "size", 10L, "licenceType", "LINUX"))),
            null),
        new CelCase(
            "server zone changed",
            "pbservers",
            Map.of("datacenterId", uuid, "cores", 1L, "ram", 1024L, "availabilityZone", "ZONE_1"),
            Map.of("datacenterId", uuid, "cores", 1L, "ram", 1024L, "availabilityZone", "ZONE_2"),
            "the zone of a server cannot change"),
        new CelCase(
            "server grown",
            "pbservers",
            Map.of("datacenterId", uuid, "cores", 1L, "ram", 1024L),
            Map.of("datacenterId", uuid, "cores", 2L, "ram", 2048L),
            null),
        new CelCase(
            "nic moved to another server",
            "pbnics",
            Map.of("serverId", uuid, "lan", 1L),
            Map.of("serverId", other, "lan", 1L),
            "the server of a NIC cannot change"),
        new CelCase(
            "nic with lan and lanRef",
            "pbnics",
            null,
            Map.of("serverId", uuid, "lan", 1L, "lanRef", Map.of("name", "l")),
            "exactly one of lanRef or lan"),
        new CelCase(
            "nic with ips and an ip block",
            "pbnics",
            null,
            Map.of(
                "serverId",
                uuid,
                "lan",
                1L,
                "ips",
                List.of("203.0.113.5"),
                "ipBlockRef",
                Map.of("name", "b")),
            "set ips or ipBlockRef, not both"),
        new CelCase(
            "nic with indexes but no ip block",
            "pbnics",
            null,
            Map.of("serverId", uuid, "lan", 1L, "indexes", List.of(0L)),
            "set ipBlockRef too"),
        new CelCase(
            "nic addresses from an ip block",
            "pbnics",
            null,
            Map.of(
                "serverId",
                uuid,
                "lan",
                1L,
                "ipBlockRef",
                Map.of("name", "b"),
                "indexes",
                List.of(1L)),
            null));
  }

  /** A valid volume spec with {@code extra} fields on top. */
  static Map<String, Object> volume(Map<String, Object> extra) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("datacenterId", "0b5a3c5e-6f0a-4d1e-9a0e-2f1c3d4e5f60");
    v.put("size", 10L);
    v.put("licenceType", "LINUX");
    v.putAll(extra);
    return v;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("celCases")
  void celRulesRefuseWhatTheyShould(CelCase c) throws Exception {
    assertRefusal(c);
  }

  static void assertRefusal(CelCase c) throws Exception {
    List<String> refused =
        refusals(
            c.plural(),
            c.oldSpec() == null ? null : obj(c.oldSpec(), c.status()),
            obj(c.newSpec(), c.status()));
    if (c.refusedWith() == null) {
      assertThat(refused).isEmpty();
    } else {
      assertThat(refused).anyMatch(m -> m.contains(c.refusedWith()));
    }
  }

  // ------------------------------------------------------------------ immutable fields, write-once

  /**
   * Kubernetes runs a field's rule only where the field is, and a transition rule only where the
   * old value is: {@code self == oldSelf} alone lets an optional immutable field be added after
   * create or removed. Each is write-once: kept passes; changed, removed and added are refused.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("writeOnceCases")
  void immutableFieldsAreWriteOnce(CelCase c) throws Exception {
    assertRefusal(c);
  }

  static final String UUID = "0b5a3c5e-6f0a-4d1e-9a0e-2f1c3d4e5f60";
  static final String OTHER_UUID = "1b5a3c5e-6f0a-4d1e-9a0e-2f1c3d4e5f61";

  /** A valid spec of each kind, without any of its optional immutable fields. */
  static final Map<String, Map<String, Object>> BASE =
      Map.of(
          "pbdatacenters", Map.of("location", "de/fra"),
          "pblans", Map.of("datacenterId", UUID),
          "pbipblocks", Map.of("location", "de/fra", "size", 2L),
          "pbvolumes", volume(Map.of()),
          "pbservers", Map.of("datacenterId", UUID, "cores", 1L, "ram", 1024L),
          "pbnics", Map.of("serverId", UUID, "lan", 1L));

  static List<CelCase> writeOnceCases() {
    List<CelCase> out = new ArrayList<>();
    String zone = "availabilityZone cannot be added or removed";
    out.addAll(
        writeOnce(
            "pbservers", "availabilityZone", "ZONE_1", "ZONE_2", "the zone of a server", zone));
    out.addAll(
        writeOnce(
            "pbvolumes", "type", "HDD", "SSD", "the type of a volume", "type cannot be added"));
    out.addAll(
        writeOnce(
            "pbvolumes", "availabilityZone", "ZONE_1", "ZONE_2", "the zone of a volume", zone));
    String image = "the image of a volume cannot change";
    out.addAll(writeOnce("pbvolumes", "image", UUID, OTHER_UUID, image, image));
    out.addAll(
        writeOnce("pbvolumes", "imageAlias", "ubuntu:latest", "debian:latest", image, image));
    String dc = "the datacenter of a";
    out.addAll(parent("pblans", "datacenterRef", "datacenterId", dc));
    out.addAll(parent("pbvolumes", "datacenterRef", "datacenterId", dc));
    out.addAll(parent("pbservers", "datacenterRef", "datacenterId", dc));
    out.addAll(parent("pbnics", "serverRef", "serverId", "the server of a NIC"));
    for (String plural : KINDS) {
      out.addAll(adoptId(plural));
      out.addAll(credentialsRef(plural));
    }
    return out;
  }

  static Map<String, Object> with(Map<String, Object> spec, String field, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(spec);
    if (value == null) {
      m.remove(field);
    } else {
      m.put(field, value);
    }
    return m;
  }

  /** Kept (with another field changed), changed, removed and added, of an optional field. */
  static List<CelCase> writeOnce(
      String plural, String field, Object value, Object other, String changed, String presence) {
    Map<String, Object> base = BASE.get(plural);
    Map<String, Object> set = with(base, field, value);
    String what = plural + " " + field;
    return List.of(
        new CelCase(what + " kept", plural, set, with(set, "name", "renamed"), null),
        new CelCase(what + " changed", plural, set, with(base, field, other), changed),
        new CelCase(what + " removed", plural, set, base, presence),
        new CelCase(what + " added", plural, base, set, presence));
  }

  /** The parent, named by exactly one of a ref and an id: neither switched nor dropped. */
  static List<CelCase> parent(String plural, String ref, String id, String message) {
    Map<String, Object> none = with(with(BASE.get(plural), ref, null), id, null);
    Map<String, Object> byRef = with(none, ref, Map.of("name", "p"));
    Map<String, Object> byId = with(none, id, UUID);
    String what = plural + " " + ref + "/" + id;
    return List.of(
        new CelCase(what + " kept", plural, byRef, with(byRef, "name", "renamed"), null),
        new CelCase(
            what + " ref renamed", plural, byRef, with(none, ref, Map.of("name", "q")), message),
        new CelCase(what + " id changed", plural, byId, with(none, id, OTHER_UUID), message),
        new CelCase(what + " ref to id", plural, byRef, byId, message),
        new CelCase(what + " id to ref", plural, byId, byRef, message),
        new CelCase(what + " ref removed", plural, byRef, none, message),
        new CelCase(what + " id removed", plural, byId, none, message));
  }

  /**
   * adoptId picks the resource while the object has none: until status.id is set it may be added
   * (the way out of CreateUnconfirmed) or removed (of AdoptTargetNotFound); never changed, and
   * neither added nor removed after.
   */
  static List<CelCase> adoptId(String plural) {
    Map<String, Object> base = BASE.get(plural);
    Map<String, Object> adopting = with(base, "adoptId", UUID);
    Map<String, Object> none = Map.of("observedGeneration", -1L);
    Map<String, Object> made = Map.of("observedGeneration", 1L, "id", UUID);
    String fixed = "adoptId cannot be added or removed once the object has a cloud resource";
    String what = plural + " adoptId";
    return List.of(
        new CelCase(what + " kept", plural, adopting, with(adopting, "name", "x"), null, made),
        new CelCase(
            what + " changed",
            plural,
            adopting,
            with(base, "adoptId", OTHER_UUID),
            "adoptId cannot be changed",
            none),
        new CelCase(what + " removed once adopted", plural, adopting, base, fixed, made),
        new CelCase(what + " added once created", plural, base, adopting, fixed, made),
        new CelCase(what + " added while nothing is made", plural, base, adopting, null, none),
        new CelCase(
            what + " removed while nothing is adopted", plural, adopting, base, null, none));
  }

  /**
   * credentialsRef picks the contract the resource is made in: free while the object has no cloud
   * resource, neither changed, added nor removed after.
   */
  static List<CelCase> credentialsRef(String plural) {
    Map<String, Object> base = BASE.get(plural);
    Map<String, Object> team = with(base, "credentialsRef", Map.of("name", "team-a"));
    Map<String, Object> none = Map.of("observedGeneration", -1L);
    Map<String, Object> made = Map.of("observedGeneration", 1L, "id", UUID);
    String fixed = "credentialsRef cannot be added, removed or changed once the object has a cloud";
    String what = plural + " credentialsRef";
    Map<String, Object> other = with(base, "credentialsRef", Map.of("name", "team-b"));
    return List.of(
        new CelCase(
            what + " kept", plural, team, with(team, "deletionPolicy", "Orphan"), null, made),
        new CelCase(what + " changed once made", plural, team, other, fixed, made),
        new CelCase(what + " removed once made", plural, team, base, fixed, made),
        new CelCase(what + " added once made", plural, base, team, fixed, made),
        new CelCase(what + " changed while nothing is made", plural, team, other, null, none),
        new CelCase(what + " added while nothing is made", plural, base, team, null, none),
        new CelCase(what + " removed while nothing is made", plural, team, base, null, none));
  }

  /**
   * Every field with an immutability rule is write-once: required (its removal is refused by the
   * schema, and it is there from the create), or named by a presence rule {@code has(oldSelf.f)} on
   * the spec or on the whole object.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void everyImmutableFieldIsRequiredOrHasAPresenceRule(String plural) throws IOException {
    JsonNode root = schema(plural);
    JsonNode spec = root.at("/properties/spec");
    List<String> presence = new ArrayList<>();
    spec.path("x-kubernetes-validations").forEach(r -> presence.add(r.path("rule").asText()));
    root.path("x-kubernetes-validations")
        .forEach(r -> presence.add(r.path("rule").asText().replace("oldSelf.spec.", "oldSelf.")));
    List<String> immutable = new ArrayList<>();
    List<String> loose = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      boolean fixed = false;
      for (JsonNode r : f.getValue().path("x-kubernetes-validations")) {
        String rule = r.path("rule").asText();
        fixed |= rule.equals("self == oldSelf") || rule.equals("self.name == oldSelf.name");
      }
      if (!fixed) {
        continue;
      }
      immutable.add(f.getKey());
      boolean required = spec.path("required").toString().contains("\"" + f.getKey() + "\"");
      String has = "has(oldSelf." + f.getKey() + ")";
      if (!required && presence.stream().noneMatch(r -> r.contains(has))) {
        loose.add(f.getKey());
      }
    }
    assertThat(immutable).as("immutable fields of " + plural).contains("adoptId");
    assertThat(loose).as("immutable fields that can be added or removed").isEmpty();
  }

  @Test
  void everyCelRuleCompiles() throws Exception {
    int n = 0;
    for (String plural : KINDS) {
      for (Rule r : rules(schema(plural), List.of())) {
        assertThat(COMPILER.compile(r.expression()).getAst()).as(r.expression()).isNotNull();
        assertThat(r.message()).as("rule " + r.expression() + " says what to do").isNotBlank();
        n++;
      }
    }
    assertThat(n).isGreaterThanOrEqualTo(9);
  }
}
