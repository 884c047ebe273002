package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What kube-apiserver does with a custom resource against its CRD's structural {@code
 * openAPIV3Schema} before storing it, in its order: prunes fields the schema does not know (and
 * nulls of non-nullable fields), applies defaults, then validates (type, required, enum, bounds,
 * lengths, pattern, format, item counts, list-type map/set uniqueness, int-or-string) and runs the
 * CEL rules. On an update it ratchets like Kubernetes 1.30+: a part of the object equal to the
 * stored one is not validated again, so an unchanged invalid value does not block a status write.
 * The messages are kube-openapi's, wrapped in apimachinery's field errors.
 */
public final class StructuralSchema {
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private static final Pattern UUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$");

  /** The object as it would be stored, what was wrong with it, and the fields dropped. */
  public record Outcome(ObjectNode object, List<FieldError> errors, List<String> unknownFields) {}

  private StructuralSchema() {}

  /** Prunes, defaults and validates {@code object}; {@code old} is the stored object on update. */
  public static Outcome admit(JsonNode schema, ObjectNode object, JsonNode old) {
    ObjectNode o = object.deepCopy();
    List<String> unknown = new ArrayList<>();
    prune(schema, o, "", unknown, true);
    applyDefaults(schema, o);
    List<FieldError> errors = new ArrayList<>();
    validate(schema, o, old, "", errors, true);
    return new Outcome(o, errors, unknown);
  }

  /** Only pruning and defaulting: what a stored object reads like (nothing to refuse). */
  static void pruneAndDefault(JsonNode schema, ObjectNode o) {
    prune(schema, o, "", new ArrayList<>(), true);
    applyDefaults(schema, o);
  }

  // ------------------------------------------------------------------------------------ pruning

  private static void prune(
      JsonNode schema, JsonNode node, String path, List<String> unknown, boolean root) {
    if (node instanceof ObjectNode obj) {
      JsonNode props = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String key = f.getKey();
        if (root && ROOT_FIELDS.contains(key)) {
          continue;
        }
        String child = join(path, key);
        JsonNode sub = props.has(key) ? props.get(key) : additional.isObject() ? additional : null;
        if (sub == null && !preserve && !additional.asBoolean(false)) {
          unknown.add(child);
          it.remove();
        } else if (f.getValue().isNull() && sub != null && !sub.path("nullable").asBoolean()) {
          it.remove(); // Kubernetes drops nulls of non-nullable fields before defaulting
        } else if (sub != null) {
          prune(sub, f.getValue(), child, unknown, false);
        }
      }
    } else if (node instanceof ArrayNode arr && schema.has("items")) {
      for (int i = 0; i < arr.size(); i++) {
        prune(schema.get("items"), arr.get(i), path + "[" + i + "]", unknown, false);
      }
    }
  }

  // ---------------------------------------------------------------------------------- defaulting

  private static void applyDefaults(JsonNode schema, JsonNode node) {
    if (node instanceof ObjectNode obj) {
      JsonNode props = schema.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        if (!obj.has(p.getKey()) && p.getValue().has("default")) {
          obj.set(p.getKey(), p.getValue().get("default").deepCopy());
        }
        if (obj.has(p.getKey())) {
          applyDefaults(p.getValue(), obj.get(p.getKey()));
        }
      }
      if (schema.path("additionalProperties").isObject()) {
        obj.elements().forEachRemaining(v -> applyDefaults(schema.get("additionalProperties"), v));
      }
    } else if (node instanceof ArrayNode arr && schema.has("items")) {
      arr.forEach(item -> applyDefaults(schema.get("items"), item));
    }
  }

  // ---------------------------------------------------------------------------------- validation

  private static void validate(
      JsonNode schema,
      JsonNode node,
      JsonNode old,
      String path,
      List<FieldError> out,
      boolean root) {
    if (old != null && !old.isMissingNode() && node.equals(old)) {
      return; // ratcheting: unchanged since the last write
    }
    if (node.isNull()) {
      if (!schema.path("nullable").asBoolean()) {
        out.add(typeError(path, node, schema.path("type").asText()));
      }
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
      if (!node.isIntegralNumber() && !node.isTextual()) {
        out.add(typeError(path, node, "integer-or-string"));
        return;
      }
    } else if (schema.has("type") && !hasType(node, schema.get("type").asText())) {
      out.add(typeError(path, node, schema.get("type").asText()));
      return;
    }
    if (schema.has("enum")) {
      boolean listed = false;
      List<String> values = new ArrayList<>();
      for (JsonNode e : schema.get("enum")) {
        listed |=
            e.equals(node) || (e.isNumber() && node.isNumber() && num(e).compareTo(num(node)) == 0);
        values.add(e.isTextual() ? e.asText() : Json.write(e));
      }
      if (!listed) {
        out.add(FieldError.notSupported(path, node, values));
      }
    }
    if (node.isTextual()) {
      strings(schema, node, path, out);
    } else if (node.isNumber()) {
      numbers(schema, node, path, out);
    } else if (node.isArray()) {
      arrays(schema, (ArrayNode) node, old, path, out);
    } else if (node.isObject()) {
      objects(schema, (ObjectNode) node, old, path, out, root);
    }
    out.addAll(CelRules.check(schema, path, node, old));
  }

  private static void strings(JsonNode schema, JsonNode node, String path, List<FieldError> out) {
    String s = node.asText();
    int length = s.codePointCount(0, s.length());
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      out.add(
          new FieldError(
              FieldError.Type.TOO_LONG,
              path,
              node,
              "may not be more than " + schema.get("maxLength").asInt() + " bytes"));
    }
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      out.add(
          FieldError.invalid(
              path,
              node,
              path
                  + " in body should be at least "
                  + schema.get("minLength").asInt()
                  + " chars long"));
    }
    if (schema.has("pattern")) {
      String p = schema.get("pattern").asText();
      if (!PATTERNS.computeIfAbsent(p, Pattern::compile).matcher(s).find()) {
        out.add(FieldError.invalid(path, node, path + " in body should match '" + p + "'"));
      }
    }
    if (schema.has("format") && !formatted(schema.get("format").asText(), s)) {
      out.add(
          FieldError.invalid(
              path,
              node,
              path
                  + " in body must be of type "
                  + schema.get("format").asText()
                  + ": "
                  + Json.write(node)));
    }
  }

  private static boolean formatted(String format, String s) {
    try {
      switch (format) {
        case "date-time" -> OffsetDateTime.parse(s);
        case "date" -> LocalDate.parse(s);
        case "uuid" -> {
          return UUID.matcher(s).matches();
        }
        case "ipv4" -> {
          return IPV4.matcher(s).matches();
        }
        case "byte" -> Base64.getDecoder().decode(s);
        default -> {
          return true; // a format this server does not know is not checked, as in Kubernetes
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void numbers(JsonNode schema, JsonNode node, String path, List<FieldError> out) {
    BigDecimal v = num(node);
    if (schema.has("minimum")) {
      BigDecimal min = num(schema.get("minimum"));
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean();
      if (exclusive ? v.compareTo(min) <= 0 : v.compareTo(min) < 0) {
        out.add(
            FieldError.invalid(
                path,
                node,
                path
                    + " in body should be greater than "
                    + (exclusive ? "" : "or equal to ")
                    + show(min)));
      }
    }
    if (schema.has("maximum")) {
      BigDecimal max = num(schema.get("maximum"));
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean();
      if (exclusive ? v.compareTo(max) >= 0 : v.compareTo(max) > 0) {
        out.add(
            FieldError.invalid(
                path,
                node,
                path
                    + " in body should be less than "
                    + (exclusive ? "" : "or equal to ")
                    + show(max)));
      }
    }
    if (schema.has("multipleOf")) {
      BigDecimal m = num(schema.get("multipleOf"));
      if (m.signum() != 0 && v.remainder(m).signum() != 0) {
        out.add(
            FieldError.invalid(path, node, path + " in body should be a multiple of " + show(m)));
      }
    }
    if (schema.path("format").asText().equals("int32")
        && (v.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
            || v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)) {
      out.add(FieldError.invalid(path, node, path + " in body must be of type int32: " + show(v)));
    }
  }

  private static void arrays(
      JsonNode schema, ArrayNode arr, JsonNode old, String path, List<FieldError> out) {
    if (schema.has("minItems") && arr.size() < schema.get("minItems").asInt()) {
      out.add(
          FieldError.invalid(
              path,
              Json.MAPPER.valueToTree(arr.size()),
              path + " in body should have at least " + schema.get("minItems").asInt() + " items"));
    }
    if (schema.has("maxItems") && arr.size() > schema.get("maxItems").asInt()) {
      out.add(
          new FieldError(
              FieldError.Type.TOO_MANY,
              path,
              Json.MAPPER.valueToTree(arr.size()),
              "must have at most " + schema.get("maxItems").asInt() + " items"));
    }
    String listType = schema.path("x-kubernetes-list-type").asText("atomic");
    List<String> keys = new ArrayList<>();
    schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode item = arr.get(i);
      String at = path + "[" + i + "]";
      if (listType.equals("map") && item.isObject()) {
        ObjectNode key = Json.object();
        keys.forEach(k -> key.set(k, item.path(k).isMissingNode() ? null : item.get(k)));
        if (!seen.add(key)) {
          out.add(new FieldError(FieldError.Type.DUPLICATE, at, key, ""));
        }
      } else if (listType.equals("set") && !seen.add(item)) {
        out.add(new FieldError(FieldError.Type.DUPLICATE, at, item, ""));
      }
      // only the items of a map-list correlate with the stored ones (by their keys), as in
      // Kubernetes: transition rules and ratcheting see no old value inside other lists
      JsonNode oldItem = listType.equals("map") ? oldItem(old, item, keys) : null;
      if (schema.has("items")) {
        validate(schema.get("items"), item, oldItem, at, out, false);
      }
    }
  }

  private static JsonNode oldItem(JsonNode old, JsonNode item, List<String> keys) {
    if (old == null || !old.isArray()) {
      return null;
    }
    for (JsonNode o : old) {
      if (keys.stream().allMatch(k -> o.path(k).equals(item.path(k)))) {
        return o;
      }
    }
    return null;
  }

  private static void objects(
      JsonNode schema,
      ObjectNode obj,
      JsonNode old,
      String path,
      List<FieldError> out,
      boolean root) {
    for (JsonNode r : schema.path("required")) {
      if (!obj.has(r.asText())) {
        out.add(FieldError.required(join(path, r.asText())));
      }
    }
    if (schema.has("minProperties") && obj.size() < schema.get("minProperties").asInt()) {
      out.add(
          FieldError.invalid(
              path,
              Json.MAPPER.valueToTree(obj.size()),
              path
                  + " in body should have at least "
                  + schema.get("minProperties").asInt()
                  + " properties"));
    }
    if (schema.has("maxProperties") && obj.size() > schema.get("maxProperties").asInt()) {
      out.add(
          new FieldError(
              FieldError.Type.TOO_MANY,
              path,
              Json.MAPPER.valueToTree(obj.size()),
              "must have at most " + schema.get("maxProperties").asInt() + " items"));
    }
    JsonNode props = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (root && ROOT_FIELDS.contains(f.getKey())) {
        continue;
      }
      JsonNode sub =
          props.has(f.getKey()) ? props.get(f.getKey()) : additional.isObject() ? additional : null;
      if (sub != null) {
        JsonNode oldChild = old == null ? null : old.get(f.getKey());
        validate(sub, f.getValue(), oldChild, join(path, f.getKey()), out, false);
      }
    }
  }

  // --------------------------------------------------------------------------------- helpers

  private static boolean hasType(JsonNode node, String type) {
    return switch (type) {
      case "object" -> node.isObject();
      case "array" -> node.isArray();
      case "string" -> node.isTextual();
      case "boolean" -> node.isBoolean();
      case "number" -> node.isNumber();
      case "integer" ->
          node.isIntegralNumber()
              || (node.isNumber() && num(node).stripTrailingZeros().scale() <= 0);
      default -> true;
    };
  }

  private static FieldError typeError(String path, JsonNode node, String type) {
    String actual = jsonType(node);
    return FieldError.invalid(
        path,
        TextNode.valueOf(actual),
        path + " in body must be of type " + type + ": \"" + actual + "\"");
  }

  private static String jsonType(JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    if (node.isObject()) {
      return "object";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isTextual()) {
      return "string";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    return node.isIntegralNumber() ? "integer" : "number";
  }

  private static BigDecimal num(JsonNode n) {
    return n.decimalValue();
  }

  /** Go's %v of a float64: 62.0 is "62". */
  private static String show(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() <= 0 ? s.toBigInteger().toString() : s.toPlainString();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
