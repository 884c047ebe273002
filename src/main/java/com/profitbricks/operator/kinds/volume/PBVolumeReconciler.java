package com.profitbricks.operator.kinds.volume;

import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.PBVolumeStatus;
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

/** Keeps a cloud volume (and its attachment) as its PBVolume says. */
@ControllerConfiguration(
    name = "pbvolume",
    finalizerName = CloudReconcilerEngine.FINALIZER,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = Wakeups.class))
public class PBVolumeReconciler implements Reconciler<PBVolume>, Cleaner<PBVolume> {
  private final CloudReconcilerEngine<PBVolume, PBVolumeStatus> engine;

  public PBVolumeReconciler(
      Tenants tenants, EventRecorder events, OperatorConfig config, KubernetesClient kube) {
    this.engine =
        new CloudReconcilerEngine<>(
            "volume", reader -> new VolumeOps(reader, kube), tenants, events, config);
  }

  @Override
  public List<EventSource<?, PBVolume>> prepareEventSources(EventSourceContext<PBVolume> context) {
    return List.of(
        engine.requestEvents(),
        References.watch(
            context,
            PBVolume.class,
            v -> v.getSpec() == null ? null : v.getSpec().getDatacenterRef()),
        References.watch(
            context,
            PBServer.class,
            PBVolume.class,
            v -> v.getSpec() == null ? null : v.getSpec().getServerRef(),
            // an attach waits for the server's id, and for it to leave BUSY
            s -> s.getStatus() == null ? null : s.getStatus().getId() + s.getStatus().getState()));
  }

  @Override
  public UpdateControl<PBVolume> reconcile(PBVolume resource, Context<PBVolume> context) {
    return engine.reconcile(resource, context);
  }

  @Override
  public DeleteControl cleanup(PBVolume resource, Context<PBVolume> context) {
    return engine.cleanup(resource, context);
  }
}
