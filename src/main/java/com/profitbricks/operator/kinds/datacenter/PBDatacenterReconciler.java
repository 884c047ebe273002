package com.profitbricks.operator.kinds.datacenter;

import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterStatus;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.engine.CloudReconcilerEngine;
import com.profitbricks.operator.engine.EventRecorder;
import com.profitbricks.operator.engine.Wakeups;
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

/** Keeps a cloud datacenter as its PBDatacenter says. */
@ControllerConfiguration(
    name = "pbdatacenter",
    finalizerName = CloudReconcilerEngine.FINALIZER,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = Wakeups.class))
public class PBDatacenterReconciler implements Reconciler<PBDatacenter>, Cleaner<PBDatacenter> {
  private final CloudReconcilerEngine<PBDatacenter, PBDatacenterStatus> engine;

  public PBDatacenterReconciler(
      Tenants tenants, EventRecorder events, OperatorConfig config, KubernetesClient kube) {
    this.engine =
        new CloudReconcilerEngine<>(
            "datacenter", reader -> new DatacenterOps(reader, kube), tenants, events, config);
  }

  @Override
  public List<EventSource<?, PBDatacenter>> prepareEventSources(
      EventSourceContext<PBDatacenter> context) {
    return List.of(engine.requestEvents());
  }

  @Override
  public UpdateControl<PBDatacenter> reconcile(
      PBDatacenter resource, Context<PBDatacenter> context) {
    return engine.reconcile(resource, context);
  }

  @Override
  public DeleteControl cleanup(PBDatacenter resource, Context<PBDatacenter> context) {
    return engine.cleanup(resource, context);
  }
}
