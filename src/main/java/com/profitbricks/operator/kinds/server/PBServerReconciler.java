package com.profitbricks.operator.kinds.server;

import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
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

/** Keeps a cloud server (with its inline volumes and NICs) as its PBServer says. */
@ControllerConfiguration(
    name = "pbserver",
    finalizerName = CloudReconcilerEngine.FINALIZER,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = Wakeups.class))
public class PBServerReconciler implements Reconciler<PBServer>, Cleaner<PBServer> {
  private final CloudReconcilerEngine<PBServer, PBServerStatus> engine;

  public PBServerReconciler(
      Tenants tenants, EventRecorder events, OperatorConfig config, KubernetesClient kube) {
    this.engine =
        new CloudReconcilerEngine<>(
            "server",
            reader ->
                new ServerOps(reader, kube, config.recoveryWindow(), reader.client().cloudClock()),
            tenants,
            events,
            config);
  }

  @Override
  public List<EventSource<?, PBServer>> prepareEventSources(EventSourceContext<PBServer> context) {
    return List.of(
        engine.requestEvents(),
        References.watch(
            context,
            PBServer.class,
            v -> v.getSpec() == null ? null : v.getSpec().getDatacenterRef()),
        // an inline NIC's lanRef: created once its PBLan has a LAN number
        References.watchAll(
            context,
            PBLan.class,
            PBServer.class,
            s ->
                s.getSpec() == null || s.getSpec().getNics() == null
                    ? List.of()
                    : s.getSpec().getNics().stream()
                        .map(InlineNic::getLanRef)
                        .filter(java.util.Objects::nonNull)
                        .toList(),
            l -> l.getStatus() == null ? null : l.getStatus().getId()),
        References.watch(
            context,
            PBVolume.class,
            PBServer.class,
            s -> s.getSpec() == null ? null : s.getSpec().getBootVolumeRef(),
            // the boot volume is usable once it has an id, is AVAILABLE, names this server and is
            // attached
            v ->
                v.getStatus() == null
                    ? null
                    : String.join(
                        "/",
                        v.getStatus().getId(),
                        v.getStatus().getState(),
                        v.getStatus().getAttachedServerId(),
                        v.getSpec().getServerRef() == null
                            ? null
                            : v.getSpec().getServerRef().getName())),
        NicsOnServers.events(context));
  }

  @Override
  public UpdateControl<PBServer> reconcile(PBServer resource, Context<PBServer> context) {
    return engine.reconcile(resource, context);
  }

  @Override
  public DeleteControl cleanup(PBServer resource, Context<PBServer> context) {
    return engine.cleanup(resource, context);
  }
}
