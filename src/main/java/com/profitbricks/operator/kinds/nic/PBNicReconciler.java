package com.profitbricks.operator.kinds.nic;

import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBNicStatus;
import com.profitbricks.operator.api.v1alpha1.PBServer;
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
 * Keeps a cloud NIC as its PBNic says. Watches PBServers, PBLans and PBIPBlocks so a NIC waiting
 * for its server, LAN or addresses is reconciled the moment they get their cloud ids or addresses.
 */
@ControllerConfiguration(
    name = "pbnic",
    finalizerName = CloudReconcilerEngine.FINALIZER,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = Wakeups.class))
public class PBNicReconciler implements Reconciler<PBNic>, Cleaner<PBNic> {
  private final CloudReconcilerEngine<PBNic, PBNicStatus> engine;

  public PBNicReconciler(
      Tenants tenants, EventRecorder events, OperatorConfig config, KubernetesClient kube) {
    this.engine =
        new CloudReconcilerEngine<>(
            "NIC", reader -> new NicOps(reader, kube), tenants, events, config);
  }

  @Override
  public List<EventSource<?, PBNic>> prepareEventSources(EventSourceContext<PBNic> context) {
    return List.of(
        engine.requestEvents(),
        References.watch(
            context,
            PBServer.class,
            PBNic.class,
            n -> n.getSpec() == null ? null : n.getSpec().getServerRef(),
            s -> s.getStatus() == null ? null : s.getStatus().getId()),
        References.watch(
            context,
            PBLan.class,
            PBNic.class,
            n -> n.getSpec() == null ? null : n.getSpec().getLanRef(),
            l -> l.getStatus() == null ? null : l.getStatus().getId()),
        References.watch(
            context,
            PBIPBlock.class,
            PBNic.class,
            n -> n.getSpec() == null ? null : n.getSpec().getIpBlockRef(),
            b -> b.getStatus() == null ? null : String.valueOf(b.getStatus().getIps())));
  }

  @Override
  public UpdateControl<PBNic> reconcile(PBNic resource, Context<PBNic> context) {
    return engine.reconcile(resource, context);
  }

  @Override
  public DeleteControl cleanup(PBNic resource, Context<PBNic> context) {
    return engine.cleanup(resource, context);
  }
}
