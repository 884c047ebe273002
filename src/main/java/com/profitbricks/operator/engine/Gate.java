package com.profitbricks.operator.engine;

import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * One check of a reconcile pass: it either lets the pass go on to the next gate, or decides how the
 * object stands and when to look again. Gates run in the order {@link CloudReconcilerEngine} lists
 * them, each relying on what the ones before it established (the parent's id, the resource as
 * read).
 */
@FunctionalInterface
interface Gate<R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  /** The answer of a gate that has nothing against going on. */
  Step GO_ON = null;

  Step check(Pass<R, T> pass);
}
