package com.profitbricks.operator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Objects;

/** Status goes to the API server only when it changed, and the object in hand follows the write. */
final class StatusWrites<
    R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Writes the status when it changed, keeping JOSDK's cache consistent. */
  void persist(R cr, Context<R> ctx, T status) {
    if (Objects.equals(cr.getStatus(), status) || sameContent(cr.getStatus(), status)) {
      return;
    }
    T toWrite = copy(status);
    // A JSON Patch from the status in hand to the new one, through JOSDK so that the next
    // reconcile reads this write even before the informer has seen it (no duplicate creates).
    // Not server-side apply, and not a JSON merge patch: the Fabric8 mock API server of the
    // tests appends arrays on a merge patch, so conditions would pile up there.
    R written =
        ctx.resourceOperations()
            .jsonPatchPrimaryStatus(
                copyResource(cr),
                c -> {
                  c.setStatus(toWrite);
                  return c;
                });
    cr.setStatus(written.getStatus() == null ? toWrite : written.getStatus());
    cr.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
  }

  /**
   * Equal but for nulls, empty lists and absent fields: the API server may give back a list the
   * operator wrote empty as absent (and the other way round), and a write of that difference alone
   * changes nothing but the object's resourceVersion.
   */
  static boolean sameContent(Object a, Object b) {
    return a != null
        && b != null
        && pruned(JSON.valueToTree(a)).equals(pruned(JSON.valueToTree(b)));
  }

  private static JsonNode pruned(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = JSON.createObjectNode();
      n.fields()
          .forEachRemaining(
              e -> {
                JsonNode v = pruned(e.getValue());
                if (!v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
                  o.set(e.getKey(), v);
                }
              });
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JSON.createArrayNode();
      n.forEach(x -> a.add(pruned(x)));
      return a;
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  private R copyResource(R cr) {
    return (R) JSON.convertValue(cr, cr.getClass());
  }

  @SuppressWarnings("unchecked")
  T copy(T status) {
    return (T) JSON.convertValue(status, status.getClass());
  }
}
