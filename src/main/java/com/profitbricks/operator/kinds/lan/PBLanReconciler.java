package com.profitbricks.operator.kinds.lan;

import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanStatus;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.engine.CloudReconcilerEngine;
import com.profitbricks.operator.engine.EventRecorder;
import com.profitbricks.operator.engine.Wakeups;
import com.profitbricks.operator.placement.References;
import com.profitbricks.operator.tenancy.Tenants;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/**
 * Keeps a cloud LAN as its PBLan says. Watches PBDatacenters so a LAN waiting for its datacenter is
 * reconciled the moment the datacenter gets its cloud id, not on a timer.
 */
@ControllerConfiguration(
    name = "pblan",
    finalizerName = CloudReconcilerEngine.FINALIZER,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = Wakeups.class))
public class PBLanReconciler implements Reconciler<PBLan>, Cleaner<PBLan> {
  private final CloudReconcilerEngine<PBLan, PBLanStatus> engine;

  public PBLanReconciler(
      Tenants tenants, EventRecorder events, OperatorConfig config, KubernetesClient kube) {
    this.engine =
        new CloudReconcilerEngine<>(
            "LAN", reader -> new LanOps(reader, kube), tenants, events, config);
  }

  @Override
  public List<EventSource<?, PBLan>> prepareEventSources(EventSourceContext<PBLan> context) {
    return List.of(
        engine.requestEvents(),
        References.watch(
            context,
            PBLan.class,
            lan -> lan.getSpec() == null ? null : lan.getSpec().getDatacenterRef()));
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
