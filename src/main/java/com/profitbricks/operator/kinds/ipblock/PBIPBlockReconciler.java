package com.profitbricks.operator.kinds.ipblock;

import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockStatus;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.engine.CloudReconcilerEngine;
import com.profitbricks.operator.engine.EventRecorder;
import com.profitbricks.operator.engine.Wakeups;
import com.profitbricks.operator.tenancy.Tenants;
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

/** Keeps a reserved IP block as its PBIPBlock says. */
@ControllerConfiguration(
    name = "pbipblock",
    finalizerName = CloudReconcilerEngine.FINALIZER,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = Wakeups.class))
public class PBIPBlockReconciler implements Reconciler<PBIPBlock>, Cleaner<PBIPBlock> {
  private final CloudReconcilerEngine<PBIPBlock, PBIPBlockStatus> engine;

  public PBIPBlockReconciler(Tenants tenants, EventRecorder events, OperatorConfig config) {
    this.engine =
        new CloudReconcilerEngine<>(
            "IP block", reader -> new IpBlockOps(reader), tenants, events, config);
  }

  @Override
  public List<EventSource<?, PBIPBlock>> prepareEventSources(
      EventSourceContext<PBIPBlock> context) {
    return List.of(engine.requestEvents());
  }

  @Override
  public UpdateControl<PBIPBlock> reconcile(PBIPBlock resource, Context<PBIPBlock> context) {
    return engine.reconcile(resource, context);
  }

  @Override
  public DeleteControl cleanup(PBIPBlock resource, Context<PBIPBlock> context) {
    return engine.cleanup(resource, context);
  }
}
