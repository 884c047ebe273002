package com.profitbricks.operator.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Which updates of an object wake its reconciler: a new generation (the spec), the delete mark, a
 * finalizer change, and the three annotations a human uses to steer it ({@value
 * CloudReconcilerEngine#PAUSED}, {@value CloudReconcilerEngine#RECONCILE_REQUESTED}, {@value
 * CloudReconcilerEngine#PREVIEW}). Annotations do not bump the generation, so the generation-aware
 * filter of the operator SDK would drop them; the operator's own status writes still wake nothing.
 */
public class Wakeups implements OnUpdateFilter<HasMetadata> {
  @Override
  public boolean accept(HasMetadata now, HasMetadata before) {
    return !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration())
        || now.isMarkedForDeletion()
        || !Objects.equals(now.getMetadata().getFinalizers(), before.getMetadata().getFinalizers())
        || changed(now, before, CloudReconcilerEngine.PAUSED)
        || changed(now, before, CloudReconcilerEngine.RECONCILE_REQUESTED)
        || changed(now, before, CloudReconcilerEngine.PREVIEW);
  }

  private static boolean changed(HasMetadata now, HasMetadata before, String annotation) {
    return !Objects.equals(annotation(now, annotation), annotation(before, annotation));
  }

  static String annotation(HasMetadata o, String name) {
    Map<String, String> a = o.getMetadata().getAnnotations();
    return a == null ? null : a.get(name);
  }
}
