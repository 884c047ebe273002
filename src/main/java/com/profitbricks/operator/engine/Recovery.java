package com.profitbricks.operator.engine;

import com.profitbricks.client.CloudClock;
import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.LostCreateFinder;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a create made when its answer was lost: found only by the owner marker the create carried,
 * adopted only if it still exists (read afresh) and no other object's status holds it. While
 * nothing is found the log is searched again for {@code window}, since the record of a POST still
 * in flight may appear late; after that a new create is safe. The window counts from the end of the
 * last send (its lost answer or timeout, recorded as the request's {@code updatedAt}), not from the
 * intent: a POST can wait in the rate limiter and then for the client's whole read timeout, longer
 * than any window counted from the intent. An intent recorded by an earlier process (a crash
 * mid-send) counts from a read timeout after this process began looking, the latest that send can
 * have ended. A create in the log that has not ended means wait, whatever the window: what it makes
 * need not be readable before it ran.
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
  private final String kind;
  private final EventRecorder events;
  private final Duration recheck;

  Recovery(Parts<R, T> parts) {
    this.kind = parts.kind();
    this.ops = parts.ops();
    this.reader = parts.reader();
    this.events = parts.events();
    this.window = parts.config().recoveryWindow();
    this.poll = parts.config().poll().max();
    this.recheck = parts.config().driftInterval();
    this.clock = parts.clock();
  }

  /** From when the window counts: the end of the last send of the create, as far as known. */
  Instant sendEnded(CloudRequest req) {
    return LostCreateFinder.windowStart(
        at(req.getStartedAt()),
        at(req.getUpdatedAt()),
        reader.activeSince(),
        reader.client().readTimeout());
  }

  private Instant at(String when) {
    return Requests.parse(when, clock);
  }

  /**
   * For an object whose create's answer never came: adopts what it made (recording it in {@code
   * status}) and answers null, so the pass goes on with it; or answers null with nothing found, and
   * the pass creates; or answers the step to wait (still looking, or the user must decide).
   */
  Step recover(R cr, Context<R> ctx, T status, String parentId, CloudRequest req) {
    Found found = search(cr, ctx, parentId, req);
    if (found.adopted()) {
      status.setId(found.id());
      ops.recordParent(status, parentId);
      ops.recordCreated(cr, status);
      status
          .getRequest()
          .setMessage("Found the resource of an earlier create whose answer was lost");
      events.normal(
          cr,
          "Recovered",
          "Found " + kind + " " + found.id() + " made by a create whose answer was lost");
      return null;
    }
    if (found.lookingAgain()) {
      return new Step(
          Outcome.progressing(
              Reasons.CREATING,
              "The answer to the create was lost; looking for what it made in the cloud's"
                  + " request log before creating again"),
          found.lookAgainIn());
    }
    if (found.uncertain()) {
      // neither the answer nor the log tells; creating again could make a duplicate, and
      // adopting on a name is a guess: the user decides
      return new Step(
          Outcome.stalled(
              Reasons.CREATE_UNCONFIRMED,
              "The answer to the create was lost and the cloud's request log does not show"
                  + " it; "
                  + kind
                  + " "
                  + String.join(", ", found.suspects())
                  + " named "
                  + ops.cloudName(cr)
                  + ", made since, may be what it created. Nothing is created again on a"
                  + " guess: set spec.adoptId to the one to keep, or delete it in the cloud"),
          recheck);
    }
    return null;
  }

  /** The marker every create of this object carries in its User-Agent. */
  static String marker(CustomResource<?, ?> cr) {
    return LostCreateFinder.marker(cr.getMetadata().getUid());
  }

  Found search(R cr, Context<R> ctx, String parentId, CloudRequest req) {
    Instant intentAt = at(req.getStartedAt());
    LostCreateFinder.Search log =
        LostCreateFinder.find(
            reader.client(), ops.collection(parentId), ops.cloudType(), marker(cr), intentAt);
    for (String id : log.ids()) {
      if (heldByAnother(cr, ctx, parentId, id)) {
        continue;
      }
      reader.invalidate(ops.datacenterOf(parentId, id));
      // a 404 from while its create was queued (late visibility) must not hide it from here on
      reader.forgetGone(id);
      if (ops.observe(cr, parentId, id).isPresent()) {
        return new Found(id, null, List.of());
      }
    }
    if (log.unsettled()) {
      return new Found(null, poll, List.of());
    }
    Duration left = Duration.between(Instant.now(clock), sendEnded(req).plus(window));
    if (left.isNegative() || left.isZero()) {
      return new Found(null, null, suspects(cr, ctx, parentId, intentAt));
    }
    return new Found(null, left.compareTo(poll) < 0 ? left : poll, List.of());
  }

  private List<String> suspects(R cr, Context<R> ctx, String parentId, Instant intentAt) {
    String name = ops.cloudName(cr);
    Instant since = intentAt.minus(CloudClock.TOLERANCE);
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
