package com.profitbricks.operator.engine;

import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads of the operator's own kinds during a reconcile: from the informer caches the reconciler
 * already keeps for wake-ups (its primary kind, and each kind it watches for references), not with
 * an API-server GET in every pass. A kind the reconciler has no informer for is read from the API
 * server as before. Caches trail the API server by an event at most, and the informer wakes the
 * object when what it read changes.
 */
public final class Lookup {
  /**
   * {@code credentials}: the scope of the credentials of the object passing (status.credentials),
   * which its references must share; null where nothing is refused (a cleanup).
   */
  private record Scope(Context<?> ctx, Class<?> primary, String credentials) {}

  /**
   * The object refers to one reached with other credentials: the two are in different contracts (a
   * server of one cannot use a volume or a LAN of another), so the reference is refused.
   */
  public static final class OtherCredentials extends RuntimeException {
    OtherCredentials(String message) {
      super(message, null, false, false);
    }
  }

  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private Lookup() {}

  /** Runs a pass over an object of kind {@code primary} with the reconcile's caches at hand. */
  static <T> T within(Context<?> ctx, Class<?> primary, Supplier<T> pass) {
    return within(ctx, primary, null, pass);
  }

  /** As above; each object read is refused unless it uses the credentials {@code credentials}. */
  static <T> T within(Context<?> ctx, Class<?> primary, String credentials, Supplier<T> pass) {
    Scope before = CURRENT.get();
    CURRENT.set(new Scope(ctx, primary, credentials));
    try {
      return pass.get();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }

  /**
   * The object a reference names, or null.
   *
   * @throws OtherCredentials it is reached with other credentials than the object passing
   */
  public static <T extends HasMetadata> T get(
      KubernetesClient kube, Class<T> type, String namespace, String name) {
    Optional<Cache<T>> cache = cache(type);
    T found =
        cache.isPresent()
            ? cache.get().get(new ResourceID(name, namespace)).orElse(null)
            : kube.resources(type).inNamespace(namespace).withName(name).get();
    Scope scope = CURRENT.get();
    if (scope != null
        && scope.credentials() != null
        && found instanceof CustomResource<?, ?> other
        && other.getStatus() instanceof CommonStatus theirs
        && (theirs.getCredentials() != null || CloudReconcilerEngine.sentAnything(theirs))
        && !CloudReconcilerEngine.recordedScope(theirs).equals(scope.credentials())) {
      // an object that has passed once records what it is reached with (one made before that was
      // recorded, the operator's); one not passed yet is looked at once it has (its Ready is
      // awaited anyway)
      throw new OtherCredentials(
          other.getKind()
              + " "
              + name
              + " is reached with the credentials "
              + describe(CloudReconcilerEngine.recordedScope(theirs))
              + " and this object with those "
              + describe(scope.credentials())
              + ": objects reached with different credentials are in different contracts and"
              + " cannot refer to each other. Give both the same spec.credentialsRef");
    }
    return found;
  }

  private static String describe(String scope) {
    return "operator".equals(scope) ? "of the operator" : "of " + scope;
  }

  public static <T extends HasMetadata> List<T> list(
      KubernetesClient kube, Class<T> type, String namespace) {
    Optional<Cache<T>> cache = cache(type);
    if (cache.isPresent()) {
      return cache.get().list(namespace);
    }
    return kube.resources(type).inNamespace(namespace).list().getItems();
  }

  /**
   * Objects of {@code type} in every namespace the informer cache watches; without a cache, those
   * of {@code namespace} (an operator limited to some namespaces may not list the whole cluster).
   */
  public static <T extends HasMetadata> List<T> listAll(
      KubernetesClient kube, Class<T> type, String namespace) {
    Optional<Cache<T>> cache = cache(type);
    if (cache.isPresent()) {
      return cache.get().list(null);
    }
    return kube.resources(type).inNamespace(namespace).list().getItems();
  }

  /** A read-only view of one informer cache; {@code list(null)} lists every namespace. */
  private interface Cache<T> {
    Optional<T> get(ResourceID id);

    List<T> list(String namespace);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T extends HasMetadata> Optional<Cache<T>> cache(Class<T> type) {
    Scope scope = CURRENT.get();
    if (scope == null || scope.ctx() == null) {
      return Optional.empty();
    }
    Context<?> ctx = scope.ctx();
    if (type.equals(scope.primary())) {
      var c =
          (io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache<T>)
              ctx.getPrimaryCache();
      return Optional.of(
          new Cache<>() {
            public Optional<T> get(ResourceID id) {
              return c.get(id);
            }

            public List<T> list(String namespace) {
              return namespace == null ? c.list().toList() : c.list(namespace).toList();
            }
          });
    }
    try {
      var source = ctx.eventSourceRetriever().getEventSourceFor(type);
      if (source instanceof InformerEventSource informer) {
        InformerEventSource<T, ?> i = informer;
        return Optional.of(
            new Cache<>() {
              public Optional<T> get(ResourceID id) {
                return i.get(id);
              }

              public List<T> list(String namespace) {
                return namespace == null ? i.list().toList() : i.list(namespace).toList();
              }
            });
      }
    } catch (RuntimeException e) {
      // no informer of this kind in this reconciler (or more than one): the API server answers
    }
    return Optional.empty();
  }
}
