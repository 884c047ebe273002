package com.profitbricks.operator.reconciler;

import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.LostCreateFinder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a create made when its answer was lost (DESIGN.md, safety rules): found only by the owner
 * marker the create carried, adopted only if it still exists (read afresh) and no other object's
 * status holds it. While nothing is found the log is searched again for {@code window} after the
 * intent, since the record of a POST still in flight may appear late; after that a new create is
 * safe.
 */
final class Recovery<R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  /**
   * What the search found: an id to adopt; or none yet (look again); or, the window over, the
   * suspects (resources with this object's name made since the intent that no object holds: what a
   * create whose answer and log record were both lost may have made); or nothing at all.
   */
  record Found(String id, Duration lookAgainIn, List<String> suspects) {
    boolean adopted() {
      return id != null;
    }

    boolean lookingAgain() {
      return id == null && lookAgainIn != null;
    }

    boolean uncertain() {
      return id == null && lookAgainIn == null && !suspects.isEmpty();
    }
  }

  private final KindOps<R, T> ops;
  private final CloudReader reader;
  private final Duration window;
  private final Duration poll;
  private final Clock clock;

  Recovery(KindOps<R, T> ops, CloudReader reader, Duration window, Duration poll, Clock clock) {
    this.ops = ops;
    this.reader = reader;
    this.window = window;
    this.poll = poll;
    this.clock = clock;
  }

  /** The marker every create of this object carries in its User-Agent. */
  static String marker(CustomResource<?, ?> cr) {
    return LostCreateFinder.marker(cr.getMetadata().getUid());
  }

  Found search(R cr, Context<R> ctx, String parentId, Instant intentAt) {
    List<String> candidates =
        LostCreateFinder.find(
            reader.client(), ops.collection(parentId), ops.cloudType(), marker(cr), intentAt);
    for (String id : candidates) {
      if (heldByAnother(cr, ctx, parentId, id)) {
        continue;
      }
      reader.invalidate(ops.datacenterOf(parentId, id));
      if (ops.observe(cr, parentId, id).isPresent()) {
        return new Found(id, null, List.of());
      }
    }
    Duration left = Duration.between(Instant.now(clock), intentAt.plus(window));
    if (left.isNegative() || left.isZero()) {
      return new Found(null, null, suspects(cr, ctx, parentId, intentAt));
    }
    return new Found(null, left.compareTo(poll) < 0 ? left : poll, List.of());
  }

  private List<String> suspects(R cr, Context<R> ctx, String parentId, Instant intentAt) {
    String name = ops.cloudName(cr);
    Instant since = intentAt.minus(Duration.ofMinutes(1));
    return ops.siblings(parentId).stream()
        .filter(s -> name.equals(s.name()))
        .filter(s -> s.createdDate() == null || !s.createdDate().toInstant().isBefore(since))
        .map(KindOps.Sibling::id)
        .filter(id -> !heldByAnother(cr, ctx, parentId, id))
        .toList();
  }

  /**
   * Another object of this kind records {@code id} under the same parent as its own (ids such as
   * LAN numbers repeat across datacenters).
   */
  private boolean heldByAnother(R cr, Context<R> ctx, String parentId, String id) {
    return ctx.getPrimaryCache()
        .list()
        .anyMatch(
            o ->
                !Objects.equals(o.getMetadata().getUid(), cr.getMetadata().getUid())
                    && o.getStatus() != null
                    && id.equals(o.getStatus().getId())
                    && Objects.equals(ops.recordedParent(o.getStatus()), parentId));
  }
}
