package com.profitbricks.operator.engine;

import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Duration;
import java.util.Optional;

/** Reads of an object's resource that decide something not undone later, and when to read again. */
final class Observations<
    R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  private final KindOps<R, T> ops;
  private final CloudReader reader;
  private final OperatorConfig config;

  Observations(KindOps<R, T> ops, CloudReader reader, OperatorConfig config) {
    this.ops = ops;
    this.reader = reader;
    this.config = config;
  }

  /** The resource as the cloud has it now: the shared view is dropped first. */
  Optional<KindOps.Observed<?>> fresh(R cr, String parentId, String id) {
    reader.invalidate(ops.datacenterOf(parentId, id));
    reader.forgetGone(id);
    return ops.observe(cr, parentId, id);
  }

  /** When each Ready object's full re-read is due ({@code currentTimeMillis}), by uid. */
  private final java.util.Map<String, Long> resyncAt =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The Ready object's next full re-read: {@link #driftDelay}, remembered for {@link #resyncDue}.
   */
  Duration resync(R cr, String group) {
    Duration d = driftDelay(group);
    resyncAt.put(Attempts.uid(cr), System.currentTimeMillis() + d.toMillis());
    return d;
  }

  /**
   * A pass of a Ready object is its full re-read (it reads afresh), not a wake by a neighbour that
   * changed in Kubernetes; after a restart every pass counts as one.
   */
  boolean resyncDue(R cr) {
    Long at = resyncAt.get(Attempts.uid(cr));
    return at == null || System.currentTimeMillis() >= at - 1000;
  }

  void forget(R cr) {
    resyncAt.remove(Attempts.uid(cr));
  }

  /**
   * When to compare with the cloud again when no request in the cloud's log touched the object's
   * read group (those wake it sooner). Objects of one read group (a datacenter and what is in it,
   * or all IP blocks) are woken on the same grid points, so one shared read serves them all: the
   * steady-state cost is per datacenter and full-resync interval, not per object.
   */
  Duration driftDelay(String group) {
    long interval = config.fullResyncInterval().toMillis();
    if (group == null || interval <= 0) {
      return config.fullResyncInterval();
    }
    long offset = Math.floorMod(group.hashCode(), interval);
    // the host's clock: the cloud's, learnt from whole-second Date headers, moves by up to a second
    // between answers and would split a group's objects over two grid points (two reads)
    long now = System.currentTimeMillis();
    long delay = Math.floorDiv(now - offset, interval) * interval + interval + offset - now;
    return Duration.ofMillis(delay < interval / 2 ? delay + interval : delay);
  }
}
