package com.profitbricks.operator.placement;

import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.DeletionPolicy;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.engine.CloudReconcilerEngine;
import com.profitbricks.operator.engine.KindOps;
import com.profitbricks.operator.engine.Lookup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The references between objects: how a kind finds its datacenter (and whether that datacenter is
 * being deleted with everything in it), and the informer wiring that wakes an object when what it
 * refers to changes (a PBDatacenter, PBLan, PBIPBlock, PBServer or PBVolume getting its id or
 * state, a Secret).
 */
public final class References {
  private References() {}

  /**
   * The datacenter's cloud id from a raw id or a PBDatacenter in the namespace. When the
   * PBDatacenter is gone but {@code knownId} was recorded, that id is returned with a reason:
   * enough to delete the child, not to reconcile it.
   */
  public static KindOps.Parent resolve(
      KubernetesClient kube, String namespace, LocalRef ref, String rawId, String knownId) {
    if (rawId != null) {
      return KindOps.Parent.ready(rawId);
    }
    String name = ref == null ? null : ref.getName();
    PBDatacenter dc = name == null ? null : Lookup.get(kube, PBDatacenter.class, namespace, name);
    if (dc != null && dc.getStatus() != null && dc.getStatus().getId() != null) {
      return KindOps.Parent.ready(dc.getStatus().getId());
    }
    if (knownId != null && (dc == null || dc.getMetadata().getDeletionTimestamp() != null)) {
      return new KindOps.Parent(knownId, "PBDatacenter " + name + " is gone");
    }
    return KindOps.Parent.waiting(
        dc == null
            ? "PBDatacenter " + name + " does not exist yet"
            : "PBDatacenter " + name + " has no cloud id yet");
  }

  /**
   * The object is being deleted and its delete will take its cloud resource with it: deletion
   * policy Delete, managed (not only observed) and not paused.
   */
  public static boolean going(CustomResource<? extends CommonSpec, ?> o) {
    return o != null
        && o.getMetadata().getDeletionTimestamp() != null
        && o.getSpec().getDeletionPolicy() != DeletionPolicy.Orphan
        && !o.getSpec().isObserveOnly()
        && !CloudReconcilerEngine.isPaused(o);
  }

  /**
   * The PBDatacenter of {@code ref} is being deleted, with the cloud datacenter {@code parentId}
   * and so with everything in it: a child need not send its own DELETE.
   */
  public static boolean datacenterGoing(
      KubernetesClient kube, String namespace, LocalRef ref, String parentId) {
    if (ref == null || parentId == null) {
      return false;
    }
    PBDatacenter dc = Lookup.get(kube, PBDatacenter.class, namespace, ref.getName());
    return going(dc) && dc.getStatus() != null && parentId.equals(dc.getStatus().getId());
  }

  /** The datacenter is immutable: a resource recorded in one datacenter, now specced in another. */
  public static String moved(String recorded, String specced) {
    return moved("datacenter", recorded, specced);
  }

  /** An immutable parent ({@code field}) that the spec now names differently; else null. */
  public static String moved(String field, String recorded, String specced) {
    return recorded != null && !recorded.equals(specced)
        ? field + " (spec " + specced + ", cloud " + recorded + ")"
        : null;
  }

  /**
   * An informer on PBDatacenters that wakes the children referring to one when its cloud id
   * changes.
   */
  public static <P extends HasMetadata> EventSource<?, P> watch(
      EventSourceContext<P> context, Class<P> childType, Function<P, LocalRef> refOf) {
    return watch(context, PBDatacenter.class, childType, refOf, References::cloudId);
  }

  /**
   * An informer on a referenced kind that wakes the objects whose reference names one of its
   * objects when what {@code idOf} reads of it changes: its cloud id (a datacenter for LANs, a
   * server for NICs), or more where the referrer waits for more (an IP block's addresses, a
   * volume's state and attachment).
   */
  public static <R extends HasMetadata, P extends HasMetadata> EventSource<?, P> watch(
      EventSourceContext<P> context,
      Class<R> parentType,
      Class<P> childType,
      Function<P, LocalRef> refOf,
      Function<R, String> idOf) {
    return watchAll(
        context,
        parentType,
        childType,
        child -> {
          LocalRef ref = refOf.apply(child);
          return ref == null ? List.of() : List.of(ref);
        },
        idOf);
  }

  /** As {@link #watch}, for objects that may name several of the referenced kind. */
  public static <R extends HasMetadata, P extends HasMetadata> EventSource<?, P> watchAll(
      EventSourceContext<P> context,
      Class<R> parentType,
      Class<P> childType,
      Function<P, List<LocalRef>> refsOf,
      Function<R, String> idOf) {
    String index = "ref:" + parentType.getSimpleName();
    context
        .getPrimaryCache()
        .addIndexer(
            index,
            child ->
                refsOf.apply(child).stream()
                    .map(ref -> key(child.getMetadata().getNamespace(), ref.getName()))
                    .distinct()
                    .toList());
    InformerEventSourceConfiguration<R> config =
        InformerEventSourceConfiguration.from(parentType, childType)
            .withName(index)
            .withSecondaryToPrimaryMapper(
                parent ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            index,
                            key(
                                parent.getMetadata().getNamespace(),
                                parent.getMetadata().getName()))
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            // only a change of what the referrers wait for matters to them
            .withOnUpdateFilter(
                (now, before) -> !Objects.equals(idOf.apply(now), idOf.apply(before)))
            .build();
    return new InformerEventSource<>(config, context);
  }

  private static String cloudId(PBDatacenter dc) {
    return dc.getStatus() == null ? null : dc.getStatus().getId();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
