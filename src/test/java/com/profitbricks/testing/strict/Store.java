package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The storage behind the strict API: the Fabric8 mock's CRUD dispatcher (objects, resourceVersions,
 * generations, watches, finalizers, the status subresource of stored CRDs), read directly by the
 * strict layer and written only through it.
 */
final class Store extends KubernetesCrudDispatcher {
  /**
   * Set while a create is forwarded that already went through the CRD's defaulting: the mock drops
   * the status of a created custom resource, as a real server drops the client's; but the status a
   * real server then shows is the schema's default ({@code observedGeneration: -1} here), which the
   * strict layer put in, and which must stay.
   */
  private static final ThreadLocal<Boolean> KEEP_STATUS = ThreadLocal.withInitial(() -> false);

  @Override
  public boolean isStatusSubresourceEnabledForResource(String path) {
    return !KEEP_STATUS.get() && super.isStatusSubresourceEnabledForResource(path);
  }

  MockResponse createKeepingStatus(io.fabric8.mockwebserver.http.RecordedRequest request) {
    KEEP_STATUS.set(true);
    try {
      return dispatch(request);
    } finally {
      KEEP_STATUS.set(false);
    }
  }

  /** The stored object at a path (no subresource), if any. */
  Optional<ObjectNode> get(String path) {
    MockResponse r = handleGet(path);
    if (r.code() != 200 || r.getBody() == null) {
      return Optional.empty();
    }
    JsonNode n =
        Json.parse(new String(r.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8));
    return n.isObject() && !n.has("items") ? Optional.of((ObjectNode) n) : Optional.empty();
  }

  /** The stored objects of a collection path (all namespaces when it names none). */
  List<JsonNode> list(String path) {
    MockResponse r = handleGet(path);
    List<JsonNode> out = new ArrayList<>();
    if (r.code() == 200 && r.getBody() != null) {
      Json.parse(new String(r.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .path("items")
          .forEach(out::add);
    }
    return out;
  }
}
