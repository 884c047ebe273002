package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * RFC 7386 JSON merge patch, as kube-apiserver applies {@code application/merge-patch+json}: a null
 * removes a field, an object merges into an object, anything else (lists too) replaces. The Fabric8
 * mock merges with Jackson's readerForUpdating instead, which keeps nulls; so patches are applied
 * here and handed to the mock as the exact JSON patch from the stored object to the result.
 */
final class MergePatch {
  private MergePatch() {}

  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getValue().isNull()) {
        result.remove(f.getKey());
      } else {
        result.set(f.getKey(), apply(result.get(f.getKey()), f.getValue()));
      }
    }
    return result;
  }
}
