package com.profitbricks.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official OpenAPI description of the Cloud API v6 ({@code
 * ../shared/reference/cloudapi-v6.yaml}) as a validator of request and response bodies.
 *
 * <p>Three known defects of the description are mended before use, each where the real API
 * contradicts its own description: (1) every {@code type} property is declared {@code type: object}
 * next to an {@code allOf} of the string enum {@code Type}, which no real answer satisfies; (2)
 * optional properties the API echoes as {@code null} (facts §2.1, §12) are not declared nullable,
 * so nulls are treated as absent; (3) collection items at depth 0 are bare references {@code {id,
 * type, href}} while the item schemas require {@code properties}.
 */
public final class OpenApiContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile OpenApiContract instance;

  /** One operation of the description. */
  public record Operation(
      String method,
      String template,
      Pattern pattern,
      int params,
      String requestSchema,
      Map<String, String> responseSchemas,
      Map<String, JsonNode> queryParameters) {
    public String key() {
      return method + " " + template;
    }
  }

  private final List<Operation> operations = new ArrayList<>();
  private final JsonSchemaFactory factory;
  private final String documentUri;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  private OpenApiContract(Path spec) throws IOException {
    JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(spec.toFile());
    mendTypeProperties(doc);
    Path out = Path.of("target", "contract", "cloudapi-v6.mended.json").toAbsolutePath();
    Files.createDirectories(out.getParent());
    JSON.writeValue(out.toFile(), doc);
    documentUri = out.toUri().toString();
    factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4,
            b ->
                b.metaSchema(OpenApi30.getInstance())
                    .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
        if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
          continue;
        }
        String request =
            op.getValue()
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema")
                .path("$ref")
                .asText(null);
        Map<String, String> responses = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> rs = op.getValue().path("responses").fields();
            rs.hasNext(); ) {
          Map.Entry<String, JsonNode> r = rs.next();
          String ref =
              r.getValue()
                  .path("content")
                  .path("application/json")
                  .path("schema")
                  .path("$ref")
                  .asText(null);
          if (ref != null) {
            responses.put(r.getKey(), ref);
          }
        }
        Map<String, JsonNode> query = new LinkedHashMap<>();
        for (JsonNode p : op.getValue().path("parameters")) {
          if ("query".equals(p.path("in").asText())) {
            query.put(p.path("name").asText(), p);
          }
        }
        String template = path.getKey();
        Matcher m = Pattern.compile("\\{[^}]+}").matcher(template);
        int params = 0;
        StringBuilder regex = new StringBuilder("^");
        int last = 0;
        while (m.find()) {
          regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
          last = m.end();
          params++;
        }
        regex.append(Pattern.quote(template.substring(last))).append("$");
        operations.add(
            new Operation(
                method,
                template,
                Pattern.compile(regex.toString()),
                params,
                request,
                responses,
                query));
      }
    }
  }

  /** The description, or null when the reference file is absent (a user's clone). */
  public static OpenApiContract load() {
    if (instance == null) {
      synchronized (OpenApiContract.class) {
        Path spec = specPath();
        if (instance == null && Files.isRegularFile(spec)) {
          try {
            instance = new OpenApiContract(spec);
          } catch (IOException e) {
            throw new IllegalStateException("cannot read " + spec, e);
          }
        }
      }
    }
    return instance;
  }

  public static Path specPath() {
    return Path.of(System.getProperty("cloudapi.spec", "../shared/reference/cloudapi-v6.yaml"));
  }

  public List<Operation> operations() {
    return operations;
  }

  /** The operation for a method and a path below the base URL, the most literal match first. */
  public Operation find(String method, String path) {
    Operation best = null;
    for (Operation op : operations) {
      if (op.method().equals(method)
          && op.pattern().matcher(path).matches()
          && (best == null || op.params() < best.params())) {
        best = op;
      }
    }
    return best;
  }

  /** Calls whose documented body may be a bare reference {@code {"id"}}: the attach calls. */
  private static final Pattern ATTACH =
      Pattern.compile(
          "POST /datacenters/\\{datacenterId}/(servers/\\{serverId}/(volumes|cdroms)"
              + "|lans/\\{lanId}/nics|loadbalancers/\\{loadbalancerId}/balancednics)");

  /**
   * Checks a request's query parameters: each must be declared for the operation, integers within
   * their bounds, booleans {@code true}/{@code false}, and the request-log dates in the documented
   * {@code yyyy-MM-dd HH:mm:ss} form.
   */
  public List<String> validateQuery(Operation op, Map<String, String> query) {
    List<String> out = new ArrayList<>();
    query.forEach(
        (name, value) -> {
          JsonNode p = op.queryParameters().get(name);
          if (p == null) {
            out.add("request " + op.key() + ": query parameter " + name + " is not declared");
            return;
          }
          JsonNode schema = p.path("schema");
          String type = schema.path("type").asText();
          if (type.equals("integer")) {
            try {
              long v = Long.parseLong(value);
              if ((schema.has("minimum") && v < schema.get("minimum").asLong())
                  || (schema.has("maximum") && v > schema.get("maximum").asLong())) {
                out.add("request " + op.key() + ": " + name + "=" + value + " is out of bounds");
              }
            } catch (NumberFormatException e) {
              out.add("request " + op.key() + ": " + name + "=" + value + " is not an integer");
            }
          } else if (type.equals("boolean") && !value.matches("true|false")) {
            out.add("request " + op.key() + ": " + name + "=" + value + " is not a boolean");
          } else if (name.matches("filter\\.created(After|Before|Date)")
              && p.path("description").asText().contains("yyyy-MM-dd HH:mm:ss")
              && !value.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
            out.add(
                "request "
                    + op.key()
                    + ": "
                    + name
                    + "="
                    + value
                    + " is not in the documented yyyy-MM-dd HH:mm:ss form");
          }
        });
    return out;
  }

  public List<String> validateRequest(Operation op, JsonNode body) {
    if (op.requestSchema() == null) {
      return List.of();
    }
    // a bare reference is a whole body only where the API documents it (attach calls); inside a
    // create (a composite server's volumes) v6 wants whole objects (facts §13a E11)
    List<String> errors =
        validate(
            op.requestSchema(),
            body,
            "request " + op.key(),
            ATTACH.matcher(op.key()).matches() && body != null && body.size() == 1);
    if (op.method().equals("PATCH")) {
      errors =
          errors.stream()
              .filter(e -> !e.matches(".*: \\$: required property '[^']+' not found"))
              .toList();
    }
    return errors;
  }

  /**
   * Validates an answer; error statuses are checked against the operation's default (Error) schema.
   */
  public List<String> validateResponse(Operation op, int status, JsonNode body) {
    String ref = op.responseSchemas().get(Integer.toString(status));
    if (ref == null && status >= 400) {
      ref = op.responseSchemas().get("default");
    }
    if (ref == null || body == null) {
      return List.of();
    }
    return validate(ref, withoutNulls(body), "response " + status + " of " + op.key(), true);
  }

  /**
   * {@code references}: bare references {@code {id, type, href}} stand for objects (answers at
   * depth 0, the body of an attach call); elsewhere an object must have its properties.
   */
  private List<String> validate(String ref, JsonNode body, String what, boolean references) {
    JsonSchema schema =
        schemas.computeIfAbsent(ref, r -> factory.getSchema(SchemaLocation.of(documentUri + r)));
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : schema.validate(body)) {
      if (references && isReferenceItem(m)) {
        continue;
      }
      out.add(what + ": " + m.getMessage());
    }
    return out;
  }

  private static boolean isReferenceItem(ValidationMessage m) {
    JsonNode n = m.getInstanceNode();
    if (!"required".equals(m.getType())
        || !"properties".equals(m.getProperty())
        || n == null
        || !n.isObject()) {
      return false;
    }
    for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
      if (!List.of("id", "type", "href").contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = JSON.createObjectNode();
      node.fields()
          .forEachRemaining(
              f -> {
                if (!f.getValue().isNull()) {
                  o.set(f.getKey(), withoutNulls(f.getValue()));
                }
              });
      return o;
    }
    if (node.isArray()) {
      ArrayNode a = JSON.createArrayNode();
      node.forEach(i -> a.add(withoutNulls(i)));
      return a;
    }
    return node;
  }

  private static void mendTypeProperties(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      JsonNode allOf = o.get("allOf");
      if ("object".equals(o.path("type").asText())
          && allOf != null
          && allOf.size() == 1
          && "#/components/schemas/Type".equals(allOf.get(0).path("$ref").asText())) {
        o.remove("type");
      }
      o.forEach(OpenApiContract::mendTypeProperties);
    } else if (node.isArray()) {
      node.forEach(OpenApiContract::mendTypeProperties);
    }
  }
}
