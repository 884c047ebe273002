package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes RBAC over a set of Roles, ClusterRoles, RoleBindings and ClusterRoleBindings, decided
 * as kube-apiserver's RBAC authorizer decides: a request is allowed when a rule of a role bound to
 * its subject matches its API group, resource (with subresource, {@code *} and {@code
 * *}/subresource), verb and, where the rule lists them, resourceNames. A ClusterRoleBinding grants
 * everywhere; a RoleBinding grants only in its own namespace, also when it binds a ClusterRole.
 * Nothing else grants anything, except the defaults every authenticated user has on a real cluster
 * (discovery, /version, self access and rules reviews) and {@code system:masters}, which may do
 * everything. Aggregated ClusterRoles (aggregationRule) are not expanded.
 */
public final class Rbac {
  /** One rule of a Role or ClusterRole. */
  public record Rule(
      List<String> apiGroups,
      List<String> resources,
      List<String> verbs,
      List<String> resourceNames,
      List<String> nonResourceURLs) {
    static Rule of(JsonNode r) {
      return new Rule(
          strings(r.path("apiGroups")),
          strings(r.path("resources")),
          strings(r.path("verbs")),
          strings(r.path("resourceNames")),
          strings(r.path("nonResourceURLs")));
    }

    boolean matches(RequestInfo req) {
      if (!has(verbs, req.verb())) {
        return false;
      }
      if (!req.resourceRequest()) {
        return nonResourceURLs.stream()
            .anyMatch(
                u ->
                    u.equals("*")
                        || u.equals(req.path())
                        || (u.endsWith("*")
                            && req.path().startsWith(u.substring(0, u.length() - 1))));
      }
      return has(apiGroups, req.group())
          && resourceMatches(req)
          && (resourceNames.isEmpty() || resourceNames.contains(req.name()));
    }

    private boolean resourceMatches(RequestInfo req) {
      String combined = req.resourceWithSubresource();
      for (String r : resources) {
        if (r.equals("*")
            || r.equals(combined)
            || (!req.subresource().isEmpty() && r.equals("*/" + req.subresource()))) {
          return true;
        }
      }
      return false;
    }

    private static boolean has(List<String> values, String value) {
      return values.contains("*") || values.contains(value);
    }
  }

  /** A rule that applies to a subject, and which binding of which role gave it. */
  public record Grant(String binding, String role, String namespace, Rule rule) {
    /** How kube-apiserver's RBAC authorizer words the reason it allowed a request. */
    String reason(Subject who) {
      String bindingKind = namespace == null ? "ClusterRoleBinding" : "RoleBinding";
      return "RBAC: allowed by "
          + bindingKind
          + " \""
          + binding
          + (namespace == null ? "" : "/" + namespace)
          + "\" of "
          + role
          + " to "
          + who.describe();
    }
  }

  private record Binding(
      String name, String namespace, String roleKind, String roleName, List<JsonNode> subjects) {}

  private final Map<String, List<Rule>> clusterRoles = new HashMap<>();
  private final Map<String, List<Rule>> roles = new HashMap<>(); // "<ns>/<name>"
  private final List<Binding> bindings = new ArrayList<>();

  /** The RBAC objects among {@code objects} (any other kind is ignored). */
  public static Rbac of(Collection<JsonNode> objects) {
    Rbac rbac = new Rbac();
    rbac.addDefaults();
    for (JsonNode o : objects) {
      String kind = o.path("kind").asText();
      String name = o.at("/metadata/name").asText();
      String ns = o.at("/metadata/namespace").asText("");
      switch (kind) {
        case "ClusterRole" -> rbac.clusterRoles.put(name, rules(o));
        case "Role" -> rbac.roles.put(ns + "/" + name, rules(o));
        case "ClusterRoleBinding", "RoleBinding" -> {
          List<JsonNode> subjects = new ArrayList<>();
          o.path("subjects").forEach(subjects::add);
          rbac.bindings.add(
              new Binding(
                  name,
                  kind.equals("RoleBinding") ? ns : null,
                  o.at("/roleRef/kind").asText(),
                  o.at("/roleRef/name").asText(),
                  subjects));
        }
        default -> {}
      }
    }
    return rbac;
  }

  /** The grant that allows this request, if any. */
  public Optional<Grant> allowing(Subject who, RequestInfo req) {
    return grants(who, req.namespace()).stream().filter(g -> g.rule().matches(req)).findFirst();
  }

  /**
   * Every rule that applies to the subject in a namespace (the cluster-wide ones included), what a
   * SelfSubjectRulesReview answers; {@code namespace} empty: only the cluster-wide ones.
   */
  public List<Grant> grants(Subject who, String namespace) {
    List<Grant> out = new ArrayList<>();
    for (Binding b : bindings) {
      boolean inScope = b.namespace() == null || b.namespace().equals(namespace);
      if (!inScope || b.subjects().stream().noneMatch(s -> names(s, b, who))) {
        continue;
      }
      List<Rule> rules =
          b.roleKind().equals("Role")
              ? roles.get(b.namespace() + "/" + b.roleName())
              : clusterRoles.get(b.roleName());
      if (rules == null) {
        continue; // a binding to a role that does not exist grants nothing, as on a cluster
      }
      String role = b.roleKind() + " \"" + b.roleName() + "\"";
      rules.forEach(r -> out.add(new Grant(b.name(), role, b.namespace(), r)));
    }
    return out;
  }

  private static boolean names(JsonNode subject, Binding b, Subject who) {
    String name = subject.path("name").asText();
    return switch (subject.path("kind").asText()) {
      case "ServiceAccount" -> {
        String ns = subject.path("namespace").asText(b.namespace() == null ? "" : b.namespace());
        yield who.isServiceAccount()
            && name.equals(who.serviceAccountName())
            && ns.equals(who.serviceAccountNamespace());
      }
      case "User" -> name.equals(who.name());
      case "Group" -> who.groups().contains(name);
      default -> false;
    };
  }

  /** What every cluster grants by default (kube-apiserver's bootstrap policy, in part). */
  private void addDefaults() {
    clusterRoles.put(
        "cluster-admin",
        List.of(
            new Rule(List.of("*"), List.of("*"), List.of("*"), List.of(), List.of()),
            new Rule(List.of(), List.of(), List.of("*"), List.of(), List.of("*"))));
    clusterRoles.put(
        "system:discovery",
        List.of(
            new Rule(
                List.of(),
                List.of(),
                List.of("get"),
                List.of(),
                List.of(
                    "/api",
                    "/api/*",
                    "/apis",
                    "/apis/*",
                    "/healthz",
                    "/livez",
                    "/openapi",
                    "/openapi/*",
                    "/readyz",
                    "/version",
                    "/version/"))));
    clusterRoles.put(
        "system:basic-user",
        List.of(
            new Rule(
                List.of("authorization.k8s.io"),
                List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
                List.of("create"),
                List.of(),
                List.of())));
    bindings.add(group("cluster-admin", "system:masters"));
    bindings.add(group("system:discovery", "system:authenticated"));
    bindings.add(group("system:basic-user", "system:authenticated"));
  }

  private static Binding group(String role, String group) {
    return new Binding(
        role,
        null,
        "ClusterRole",
        role,
        List.of(
            Json.MAPPER
                .createObjectNode()
                .put("kind", "Group")
                .put("apiGroup", "rbac.authorization.k8s.io")
                .put("name", group)));
  }

  private static List<Rule> rules(JsonNode role) {
    List<Rule> out = new ArrayList<>();
    role.path("rules").forEach(r -> out.add(Rule.of(r)));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
