package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/** What kube-apiserver changes in a built-in object it stores, where clients could notice. */
final class Builtins {
  private Builtins() {}

  /**
   * A Secret's {@code stringData} is write-only: it is merged into {@code data} (base64) and never
   * stored or read back. True when the object changed.
   */
  static boolean mutate(ApiResource r, ObjectNode o) {
    if (!r.group().isEmpty() || !r.plural().equals("secrets") || !o.has("stringData")) {
      return false;
    }
    ObjectNode data =
        o.has("data") && o.get("data").isObject()
            ? (ObjectNode) o.get("data")
            : o.putObject("data");
    for (Iterator<Map.Entry<String, JsonNode>> it = o.get("stringData").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      data.put(
          f.getKey(),
          Base64.getEncoder()
              .encodeToString(f.getValue().asText().getBytes(StandardCharsets.UTF_8)));
    }
    o.remove("stringData");
    return true;
  }
}
