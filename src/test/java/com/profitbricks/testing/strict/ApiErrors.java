package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code Status} bodies kube-apiserver answers with when it refuses a request, with its exact
 * messages (apimachinery's errors.NewForbidden, NewConflict, NewInvalid, NewNotFound, ...), so that
 * a client's handling of a refusal is tested against what it will really get.
 */
public final class ApiErrors {
  private ApiErrors() {}

  /** 403: no RBAC rule allows this request of this subject. */
  public static ObjectNode forbidden(RequestInfo req, Subject who) {
    String because;
    if (!req.resourceRequest()) {
      because = "User \"" + who.name() + "\" cannot " + req.verb() + " path \"" + req.path() + "\"";
      return status(403, "Forbidden", "forbidden: " + because, null);
    }
    because =
        "User \""
            + who.name()
            + "\" cannot "
            + req.verb()
            + " resource \""
            + req.resourceWithSubresource()
            + "\" in API group \""
            + req.group()
            + "\""
            + (req.namespace().isEmpty()
                ? " at the cluster scope"
                : " in the namespace \"" + req.namespace() + "\"");
    String message =
        req.qualifiedResource()
            + (req.name().isEmpty() ? "" : " \"" + req.name() + "\"")
            + " is forbidden: "
            + because;
    ObjectNode s = status(403, "Forbidden", message, req.name());
    ObjectNode details = (ObjectNode) s.get("details");
    details.put("group", req.group()).put("kind", req.resource());
    return s;
  }

  /** 409: the object changed since the client read it (a stale metadata.resourceVersion). */
  public static ObjectNode conflict(RequestInfo req) {
    ObjectNode s =
        status(
            409,
            "Conflict",
            "Operation cannot be fulfilled on "
                + req.qualifiedResource()
                + " \""
                + req.name()
                + "\": the object has been modified; please apply your changes to the latest"
                + " version and try again",
            req.name());
    ((ObjectNode) s.get("details")).put("group", req.group()).put("kind", req.resource());
    return s;
  }

  /** 409: create of an object that exists. */
  public static ObjectNode alreadyExists(RequestInfo req, String name) {
    ObjectNode s =
        status(
            409,
            "AlreadyExists",
            req.qualifiedResource() + " \"" + name + "\" already exists",
            name);
    ((ObjectNode) s.get("details")).put("group", req.group()).put("kind", req.resource());
    return s;
  }

  /** 404 for an object, or for the namespace a create names. */
  public static ObjectNode notFound(String group, String resource, String name) {
    String qualified = group.isEmpty() ? resource : resource + "." + group;
    ObjectNode s = status(404, "NotFound", qualified + " \"" + name + "\" not found", name);
    ((ObjectNode) s.get("details")).put("group", group).put("kind", resource);
    return s;
  }

  /** 422: the object breaks its schema, its CEL rules or the API's own validation. */
  public static ObjectNode invalid(
      String group, String kind, String name, List<FieldError> errors) {
    String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
    String all =
        errors.size() == 1
            ? errors.get(0).toString()
            : "[" + String.join(", ", errors.stream().map(FieldError::toString).toList()) + "]";
    ObjectNode s =
        status(422, "Invalid", qualifiedKind + " \"" + name + "\" is invalid: " + all, name);
    ObjectNode details = (ObjectNode) s.get("details");
    details.put("group", group).put("kind", kind);
    var causes = details.putArray("causes");
    for (FieldError e : errors) {
      causes
          .addObject()
          .put("reason", e.type().reason)
          .put("message", e.body())
          .put("field", e.field());
    }
    return s;
  }

  /** 415: a patch type the resource does not take (strategic merge on custom resources). */
  public static ObjectNode unsupportedMediaType(String contentType, List<String> accepted) {
    return status(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + String.join(", ", accepted),
        null);
  }

  /** 400 for a body that is no object of the API (or a field strict validation refuses). */
  public static ObjectNode badRequest(String message) {
    return status(400, "BadRequest", message, null);
  }

  /** 405 for a verb the resource does not serve. */
  public static ObjectNode methodNotAllowed(String message) {
    return status(405, "MethodNotAllowed", message, null);
  }

  static ObjectNode status(int code, String reason, String message, String name) {
    ObjectNode s = Json.object();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure").put("message", message).put("reason", reason);
    if (name != null) { // kube-apiserver leaves details out where it has none
      ObjectNode details = s.putObject("details");
      if (!name.isEmpty()) {
        details.put("name", name);
      }
    }
    s.put("code", code);
    return s;
  }
}
