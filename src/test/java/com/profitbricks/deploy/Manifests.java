package com.profitbricks.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  private static boolean has(JsonNode list, String value) {
    for (JsonNode v : list) {
      if (Objects.equals(v.asText(), value) || "*".equals(v.asText())) {
        return true;
      }
    }
    return false;
  }
}
