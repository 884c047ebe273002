package com.profitbricks.operator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
    R written;
    try {
      written =
          ctx.resourceOperations()
              .jsonPatchPrimaryStatus(
                  copyResource(cr),
                  c -> {
                    c.setStatus(toWrite);
                    return c;
                  });
    } catch (KubernetesClientException e) {
      throw refused(cr, ctx, e);
    }
    cr.setStatus(written.getStatus() == null ? toWrite : written.getStatus());
    cr.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
  }

  /**
   * A JSON Patch is diffed from the status in hand: when the stored status lost a key since
   * (another writer), kube-apiserver refuses the patch with 422 ("doc is missing key"), and would
   * again for as long as the informer's copy lags. The stored object is read afresh and the object
   * in hand takes its place, so the pass can be made again from what is stored; writing this status
   * over it would undo the other write on decisions made from the old status (a recorded request
   * lost, a create sent twice). A refusal with the stored status the same as the one in hand is no
   * such race and is passed on.
   */
  private RuntimeException refused(R cr, Context<R> ctx, KubernetesClientException e) {
    if (e.getCode() != 409 && e.getCode() != 422) {
      return e;
    }
    R stored =
        ctx.getClient()
            .resources(resourceClass(cr))
            .inNamespace(cr.getMetadata().getNamespace())
            .withName(cr.getMetadata().getName())
            .get();
    if (stored == null
        || Objects.equals(stored.getStatus(), cr.getStatus())
        || sameContent(stored.getStatus(), cr.getStatus())) {
      return e;
    }
    cr.setMetadata(stored.getMetadata());
    setSpec(cr, stored);
    cr.setStatus(stored.getStatus());
    return new StaleStatus(
        "status of "
            + cr.getMetadata().getName()
            + " changed since it was read ("
            + e.getCode()
            + "): made again from the stored one",
        e);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void setSpec(CustomResource cr, CustomResource stored) {
    cr.setSpec(stored.getSpec());
  }

  @SuppressWarnings("unchecked")
  private Class<R> resourceClass(R cr) {
    return (Class<R>) cr.getClass();
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
