package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side printing: what kube-apiserver answers kubectl's {@code get} (which asks for {@code
 * as=Table}) for a custom resource, a Name column and the CRD's additionalPrinterColumns, dates
 * shown as ages. So {@code kubectl get pbservers} shows READY, REASON, ID, ... as on a cluster.
 * Only the simple JSONPath the CRDs use is understood: {@code .a.b} and {@code [?(@.k=="v")]}.
 */
final class Tables {
  private static final Pattern FILTER =
      Pattern.compile("\\[\\?\\(@\\.([A-Za-z0-9_]+)\\s*==\\s*[\"']([^\"']*)[\"']\\)]");

  private Tables() {}

  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  static ObjectNode table(ApiResource r, List<JsonNode> objects, String resourceVersion) {
    ObjectNode t = Json.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    t.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode columns = t.putArray("columnDefinitions");
    columns
        .addObject()
        .put("name", "Name")
        .put("type", "string")
        .put("format", "name")
        .put("description", "Name must be unique within a namespace.")
        .put("priority", 0);
    JsonNode printer = r.crdVersion().path("additionalPrinterColumns");
    for (JsonNode c : printer) {
      columns
          .addObject()
          .put("name", c.path("name").asText())
          .put("type", c.path("type").asText("string"))
          .put("format", c.path("format").asText(""))
          .put(
              "description",
              c.path("description")
                  .asText(
                      "Custom resource definition column (in JSONPath format): "
                          + c.path("jsonPath").asText()))
          .put("priority", c.path("priority").asInt(0));
    }
    ArrayNode rows = t.putArray("rows");
    for (JsonNode o : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(o.at("/metadata/name").asText());
      for (JsonNode c : printer) {
        cells.add(cell(c.path("type").asText("string"), find(o, c.path("jsonPath").asText())));
      }
      ObjectNode partial =
          row.putObject("object")
              .put("kind", "PartialObjectMetadata")
              .put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", o.path("metadata").deepCopy());
    }
    return t;
  }

  /** The first value at a simple JSONPath, or null. */
  static JsonNode find(JsonNode o, String path) {
    List<JsonNode> current = new ArrayList<>(List.of(o));
    String rest = path.strip();
    while (!rest.isEmpty()) {
      List<JsonNode> next = new ArrayList<>();
      Matcher f = FILTER.matcher(rest);
      if (f.lookingAt()) {
        for (JsonNode n : current) {
          for (JsonNode item : n) {
            if (item.path(f.group(1)).asText().equals(f.group(2))) {
              next.add(item);
            }
          }
        }
        rest = rest.substring(f.end());
      } else if (rest.startsWith(".")) {
        int end = 1;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        String field = rest.substring(1, end);
        current.forEach(
            n -> {
              if (n.has(field)) {
                next.add(n.get(field));
              }
            });
        rest = rest.substring(end);
      } else {
        return null; // beyond what this server understands: an empty cell
      }
      current = next;
    }
    return current.isEmpty() ? null : current.get(0);
  }

  private static JsonNode cell(String type, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    return switch (type) {
      case "date" -> {
        try {
          yield Json.MAPPER.valueToTree(
              age(Duration.between(Instant.parse(v.asText()), Instant.now())));
        } catch (RuntimeException e) {
          yield Json.MAPPER.valueToTree("<invalid>");
        }
      }
      case "integer" -> v.isNumber() ? Json.MAPPER.valueToTree(v.asLong()) : null;
      case "number" -> v.isNumber() ? v : null;
      case "boolean" -> v.isBoolean() ? v : null;
      default -> Json.MAPPER.valueToTree(v.isValueNode() ? v.asText() : Json.write(v));
    };
  }

  /** apimachinery's duration.HumanDuration: 45s, 3m20s, 12m, 5h10m, 3d4h, ... */
  static String age(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = d.toMinutes();
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 180) {
      return minutes + "m";
    }
    long hours = d.toHours();
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    return hours / 24 / 365 + "y";
  }
}
