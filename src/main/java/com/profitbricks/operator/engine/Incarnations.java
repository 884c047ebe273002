package com.profitbricks.operator.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Objects;

/**
 * Whether the object a cleanup was handed is still the one stored under its name. The operator SDK
 * can hand a cleanup an object that is gone already: a step after the finalizer's removal failed
 * (the Fabric8 mock API server answers that patch without a body), and the retry, or the next event
 * of the name, takes the object from a cache that still holds it. Meanwhile an object of the same
 * name may have been created: a cleanup of the old one would then write the old status over the new
 * one's and, the SDK's finalizer patch reading the object again by name after a conflict, take the
 * new one's finalizer away, after which the SDK ignores the new object for good (it waits for a
 * delete that never comes).
 */
final class Incarnations {
  /** What the stored object is to the one in hand. */
  enum Stored {
    /** The same object (same uid): its cleanup goes on. */
    SAME,
    /** Nothing is stored under the name: the object is gone, its finalizer removed already. */
    GONE,
    /** Another object has the name now: it is reconciled on its own, never cleaned up for this. */
    REPLACED,
    /** The API server did not answer: looked at again later, nothing done meanwhile. */
    UNKNOWN
  }

  private Incarnations() {}

  /** A read of the API server, not of a cache: the cache is what may be behind. */
  static <R extends HasMetadata> Stored stored(R cr, Context<R> ctx) {
    @SuppressWarnings("unchecked")
    Class<R> type = (Class<R>) cr.getClass();
    try {
      return of(
          cr,
          ctx.getClient()
              .resources(type)
              .inNamespace(cr.getMetadata().getNamespace())
              .withName(cr.getMetadata().getName())
              .get());
    } catch (KubernetesClientException e) {
      return Stored.UNKNOWN;
    }
  }

  static Stored of(HasMetadata inHand, HasMetadata stored) {
    if (stored == null) {
      return Stored.GONE;
    }
    return Objects.equals(stored.getMetadata().getUid(), inHand.getMetadata().getUid())
        ? Stored.SAME
        : Stored.REPLACED;
  }
}
