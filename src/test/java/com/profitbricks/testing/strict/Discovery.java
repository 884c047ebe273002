package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds this API serves (the built-in ones the operator, its install and its tests use, and
 * every stored CRD's), and the discovery documents kubectl and clients read them from: {@code
 * /api}, {@code /api/v1}, {@code /apis}, {@code /apis/<group>} and {@code /apis/<group>/<version>}.
 * Without them {@code kubectl get pbservers} cannot map the name to a path. Built anew from the
 * stored CRDs for each use, so a CRD created or deleted shows at once.
 */
public final class Discovery {
  static final List<ApiResource> BUILTIN =
      List.of(
          ApiResource.builtin("", "namespaces", "Namespace", false, "ns"),
          ApiResource.builtin("", "secrets", "Secret", true),
          ApiResource.builtin("", "configmaps", "ConfigMap", true, "cm"),
          ApiResource.builtin("", "events", "Event", true, "ev"),
          ApiResource.builtin("", "serviceaccounts", "ServiceAccount", true, "sa"),
          ApiResource.builtin("", "services", "Service", true, "svc"),
          ApiResource.builtin("apps", "deployments", "Deployment", true, "deploy"),
          ApiResource.builtin("coordination.k8s.io", "leases", "Lease", true),
          ApiResource.builtin(
              "apiextensions.k8s.io",
              "customresourcedefinitions",
              "CustomResourceDefinition",
              false,
              "crd",
              "crds"),
          ApiResource.builtin("rbac.authorization.k8s.io", "clusterroles", "ClusterRole", false),
          ApiResource.builtin(
              "rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", false),
          ApiResource.builtin("rbac.authorization.k8s.io", "roles", "Role", true),
          ApiResource.builtin("rbac.authorization.k8s.io", "rolebindings", "RoleBinding", true),
          ApiResource.review("selfsubjectaccessreviews", "SelfSubjectAccessReview"),
          ApiResource.review("selfsubjectrulesreviews", "SelfSubjectRulesReview"));

  private final List<ApiResource> resources = new ArrayList<>(BUILTIN);

  public Discovery(List<JsonNode> crds) {
    crds.forEach(c -> resources.addAll(ApiResource.of(c)));
  }

  public Optional<ApiResource> find(String group, String version, String plural) {
    return resources.stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version))
        .filter(r -> r.plural().equals(plural))
        .findFirst();
  }

  /** The answer to a discovery path, or empty when the path is none (or names no group). */
  public Optional<JsonNode> document(String path, String serverAddress) {
    String[] p = path.replaceAll("^/+|/+$", "").split("/");
    if (p.length == 1 && p[0].equals("api")) {
      ObjectNode v = Json.object().put("kind", "APIVersions");
      v.putArray("versions").add("v1");
      v.putArray("serverAddressByClientCIDRs")
          .addObject()
          .put("clientCIDR", "0.0.0.0/0")
          .put("serverAddress", serverAddress);
      return Optional.of(v);
    }
    if (p.length == 2 && p[0].equals("api") && p[1].equals("v1")) {
      return Optional.of(resourceList("", "v1"));
    }
    if (p.length == 1 && p[0].equals("apis")) {
      ObjectNode list = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
      ArrayNode groups = list.putArray("groups");
      groups().forEach((g, versions) -> groups.add(group(g, versions)));
      return Optional.of(list);
    }
    if (p.length == 2 && p[0].equals("apis") && groups().containsKey(p[1])) {
      return Optional.of(group(p[1], groups().get(p[1])).put("apiVersion", "v1"));
    }
    if (p.length == 3
        && p[0].equals("apis")
        && groups().getOrDefault(p[1], List.of()).contains(p[2])) {
      return Optional.of(resourceList(p[1], p[2]));
    }
    return Optional.empty();
  }

  /** {@code /openapi/v3} and the group versions' documents under it. */
  public Optional<JsonNode> openApi(String path) {
    String p = path.replaceAll("^/+|/+$", "");
    if (p.equals("openapi/v3")) {
      return Optional.of(OpenApi.root(resources));
    }
    if (p.startsWith("openapi/v3/")) {
      return OpenApi.document(resources, p.substring("openapi/v3/".length())).map(d -> d);
    }
    return Optional.empty();
  }

  private Map<String, List<String>> groups() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ApiResource r : resources) {
      if (!r.group().isEmpty()) {
        List<String> versions = out.computeIfAbsent(r.group(), g -> new ArrayList<>());
        if (!versions.contains(r.version())) {
          versions.add(r.version());
        }
      }
    }
    return out;
  }

  private static ObjectNode group(String name, List<String> versions) {
    ObjectNode g = Json.object().put("kind", "APIGroup").put("name", name);
    ArrayNode vs = g.putArray("versions");
    versions.forEach(v -> vs.addObject().put("groupVersion", name + "/" + v).put("version", v));
    g.putObject("preferredVersion")
        .put("groupVersion", name + "/" + versions.get(0))
        .put("version", versions.get(0));
    return g;
  }

  private ObjectNode resourceList(String group, String version) {
    ObjectNode list = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode rs = list.putArray("resources");
    resources.stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version))
        .forEach(r -> r.discovery().forEach(rs::add));
    return list;
  }

  /** What {@code /version} answers: the Kubernetes release whose behaviour this API imitates. */
  static ObjectNode version() {
    return Json.object()
        .put("major", "1")
        .put("minor", "31")
        .put("gitVersion", "v1.31.0")
        .put("gitCommit", "strict-kubernetes")
        .put("gitTreeState", "clean")
        .put("buildDate", "2024-08-13T00:00:00Z")
        .put("goVersion", "go1.22.5")
        .put("compiler", "gc")
        .put("platform", "linux/amd64");
  }
}
