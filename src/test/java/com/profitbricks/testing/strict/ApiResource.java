package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One kind the API serves at {@code /api[s]/<group>/<version>/<plural>}: what discovery lists and
 * what authorization and admission need to know of it. For a custom resource, {@code crd} is its
 * CustomResourceDefinition and {@code version} one of its served versions.
 */
public record ApiResource(
    String group,
    String version,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<String> verbs,
    List<String> subresources,
    JsonNode crd) {
  static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  static ApiResource builtin(
      String group, String plural, String kind, boolean namespaced, String... shortNames) {
    String version = "v1";
    return new ApiResource(
        group,
        version,
        plural,
        kind.toLowerCase(),
        kind,
        namespaced,
        List.of(shortNames),
        List.of(),
        ALL_VERBS,
        plural.equals("namespaces") || plural.equals("deployments") ? List.of("status") : List.of(),
        null);
  }

  /** A resource only created, never stored (the self reviews of the authorization group). */
  static ApiResource review(String plural, String kind) {
    return new ApiResource(
        "authorization.k8s.io",
        "v1",
        plural,
        kind.toLowerCase(),
        kind,
        false,
        List.of(),
        List.of(),
        List.of("create"),
        List.of(),
        null);
  }

  /** The resources of a CRD, one per served version. */
  static List<ApiResource> of(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    List<ApiResource> out = new ArrayList<>();
    for (JsonNode v : spec.path("versions")) {
      if (!v.path("served").asBoolean(true)) {
        continue;
      }
      List<String> sub = new ArrayList<>();
      if (v.at("/subresources/status").isObject()) {
        sub.add("status");
      }
      if (v.at("/subresources/scale").isObject()) {
        sub.add("scale");
      }
      out.add(
          new ApiResource(
              spec.path("group").asText(),
              v.path("name").asText(),
              names.path("plural").asText(),
              names.path("singular").asText(names.path("kind").asText().toLowerCase()),
              names.path("kind").asText(),
              "Namespaced".equals(spec.path("scope").asText()),
              strings(names.path("shortNames")),
              strings(names.path("categories")),
              ALL_VERBS,
              sub,
              crd));
    }
    return out;
  }

  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public boolean isCustom() {
    return crd != null;
  }

  /** This version's entry of the CRD: schema, subresources, printer columns. */
  JsonNode crdVersion() {
    for (JsonNode v : crd.at("/spec/versions")) {
      if (v.path("name").asText().equals(version)) {
        return v;
      }
    }
    throw new IllegalStateException("no version " + version + " in " + crd.at("/metadata/name"));
  }

  JsonNode schema() {
    return crdVersion().at("/schema/openAPIV3Schema");
  }

  boolean hasStatusSubresource() {
    return subresources.contains("status");
  }

  /** Discovery's APIResource entries: the resource and each of its subresources. */
  List<ObjectNode> discovery() {
    List<ObjectNode> out = new ArrayList<>();
    ObjectNode r = Json.object();
    r.put("name", plural).put("singularName", singular).put("namespaced", namespaced);
    r.put("kind", kind);
    r.set("verbs", Json.MAPPER.valueToTree(verbs));
    if (!shortNames.isEmpty()) {
      r.set("shortNames", Json.MAPPER.valueToTree(shortNames));
    }
    if (!categories.isEmpty()) {
      r.set("categories", Json.MAPPER.valueToTree(categories));
    }
    out.add(r);
    for (String s : subresources) {
      ObjectNode sr = Json.object();
      sr.put("name", plural + "/" + s).put("singularName", "").put("namespaced", namespaced);
      sr.put("kind", s.equals("scale") ? "Scale" : kind);
      sr.set("verbs", Json.MAPPER.valueToTree(List.of("get", "patch", "update")));
      out.add(sr);
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
