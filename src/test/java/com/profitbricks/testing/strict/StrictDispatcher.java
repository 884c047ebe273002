package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.fabric8.zjsonpatch.Operation;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The API server's request pipeline in front of the Fabric8 CRUD storage: authentication (bearer
 * token to subject), authorization (RBAC from the stored roles and bindings), discovery, the
 * authorization self reviews, optimistic concurrency on every write, and admission of custom
 * resources against their CRDs. What passes is handed to the storage as a plain write (a PATCH as
 * the exact JSON patch from the stored object to the admitted one), so the mock's watches,
 * resourceVersions and finalizer handling stay in use.
 */
public final class StrictDispatcher extends Dispatcher {
  private static final List<String> CR_PATCH_TYPES =
      List.of(
          "application/json-patch+json",
          "application/merge-patch+json",
          "application/apply-patch+yaml");

  private final Store store = new Store();
  private final Map<String, Subject> tokens = new ConcurrentHashMap<>();
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  private final Supplier<String> serverAddress;
  private final Set<Leniency> leniencies;
  private final List<String> tolerated = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Object writes = new Object();
  private volatile Rbac rbac;
  private volatile Discovery discovery;

  public StrictDispatcher(Supplier<String> serverAddress, Set<Leniency> leniencies) {
    this.serverAddress = serverAddress;
    this.leniencies = Set.copyOf(leniencies);
  }

  /** Requests with this bearer token are made by this subject; any other token is the admin. */
  public void authenticate(String token, Subject subject) {
    tokens.put(token, subject);
  }

  public List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  /**
   * The warnings answered (fields the schema does not know, dropped), with what they were about.
   */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** What a {@link Leniency} let pass that a real API server would have refused. */
  public List<String> tolerated() {
    return List.copyOf(tolerated);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    RequestInfo req = RequestInfo.of(request.getMethod(), request.getPath());
    Subject who = subject(request.getHeader("Authorization"));
    MockResponse res;
    try {
      res = handle(request, req, who);
    } catch (IllegalArgumentException e) {
      res = json(ApiErrors.badRequest(e.getMessage()));
    }
    if (res.code() >= 400 && res.code() != 404 && res.code() != 410) {
      refusals.add(refusal(who, req, res, text(request)));
    }
    return res;
  }

  private MockResponse handle(RecordedRequest request, RequestInfo req, Subject who) {
    Optional<Rbac.Grant> grant = rbac().allowing(who, req);
    if (grant.isEmpty()) {
      return json(ApiErrors.forbidden(req, who));
    }
    if (!req.resourceRequest()) {
      return nonResource(req);
    }
    Optional<ApiResource> resource = discovery().find(req.group(), req.version(), req.resource());
    if (resource.isPresent() && resource.get().group().equals("authorization.k8s.io")) {
      return review(request, req, who, resource.get());
    }
    if (resource.isEmpty() || !isKnownVerb(req)) {
      return store(request); // a built-in kind this API does not model: stored as the mock does
    }
    ApiResource r = resource.get();
    if (req.isWrite() || req.verb().startsWith("delete")) {
      synchronized (writes) {
        MockResponse res = write(request, req, r);
        if (res.code() < 300) {
          changed(r);
        }
        return res;
      }
    }
    if (r.isCustom()
        && (req.verb().equals("get") || req.verb().equals("list"))
        && req.subresource().isEmpty()
        && Tables.wanted(request.getHeader("Accept"))) {
      return table(request, req, r);
    }
    return store(request);
  }

  private static boolean isKnownVerb(RequestInfo req) {
    return ApiResource.ALL_VERBS.contains(req.verb());
  }

  // ------------------------------------------------------------------------------------- writes

  private MockResponse write(RecordedRequest request, RequestInfo req, ApiResource r) {
    return switch (req.verb()) {
      case "create" -> create(request, req, r);
      case "update" -> update(request, req, r);
      case "patch" -> patch(request, req, r);
      default -> store(request);
    };
  }

  private MockResponse create(RecordedRequest request, RequestInfo req, ApiResource r) {
    if (!req.subresource().isEmpty() || !req.name().isEmpty()) {
      return store(request);
    }
    ObjectNode body = body(request);
    if (r.namespaced() && !req.namespace().isEmpty() && !namespaceExists(req.namespace())) {
      return json(ApiErrors.notFound("", "namespaces", req.namespace()));
    }
    String name = body.at("/metadata/name").asText("");
    if (!name.isEmpty() && store.get(req.path() + "/" + name).isPresent()) {
      return json(ApiErrors.alreadyExists(req, name));
    }
    if (!r.isCustom()) {
      return Builtins.mutate(r, body) ? store(forward(request, body)) : store(request);
    }
    StructuralSchema.Outcome out = Admission.create(r, body);
    Optional<MockResponse> refused = refused(req, r, name, out);
    if (refused.isPresent()) {
      return refused.get();
    }
    return warn(store.createKeepingStatus(forward(request, out.object())), req, out);
  }

  private MockResponse update(RecordedRequest request, RequestInfo req, ApiResource r) {
    Optional<ObjectNode> stored = store.get(req.objectPath());
    if (stored.isEmpty()) {
      return json(ApiErrors.notFound(req.group(), req.resource(), req.name()));
    }
    ObjectNode body = body(request);
    String rv = body.at("/metadata/resourceVersion").asText("");
    if (rv.isEmpty() && r.isCustom()) {
      // custom resources allow no unconditional update (the strategy's AllowUnconditionalUpdate)
      return json(
          ApiErrors.invalid(
              r.group(),
              r.kind(),
              req.name(),
              List.of(
                  FieldError.invalid(
                      "metadata.resourceVersion",
                      Json.MAPPER.valueToTree(0),
                      "must be specified for an update"))));
    }
    if (!rv.isEmpty() && !rv.equals(resourceVersion(stored.get()))) {
      return json(ApiErrors.conflict(req));
    }
    if (!r.isCustom()) {
      return Builtins.mutate(r, body) ? store(forward(request, body)) : store(request);
    }
    StructuralSchema.Outcome out =
        Admission.update(r, stored.get(), body, req.subresource().equals("status"));
    Optional<MockResponse> refused = refused(req, r, req.name(), out);
    if (refused.isPresent()) {
      return refused.get();
    }
    return warn(store(forward(request, out.object())), req, out);
  }

  private MockResponse patch(RecordedRequest request, RequestInfo req, ApiResource r) {
    String type = contentType(request);
    if (type.equals("application/apply-patch+yaml")) {
      // kube-apiserver does server-side apply; the storage under this API cannot
      return json(
          ApiErrors.status(
              415,
              "UnsupportedMediaType",
              "server-side apply (application/apply-patch+yaml) is not supported by this test API"
                  + " server (StrictKubernetes); use a JSON merge patch or JSON patch",
              null));
    }
    Optional<ObjectNode> stored = store.get(req.objectPath());
    if (stored.isEmpty()) {
      return json(ApiErrors.notFound(req.group(), req.resource(), req.name()));
    }
    JsonNode patch = Json.parse(text(request));
    JsonNode merged;
    switch (type) {
      case "application/json-patch+json" -> {
        try {
          merged = JsonPatch.apply(patch, stored.get());
        } catch (JsonPatchException e) {
          // kube-apiserver applies JSON patches with evanphx/json-patch: an op on a path the
          // stored object lacks fails the whole patch with 422
          String refusal = jsonPatchRefusal(e);
          if (!leniencies.contains(Leniency.JSON_PATCH_REPLACE_OF_MISSING_KEY)
              || e.getOperation() != Operation.REPLACE) {
            return json(ApiErrors.status(422, "", refusal, null));
          }
          try {
            merged =
                JsonPatch.apply(
                    patch,
                    stored.get(),
                    EnumSet.of(CompatibilityFlags.ALLOW_MISSING_TARGET_OBJECT_ON_REPLACE));
          } catch (JsonPatchException again) {
            return json(ApiErrors.status(422, "", jsonPatchRefusal(again), null));
          }
          tolerated.add(
              "patch "
                  + req.resourceWithSubresource()
                  + " "
                  + req.namespace()
                  + "/"
                  + req.name()
                  + ": "
                  + refusal);
        } catch (RuntimeException e) {
          return json(ApiErrors.status(422, "", e.getMessage(), null));
        }
      }
      case "application/merge-patch+json" -> merged = MergePatch.apply(stored.get(), patch);
      case "application/strategic-merge-patch+json" -> {
        if (r.isCustom()) {
          return json(ApiErrors.unsupportedMediaType(type, CR_PATCH_TYPES));
        }
        // built-in kinds: lists merge by their patch keys on a real server; here they replace
        merged = MergePatch.apply(stored.get(), patch);
      }
      default -> {
        return json(ApiErrors.unsupportedMediaType(type, CR_PATCH_TYPES));
      }
    }
    if (!merged.isObject()) {
      return json(ApiErrors.badRequest("the patch did not give an object"));
    }
    String rv = merged.at("/metadata/resourceVersion").asText("");
    if (!rv.isEmpty() && !rv.equals(resourceVersion(stored.get()))) {
      return json(ApiErrors.conflict(req));
    }
    ObjectNode target = (ObjectNode) merged;
    StructuralSchema.Outcome out = null;
    if (r.isCustom()) {
      out = Admission.update(r, stored.get(), target, req.subresource().equals("status"));
      Optional<MockResponse> refused = refused(req, r, req.name(), out);
      if (refused.isPresent()) {
        return refused.get();
      }
      target = out.object();
    } else {
      Builtins.mutate(r, target);
    }
    // the storage's own merge would differ from Kubernetes' (nulls, lists): give it the result
    JsonNode exact = JsonDiff.asJson(stored.get(), target);
    MockResponse res =
        store(
            request(
                request, Json.write(exact), Map.of("Content-Type", "application/json-patch+json")));
    if (res.code() == 202) {
      res.setResponseCode(200);
    }
    if (res.code() == 200 && (res.getBody() == null || res.getBody().size() == 0)) {
      // the last finalizer went and the object with it: a real server still answers with it
      res.setBody(Json.write(target));
    }
    return out == null ? res : warn(res, req, out);
  }

  /** evanphx/json-patch's words for an operation on a path the document lacks. */
  private static String jsonPatchRefusal(JsonPatchException e) {
    String op = e.getOperation() == null ? "patch" : e.getOperation().name().toLowerCase();
    java.util.regex.Matcher field =
        java.util.regex.Pattern.compile("Missing field \"(.*)\"")
            .matcher(String.valueOf(e.getMessage()));
    String path = String.valueOf(e.getPath());
    if (field.find()) {
      return op
          + " operation does not apply: doc is missing key: "
          + (path.equals("/") ? "" : path)
          + "/"
          + field.group(1)
          + ": missing value";
    }
    return op + " operation does not apply: doc is missing path: " + path + ": missing value";
  }

  private Optional<MockResponse> refused(
      RequestInfo req, ApiResource r, String name, StructuralSchema.Outcome out) {
    if (!out.errors().isEmpty()) {
      return Optional.of(json(ApiErrors.invalid(r.group(), r.kind(), name, out.errors())));
    }
    if (!out.unknownFields().isEmpty() && "Strict".equals(req.query().get("fieldValidation"))) {
      return Optional.of(
          json(
              ApiErrors.badRequest(
                  r.kind()
                      + " in version \""
                      + r.version()
                      + "\" cannot be handled as a "
                      + r.kind()
                      + ": strict decoding error: "
                      + String.join(
                          ", ",
                          out.unknownFields().stream()
                              .map(f -> "unknown field \"" + f + "\"")
                              .toList()))));
    }
    return Optional.empty();
  }

  /**
   * Unknown fields were dropped: kube-apiserver says so in Warning headers (fieldValidation=Warn).
   */
  private MockResponse warn(MockResponse res, RequestInfo req, StructuralSchema.Outcome out) {
    for (String f : out.unknownFields()) {
      warnings.add(
          req.verb()
              + " "
              + req.resourceWithSubresource()
              + " "
              + req.namespace()
              + "/"
              + req.name()
              + ": unknown field \""
              + f
              + "\"");
      res.addHeader("Warning", "299 - \"unknown field \\\"" + f + "\\\"\"");
    }
    return res;
  }

  private boolean namespaceExists(String namespace) {
    return store.get("/api/v1/namespaces/" + namespace).isPresent();
  }

  private void changed(ApiResource r) {
    if (r.group().equals("rbac.authorization.k8s.io")) {
      rbac = null;
    }
    if (r.plural().equals("customresourcedefinitions")) {
      discovery = null;
    }
  }

  // ------------------------------------------------------------------------- reads and reviews

  private MockResponse table(RecordedRequest request, RequestInfo req, ApiResource r) {
    List<JsonNode> objects;
    if (req.name().isEmpty() || req.verb().equals("list")) {
      objects = store.list(request.getPath()); // with its query: label and field selectors
      if (!req.name().isEmpty()) {
        objects =
            objects.stream()
                .filter(o -> o.at("/metadata/name").asText().equals(req.name()))
                .toList();
      }
    } else {
      Optional<ObjectNode> o = store.get(req.path());
      if (o.isEmpty()) {
        return json(ApiErrors.notFound(req.group(), req.resource(), req.name()));
      }
      objects = List.of(o.get());
    }
    String rv =
        objects.stream().map(StrictDispatcher::resourceVersion).max(String::compareTo).orElse("0");
    return json(200, Tables.table(r, objects, rv));
  }

  private MockResponse nonResource(RequestInfo req) {
    if (req.path().equals("/version") || req.path().equals("/version/")) {
      return json(200, Discovery.version());
    }
    if (req.path().equals("/healthz")
        || req.path().equals("/livez")
        || req.path().equals("/readyz")) {
      return new MockResponse().setResponseCode(200).setBody("ok");
    }
    Optional<JsonNode> doc =
        discovery()
            .document(req.path(), serverAddress.get())
            .or(() -> discovery().openApi(req.path()));
    if (doc.isPresent()) {
      return json(200, doc.get());
    }
    // /openapi/v2 among them: kubectl takes v3 (its apply of custom resources then merge-patches)
    return new MockResponse()
        .setResponseCode(404)
        .setHeader("Content-Type", "application/json")
        .setBody(
            Json.write(
                ApiErrors.status(
                    404, "NotFound", "the server could not find the requested resource", null)));
  }

  private MockResponse review(
      RecordedRequest request, RequestInfo req, Subject who, ApiResource r) {
    if (!req.verb().equals("create")) {
      return json(
          ApiErrors.methodNotAllowed(
              "the server does not allow this method on the requested resource"));
    }
    ObjectNode review = body(request);
    ObjectNode status = review.putObject("status");
    JsonNode spec = review.path("spec");
    if (r.plural().equals("selfsubjectrulesreviews")) {
      String ns = spec.path("namespace").asText("");
      ArrayNode resourceRules = status.putArray("resourceRules");
      ArrayNode nonResourceRules = status.putArray("nonResourceRules");
      for (Rbac.Grant g : rbac().grants(who, ns)) {
        Rbac.Rule rule = g.rule();
        if (!rule.nonResourceURLs().isEmpty()) {
          ObjectNode n = nonResourceRules.addObject();
          n.set("verbs", Json.MAPPER.valueToTree(rule.verbs()));
          n.set("nonResourceURLs", Json.MAPPER.valueToTree(rule.nonResourceURLs()));
        } else {
          ObjectNode n = resourceRules.addObject();
          n.set("verbs", Json.MAPPER.valueToTree(rule.verbs()));
          n.set("apiGroups", Json.MAPPER.valueToTree(rule.apiGroups()));
          n.set("resources", Json.MAPPER.valueToTree(rule.resources()));
          if (!rule.resourceNames().isEmpty()) {
            n.set("resourceNames", Json.MAPPER.valueToTree(rule.resourceNames()));
          }
        }
      }
      status.put("incomplete", false);
    } else {
      RequestInfo asked = accessReviewRequest(spec);
      Optional<Rbac.Grant> allowed = rbac().allowing(who, asked);
      status.put("allowed", allowed.isPresent());
      allowed.ifPresent(g -> status.put("reason", g.reason(who)));
    }
    return json(201, review);
  }

  private static RequestInfo accessReviewRequest(JsonNode spec) {
    JsonNode ra = spec.path("resourceAttributes");
    if (ra.isObject()) {
      return new RequestInfo(
          "",
          "",
          Map.of(),
          true,
          ra.path("verb").asText(""),
          ra.path("group").asText(""),
          ra.path("version").asText(""),
          ra.path("namespace").asText(""),
          ra.path("resource").asText(""),
          ra.path("subresource").asText(""),
          ra.path("name").asText(""));
    }
    JsonNode nra = spec.path("nonResourceAttributes");
    return new RequestInfo(
        "",
        nra.path("path").asText(""),
        Map.of(),
        false,
        nra.path("verb").asText(""),
        "",
        "",
        "",
        "",
        "",
        "");
  }

  // -------------------------------------------------------------------------------- plumbing

  private synchronized Rbac rbac() {
    Rbac r = rbac;
    if (r == null) {
      List<JsonNode> objects = new java.util.ArrayList<>();
      for (String plural :
          List.of("clusterroles", "clusterrolebindings", "roles", "rolebindings")) {
        for (JsonNode o : store.list("/apis/rbac.authorization.k8s.io/v1/" + plural)) {
          ObjectNode typed = ((ObjectNode) o).deepCopy();
          typed.put("kind", kindOf(plural));
          objects.add(typed);
        }
      }
      r = Rbac.of(objects);
      rbac = r;
    }
    return r;
  }

  private static String kindOf(String plural) {
    return switch (plural) {
      case "clusterroles" -> "ClusterRole";
      case "clusterrolebindings" -> "ClusterRoleBinding";
      case "roles" -> "Role";
      default -> "RoleBinding";
    };
  }

  private synchronized Discovery discovery() {
    Discovery d = discovery;
    if (d == null) {
      d = new Discovery(store.list("/apis/apiextensions.k8s.io/v1/customresourcedefinitions"));
      discovery = d;
    }
    return d;
  }

  private Subject subject(String authorization) {
    if (authorization != null && authorization.startsWith("Bearer ")) {
      Subject s = tokens.get(authorization.substring(7).strip());
      if (s != null) {
        return s;
      }
    }
    return Subject.ADMIN;
  }

  private MockResponse store(RecordedRequest request) {
    MockResponse res = store.dispatch(request);
    if (res.getWebSocketListener() == null && res.header("Content-Type") == null) {
      res.setHeader("Content-Type", "application/json");
    }
    return res;
  }

  private static ObjectNode body(RecordedRequest request) {
    JsonNode n = Json.parse(text(request));
    if (!n.isObject()) {
      throw new IllegalArgumentException("the request body is no object");
    }
    return (ObjectNode) n;
  }

  private static String text(RecordedRequest request) {
    Buffer b = request.getBody();
    return b == null ? "" : new String(b.getBytes(), StandardCharsets.UTF_8);
  }

  private static String contentType(RecordedRequest request) {
    String t = request.getHeader("Content-Type");
    return t == null ? "" : t.split(";")[0].strip().toLowerCase();
  }

  private static RecordedRequest forward(RecordedRequest original, ObjectNode body) {
    return request(original, Json.write(body), Map.of("Content-Type", "application/json"));
  }

  /** A copy of the request with another body: the original stays as recorded. */
  private static RecordedRequest request(
      RecordedRequest original, String body, Map<String, String> headers) {
    var h = original.getHeaders().newBuilder();
    headers.forEach(h::set);
    return new RecordedRequest(
        original.getHttpVersion(),
        HttpMethod.valueOf(original.getMethod()),
        original.getPath(),
        h.build(),
        new Buffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String resourceVersion(JsonNode o) {
    return o.at("/metadata/resourceVersion").asText("");
  }

  private static MockResponse json(ObjectNode status) {
    return json(status.path("code").asInt(500), status);
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(Json.write(body));
  }

  private static Refusal refusal(Subject who, RequestInfo req, MockResponse res, String body) {
    String message = "";
    String reason = "";
    if (res.getBody() != null) {
      try {
        JsonNode s = Json.parse(new String(res.getBody().getBytes(), StandardCharsets.UTF_8));
        message = s.path("message").asText("");
        reason = s.path("reason").asText("");
      } catch (IllegalArgumentException e) {
        message = new String(res.getBody().getBytes(), StandardCharsets.UTF_8);
      }
    }
    return new Refusal(who.name(), res.code(), reason, req, message, body);
  }
}
