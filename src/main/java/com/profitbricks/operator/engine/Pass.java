package com.profitbricks.operator.engine;

import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.Drift;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What one reconcile pass knows so far, handed from gate to gate: the object, the status being
 * built, and what earlier gates found out (whether a pass was asked for, the parent's id, the
 * resource as read).
 */
final class Pass<R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  final R cr;
  final Context<R> ctx;

  /** The status as the pass found it (null for a new object); never changed. */
  final T before;

  /** The status the pass writes: a copy of {@link #before}, changed as the gates go. */
  T status;

  /**
   * Writes are held and listed in status.plan instead (preview annotation, Observe policy): the
   * gates skip what only a real send needs (a write turn, the intent written first, counting).
   */
  final boolean rehearsing;

  /**
   * In a rehearsed pass, the status as it was before a kind's step that records an intent of its
   * own before sending: the status kept when that send is stopped, so no intent of an unsent write
   * is left behind.
   */
  T beforeWrite;

  /** The kind's next mutation other than a PATCH, as it describes it, once one was decided. */
  String nextStep;

  final long generation;

  /** A new value of the reconcile-requested annotation was seen in this pass. */
  boolean retryNow;

  /**
   * The parent's cloud id, once the parent gate let the pass through (null for top-level kinds).
   */
  String parentId;

  /** The resource as read, once the observe gate found it. */
  KindOps.Observed<?> observed;

  /** The spec against the resource as read, once the drift gate compared them. */
  Drift<?> drift;

  Pass(R cr, Context<R> ctx, T before, T status, long generation, boolean rehearsing) {
    this.cr = cr;
    this.ctx = ctx;
    this.before = before;
    this.status = status;
    this.generation = generation;
    this.rehearsing = rehearsing;
  }

  /** Puts back the status from before a kind's step that recorded an intent of a write not sent. */
  void dropUnsentIntent() {
    if (beforeWrite != null) {
      status = beforeWrite;
    }
  }

  /** The read group the resource belongs to, from the parent's id and its own. */
  String group(KindOps<R, T> ops) {
    return ops.datacenterOf(parentId, status.getId());
  }
}
