package com.profitbricks.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Kubernetes manifests read as trees: multi-document YAML, RBAC rules, lookups by kind. */
final class Manifests {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Manifests() {}

  static List<JsonNode> parse(String yaml) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (YAMLParser p = new YAMLFactory().createParser(yaml)) {
      for (var it = YAML.readValues(p, JsonNode.class); it.hasNext(); ) {
        JsonNode n = it.next();
        if (n != null && !n.isNull() && n.has("kind")) {
          out.add(n);
        }
      }
    }
    return out;
  }

  static List<JsonNode> read(Path... files) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (Path f : files) {
      out.addAll(parse(Files.readString(f)));
    }
    return out;
  }

  static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  static JsonNode one(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.path("kind").asText()))
        .filter(o -> name == null || name.equals(o.at("/metadata/name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  /** One thing the operator does on the API server: group, resource[/subresource], verb. */
  record Use(String group, String resource, String verb, boolean namespaced) {
    @Override
    public String toString() {
      return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
    }
  }

  /** Whether RBAC rules (a Role's or ClusterRole's) allow a use. */
  static boolean allows(JsonNode rules, Use use) {
    for (JsonNode r : rules) {
      if (has(r.path("apiGroups"), use.group())
          && has(r.path("resources"), use.resource())
          && has(r.path("verbs"), use.verb())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The rules that the RoleBindings of a namespace grant a ServiceAccount there: those of the Roles
   * (of that namespace) and ClusterRoles they bind it to.
   */
  static JsonNode rulesGranted(List<JsonNode> objects, String namespace, String serviceAccount) {
    ArrayNode rules = YAML.createArrayNode();
    for (JsonNode b : ofKind(objects, "RoleBinding")) {
      if (!namespace.equals(b.at("/metadata/namespace").asText())
          || !bindsServiceAccount(b, namespace, serviceAccount)) {
        continue;
      }
      String kind = b.at("/roleRef/kind").asText();
      String name = b.at("/roleRef/name").asText();
      objects.stream()
          .filter(o -> kind.equals(o.path("kind").asText()))
          .filter(o -> name.equals(o.at("/metadata/name").asText()))
          .filter(
              o ->
                  kind.equals("ClusterRole")
                      || namespace.equals(o.at("/metadata/namespace").asText()))
          .forEach(r -> r.path("rules").forEach(rules::add));
    }
    return rules;
  }

  private static boolean bindsServiceAccount(JsonNode binding, String namespace, String name) {
    for (JsonNode s : binding.path("subjects")) {
      if ("ServiceAccount".equals(s.path("kind").asText())
          && name.equals(s.path("name").asText())
          && namespace.equals(s.path("namespace").asText())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a label selector's matchLabels all hold in a set of labels. */
  static boolean selects(JsonNode matchLabels, JsonNode labels) {
    if (matchLabels.isEmpty()) {
      return false;
    }
    for (var it = matchLabels.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  private static boolean has(JsonNode list, String value) {
    for (JsonNode v : list) {
      if (Objects.equals(v.asText(), value) || "*".equals(v.asText())) {
        return true;
      }
    }
    return false;
  }
}
