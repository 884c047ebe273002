package com.profitbricks.testing.strict;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an HTTP request asks of the API server, read the way kube-apiserver's RequestInfoFactory
 * reads it: authorization and admission decide on these attributes, never on the raw path. A GET
 * without a name is a list (or a watch with {@code watch=true}), a DELETE without one a
 * deletecollection, and a list or watch narrowed to one {@code metadata.name} by field selector
 * counts as a request for that name (so RBAC resourceNames can allow it).
 */
public record RequestInfo(
    String method,
    String path,
    Map<String, String> query,
    boolean resourceRequest,
    String verb,
    String group,
    String version,
    String namespace,
    String resource,
    String subresource,
    String name) {

  /** Namespace subresources that stay parts of the namespace, as in kube-apiserver. */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  public static RequestInfo of(String method, String rawPath) {
    int q = rawPath.indexOf('?');
    String path = q < 0 ? rawPath : rawPath.substring(0, q);
    Map<String, String> query = query(q < 0 ? "" : rawPath.substring(q + 1));
    String httpVerb =
        switch (method) {
          case "POST" -> "create";
          case "GET", "HEAD" -> "get";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> "delete";
          default -> method.toLowerCase();
        };
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    int versionAt;
    String group;
    if (parts.size() >= 2 && parts.get(0).equals("api")) {
      group = "";
      versionAt = 1;
    } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      versionAt = 2;
    } else {
      // /api, /apis, /apis/<group>, /version, /openapi/...: not about a resource
      return new RequestInfo(
          method, path, query, false, method.toLowerCase(), "", "", "", "", "", "");
    }
    String version = parts.get(versionAt);
    List<String> rest = parts.subList(versionAt + 1, parts.size());
    String verb = httpVerb;
    if (!rest.isEmpty() && rest.get(0).equals("watch")) {
      verb = "watch"; // the deprecated /watch/ prefix
      rest = rest.subList(1, rest.size());
    }
    if (rest.isEmpty()) {
      // /api/v1, /apis/<group>/<version>: discovery
      return new RequestInfo(
          method, path, query, false, method.toLowerCase(), group, version, "", "", "", "");
    }
    String namespace = "";
    if (rest.get(0).equals("namespaces") && rest.size() > 1) {
      namespace = rest.get(1);
      if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
        rest = rest.subList(2, rest.size());
      }
    }
    String resource = rest.get(0);
    String name = rest.size() >= 2 ? rest.get(1) : "";
    String subresource = rest.size() >= 3 ? rest.get(2) : "";
    if (name.isEmpty() && verb.equals("get")) {
      verb = "true".equals(query.get("watch")) || "1".equals(query.get("watch")) ? "watch" : "list";
      name = nameFromFieldSelector(query.get("fieldSelector"));
    }
    if (name.isEmpty() && verb.equals("delete")) {
      verb = "deletecollection";
    }
    return new RequestInfo(
        method, path, query, true, verb, group, version, namespace, resource, subresource, name);
  }

  /** {@code resource.group} (or just the resource in the core group), as in API errors. */
  public String qualifiedResource() {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  /** {@code resource/subresource}, as RBAC rules name it. */
  public String resourceWithSubresource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  public boolean isWrite() {
    return resourceRequest && Set.of("create", "update", "patch").contains(verb);
  }

  /** The path of the object itself (without its subresource, its query). */
  public String objectPath() {
    return subresource.isEmpty()
        ? path
        : path.substring(0, path.length() - subresource.length() - 1);
  }

  private static String nameFromFieldSelector(String selector) {
    if (selector == null) {
      return "";
    }
    for (String term : selector.split(",")) {
      String t = term.strip();
      for (String op : List.of("==", "=")) {
        if (t.startsWith("metadata.name" + op)) {
          String value = t.substring(("metadata.name" + op).length());
          return value.contains("/") ? "" : value;
        }
      }
    }
    return "";
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
