package com.profitbricks.operator.reconciler;

import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Keeps a cloud LAN as its PBLan says. Watches PBDatacenters so a LAN waiting for its datacenter is
 * reconciled the moment the datacenter gets its cloud id, not on a timer.
 */
@ControllerConfiguration(name = "pblan", finalizerName = PBDatacenterReconciler.FINALIZER)
public class PBLanReconciler implements Reconciler<PBLan>, Cleaner<PBLan> {
  static final String BY_DATACENTER = "datacenterRef";

  private final CloudReconcilerEngine<PBLan, PBLanStatus> engine;

  public PBLanReconciler(
      CloudReader reader, EventRecorder events, OperatorConfig config, KubernetesClient kube) {
    this.engine =
        new CloudReconcilerEngine<>(
            "LAN", new LanOps(reader, kube), reader, events, config, Clock.systemUTC());
  }

  @Override
  public List<EventSource<?, PBLan>> prepareEventSources(EventSourceContext<PBLan> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            BY_DATACENTER,
            lan ->
                lan.getSpec() == null || lan.getSpec().getDatacenterRef() == null
                    ? List.of()
                    : List.of(
                        key(
                            lan.getMetadata().getNamespace(),
                            lan.getSpec().getDatacenterRef().getName())));
    InformerEventSourceConfiguration<PBDatacenter> config =
        InformerEventSourceConfiguration.from(PBDatacenter.class, PBLan.class)
            .withSecondaryToPrimaryMapper(
                dc ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            BY_DATACENTER,
                            key(dc.getMetadata().getNamespace(), dc.getMetadata().getName()))
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            // only a change of the datacenter's cloud id matters to its LANs
            .withOnUpdateFilter((now, before) -> !Objects.equals(cloudId(now), cloudId(before)))
            .build();
    return List.of(new InformerEventSource<>(config, context));
  }

  private static String cloudId(PBDatacenter dc) {
    return dc.getStatus() == null ? null : dc.getStatus().getId();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  @Override
  public UpdateControl<PBLan> reconcile(PBLan resource, Context<PBLan> context) {
    return engine.reconcile(resource, context);
  }

  @Override
  public DeleteControl cleanup(PBLan resource, Context<PBLan> context) {
    return engine.cleanup(resource, context);
  }
}
