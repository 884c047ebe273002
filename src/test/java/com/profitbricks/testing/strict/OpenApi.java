package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 documents kubectl reads before it writes: {@code kubectl apply} and {@code create}
 * look up, per kind, whether the server validates fields itself (a {@code fieldValidation}
 * parameter on the kind's PATCH) and which patch types it takes (no strategic merge for custom
 * resources, so a JSON merge patch); {@code kubectl explain} reads the schemas. Without them
 * kubectl stops at "failed to download openapi". Custom resources get their CRD's schema; built-in
 * kinds an open object (this API does not model them).
 */
final class OpenApi {
  private OpenApi() {}

  /** {@code /openapi/v3}: where each group version's document is. */
  static ObjectNode root(List<ApiResource> resources) {
    ObjectNode root = Json.object();
    ObjectNode paths = root.putObject("paths");
    for (String gv : groupVersions(resources).keySet()) {
      paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=strict");
    }
    return root;
  }

  /** {@code /openapi/v3/api/v1}, {@code /openapi/v3/apis/<group>/<version>}. */
  static Optional<ObjectNode> document(List<ApiResource> resources, String groupVersionPath) {
    List<ApiResource> in = groupVersions(resources).get(groupVersionPath);
    if (in == null) {
      return Optional.empty();
    }
    ObjectNode doc = Json.object().put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", "v1.31.0");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    for (ApiResource r : in) {
      if (r.group().equals("authorization.k8s.io")) {
        continue;
      }
      ObjectNode gvk =
          Json.object().put("group", r.group()).put("version", r.version()).put("kind", r.kind());
      String name = schemaName(r);
      String prefix =
          "/" + groupVersionPath + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural();
      ObjectNode collection = paths.putObject(prefix);
      operation(collection, "get", "list", gvk, name, false);
      operation(collection, "post", "post", gvk, name, true);
      ObjectNode item = paths.putObject(prefix + "/{name}");
      operation(item, "get", "get", gvk, name, false);
      operation(item, "put", "put", gvk, name, true);
      patch(item, r, gvk, name);
      operation(item, "delete", "delete", gvk, name, false);
      for (String sub : r.subresources()) {
        ObjectNode s = paths.putObject(prefix + "/{name}/" + sub);
        operation(s, "get", "get", gvk, name, false);
        operation(s, "put", "put", gvk, name, true);
        patch(s, r, gvk, name);
      }
      ObjectNode schema =
          r.isCustom()
              ? r.schema().deepCopy()
              : Json.object()
                  .put("type", "object")
                  .put("x-kubernetes-preserve-unknown-fields", true);
      ObjectNode props = schema.with("properties");
      props
          .putObject("apiVersion")
          .put("type", "string")
          .put("description", "APIVersion defines the versioned schema of this representation.");
      props
          .putObject("kind")
          .put("type", "string")
          .put("description", "Kind is a string value representing the REST resource.");
      props
          .putObject("metadata")
          .put("type", "object")
          .put("description", "Standard object's metadata.")
          .put("x-kubernetes-preserve-unknown-fields", true);
      schema.putArray("x-kubernetes-group-version-kind").add(gvk.deepCopy());
      schemas.set(name, schema);
    }
    return Optional.of(doc);
  }

  private static void patch(ObjectNode path, ApiResource r, ObjectNode gvk, String schema) {
    ObjectNode op = operation(path, "patch", "patch", gvk, schema, true);
    ObjectNode content = op.putObject("requestBody").putObject("content");
    List<String> types =
        new ArrayList<>(
            List.of(
                "application/json-patch+json",
                "application/merge-patch+json",
                "application/apply-patch+yaml"));
    if (!r.isCustom()) {
      types.add("application/strategic-merge-patch+json");
    }
    types.forEach(t -> content.putObject(t).putObject("schema").put("type", "object"));
  }

  private static ObjectNode operation(
      ObjectNode path,
      String method,
      String action,
      ObjectNode gvk,
      String schema,
      boolean writes) {
    ObjectNode op = path.putObject(method);
    op.put("x-kubernetes-action", action);
    op.set("x-kubernetes-group-version-kind", gvk.deepCopy());
    ArrayNode params = op.putArray("parameters");
    if (writes) {
      params
          .addObject()
          .put("name", "fieldValidation")
          .put("in", "query")
          .put("description", "Ignore, Warn or Strict: what to do with unknown fields.")
          .putObject("schema")
          .put("type", "string");
    }
    op.putObject("responses")
        .putObject("200")
        .putObject("content")
        .putObject("application/json")
        .putObject("schema")
        .put("$ref", "#/components/schemas/" + schema);
    return op;
  }

  /** io.k8s.api.core.v1.Secret for built-ins, com.profitbricks.v1alpha1.PBServer for CRDs. */
  private static String schemaName(ApiResource r) {
    if (!r.isCustom()) {
      String group = r.group().isEmpty() ? "core" : r.group().replace(".k8s.io", "");
      return "io.k8s.api." + group + "." + r.version() + "." + r.kind();
    }
    List<String> parts = new ArrayList<>(List.of(r.group().split("\\.")));
    java.util.Collections.reverse(parts);
    return String.join(".", parts) + "." + r.version() + "." + r.kind();
  }

  private static Map<String, List<ApiResource>> groupVersions(List<ApiResource> resources) {
    Map<String, List<ApiResource>> out = new LinkedHashMap<>();
    for (ApiResource r : resources) {
      String path = r.group().isEmpty() ? "api/" + r.version() : "apis/" + r.groupVersion();
      out.computeIfAbsent(path, p -> new ArrayList<>()).add(r);
    }
    return out;
  }
}
