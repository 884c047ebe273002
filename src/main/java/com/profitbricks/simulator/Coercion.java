package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * A property value as the real API reads it: leniently ({@code "true"} for a boolean, {@code "2"}
 * for a number, facts §8), within its enum and range, or refused with the API's 422.
 */
final class Coercion {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern MAC = Pattern.compile("^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$");

  private Coercion() {}

  static JsonNode coerce(Rules.Prop p, JsonNode v, String path) {
    return switch (p.kind()) {
      case STRING -> string(p, v, path);
      case BOOL -> bool(v, path);
      case INT -> integer(p, v, path);
      case NUMBER -> number(v, path);
      case STRINGS -> strings(v, path);
      case REF -> ref(v, path);
      case OBJECTS -> {
        if (!v.isArray()) {
          throw ApiError.validation("[(root)." + path + "] must be an array");
        }
        yield v;
      }
      case IPV4 -> {
        if (!v.isTextual() || !Rules.IPV4.matcher(v.asText()).matches()) {
          throw ApiError.validation(
              "[(root)." + path + "] '" + v.asText() + "' is not a valid IPv4 address");
        }
        yield v;
      }
      case MAC -> {
        if (!v.isTextual() || !MAC.matcher(v.asText()).matches()) {
          throw ApiError.validation(
              "[(root)." + path + "] '" + v.asText() + "' is not a valid MAC address");
        }
        yield F.textNode(v.asText().toLowerCase(java.util.Locale.ROOT));
      }
    };
  }

  private static JsonNode string(Rules.Prop p, JsonNode v, String path) {
    if (!v.isValueNode()) {
      throw ApiError.validation("[(root)." + path + "] must be a string");
    }
    String s = v.asText();
    if (p.values() != null && !p.values().contains(s)) {
      throw ApiError.notInEnum(
          "[(root)." + path + "] '" + s + "' is not one of " + new java.util.TreeSet<>(p.values()));
    }
    return F.textNode(s);
  }

  private static JsonNode bool(JsonNode v, String path) {
    if (v.isBoolean()) {
      return v;
    }
    if (v.isTextual()
        && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
      return F.booleanNode(Boolean.parseBoolean(v.asText()));
    }
    throw ApiError.validation("[(root)." + path + "] must be a boolean");
  }

  private static JsonNode integer(Rules.Prop p, JsonNode v, String path) {
    long n;
    if (v.isIntegralNumber()) {
      n = v.asLong();
    } else if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble())) {
      n = (long) v.asDouble();
    } else if (v.isTextual() && v.asText().trim().matches("-?\\d{1,12}")) {
      n = Long.parseLong(v.asText().trim());
    } else {
      throw ApiError.validation("[(root)." + path + "] must be an integer");
    }
    if ((p.min() != null && n < p.min()) || (p.max() != null && n > p.max())) {
      throw ApiError.validation(
          "[(root)."
              + path
              + "] must be within "
              + (p.min() == null ? "" : p.min())
              + ".."
              + (p.max() == null ? "" : p.max())
              + ", was "
              + n);
    }
    return F.numberNode((int) n);
  }

  private static JsonNode number(JsonNode v, String path) {
    if (v.isNumber()) {
      return v;
    }
    if (v.isTextual()) {
      try {
        return F.numberNode(new java.math.BigDecimal(v.asText().trim()));
      } catch (NumberFormatException e) {
        // not a number: refused below
      }
    }
    throw ApiError.validation("[(root)." + path + "] must be a number");
  }

  private static JsonNode strings(JsonNode v, String path) {
    if (!v.isArray()) {
      throw ApiError.validation("[(root)." + path + "] must be an array of strings");
    }
    ArrayNode a = F.arrayNode();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw ApiError.validation("[(root)." + path + "] must be an array of strings");
      }
      a.add(item);
    }
    return a;
  }

  private static JsonNode ref(JsonNode v, String path) {
    if (!v.isObject() || v.path("id").asText("").isEmpty()) {
      throw ApiError.validation("[(root)." + path + "] must be a reference {\"id\": \"...\"}");
    }
    ObjectNode ref = F.objectNode();
    ref.put("id", v.get("id").asText());
    return ref;
  }
}
