package com.profitbricks.operator.engine;

import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.DeletionPolicy;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import com.profitbricks.operator.tenancy.CredentialSet;
import com.profitbricks.operator.tenancy.CredentialsRefused;
import com.profitbricks.operator.tenancy.Tenants;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Duration;
import java.util.function.Function;

/**
 * How every kind is reconciled: each object is handed to the engine of its credential set (the
 * Secret its spec.credentialsRef names, its namespace's Secret, or the operator's own; see {@link
 * Tenants}), which runs its gates with that set's client, rate budget and read cache. An object
 * whose credentials cannot be had, or are not those its cloud resource was made with, is refused
 * here with nothing sent.
 */
public final class CloudReconcilerEngine<
    R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus> {
  /** The one finalizer of every kind; never renamed (objects in clusters carry it). */
  public static final String FINALIZER = "profitbricks.com/finalizer";

  /** Annotation that stops every cloud call for an object. */
  public static final String PAUSED = "profitbricks.com/paused";

  /**
   * Annotation ("true") that holds every cloud write of the object: each pass lists what it would
   * send in status.plan instead, a delete included, until the annotation is removed.
   */
  public static final String PREVIEW = "profitbricks.com/preview";

  /**
   * Annotation whose new value asks for a pass now (any value, a timestamp by convention, like
   * Flux's reconcile.fluxcd.io/requestedAt): a stalled object is tried again, backoff and repeat
   * counts start over and the cloud is read afresh, with no spec change. The value handled is
   * written to status.lastHandledReconcileAt.
   */
  public static final String RECONCILE_REQUESTED = "profitbricks.com/reconcile-requested-at";

  /** Log context key of the cloud request a pass is about, beside the operator SDK's keys. */
  public static final String MDC_REQUEST = "profitbricks.request";

  private final String kind;
  private final Function<CloudReader, KindOps<R, T>> ops;
  private final Tenants tenants;
  private final EventRecorder events;
  private final OperatorConfig config;

  /** Backoff and waits of each object, whichever set it uses. */
  private final Attempts attempts;

  private final SimpleInboundEventSource<R> requestEvents =
      new SimpleInboundEventSource<>("cloud-requests");

  /**
   * @param ops the kind's operations over one credential set's reader, made once per set
   */
  public CloudReconcilerEngine(
      String kind,
      Function<CloudReader, KindOps<R, T>> ops,
      Tenants tenants,
      EventRecorder events,
      OperatorConfig config) {
    this.kind = kind;
    this.ops = ops;
    this.tenants = tenants;
    this.events = events;
    this.config = config;
    this.attempts = new Attempts(config);
  }

  private SetEngine<R, T> engine(CredentialSet set) {
    return set.attached(
        this,
        () ->
            new SetEngine<>(
                kind,
                ops.apply(set.reader()),
                set.reader(),
                set,
                tenants::release,
                events,
                config,
                attempts,
                requestEvents));
  }

  public UpdateControl<R> reconcile(R cr, Context<R> ctx) {
    CommonStatus status = cr.getStatus();
    CredentialSet set;
    try {
      set = tenants.resolve(namespace(cr), cr.getSpec().credentialsSecret(), !sentAnything(status));
    } catch (CredentialsRefused e) {
      return isPaused(cr)
          ? engine(tenants.operatorWide()).reconcile(cr, ctx, false) // says Paused, sends nothing
          : refuse(cr, ctx, Outcome.stalled(e.reason(), e.getMessage()), config.poll().max());
    } catch (RuntimeException e) {
      return refuse(
          cr,
          ctx,
          Outcome.progressing(
              Reasons.UNEXPECTED_ERROR,
              "The credentials Secret could not be read, retrying with backoff: " + e.getMessage()),
          attempts.backoff(cr, null));
    }
    try {
      if (isPaused(cr)) {
        return engine(set).reconcile(cr, ctx, false); // says Paused: nothing sent, nor read
      }
      String changed = changed(status, set);
      if (changed != null) {
        return refuse(
            cr, ctx, Outcome.stalled(Reasons.CREDENTIALS_CHANGED, changed), config.poll().max());
      }
      tenants.use(Attempts.uid(cr), set);
      return engine(set).reconcile(cr, ctx, true);
    } finally {
      set.passEnded();
    }
  }

  /** Writes an outcome decided before any gate; a refused write backs off like any failure. */
  private UpdateControl<R> refuse(R cr, Context<R> ctx, Outcome outcome, Duration next) {
    try {
      return engine(tenants.operatorWide()).refuse(cr, ctx, outcome, next);
    } catch (RuntimeException e) {
      return UpdateControl.<R>noUpdate().rescheduleAfter(attempts.backoff(cr, null).toMillis());
    }
  }

  /**
   * Deletes with the credentials the resource was made with (status.credentials), whatever the
   * object resolves to now; when their Secret is gone (deleted with the namespace), with those last
   * read from it while this process still holds them. An object that may have a cloud resource and
   * has neither keeps its finalizer and says why.
   */
  public DeleteControl cleanup(R cr, Context<R> ctx) {
    String uid = Attempts.uid(cr);
    CredentialSet held = tenants.held(uid);
    CredentialSet set = null;
    try {
      if (leavesCloudAlone(cr)) {
        // nothing is sent: the set it used forgets it, the operator's if none
        return engine(held == null ? tenants.operatorWide() : held).cleanup(cr, ctx);
      }
      CommonStatus status = cr.getStatus();
      String why;
      try {
        set = tenants.recorded(namespace(cr), status.getCredentials());
        why = changed(status, set);
      } catch (CredentialsRefused e) {
        why = e.getMessage();
      }
      CredentialSet with = why == null ? set : held;
      if (with == null || changed(status, with) != null) {
        refuse(
            cr,
            ctx,
            Outcome.stalled(
                Reasons.DELETION_FAILED,
                "The cloud resource cannot be deleted: "
                    + why
                    + ". Restore the Secret, or set spec.deletionPolicy Orphan to let this"
                    + " object go and leave the resource"),
            config.poll().max());
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.poll().max().toMillis());
      }
      if (why != null) {
        events.warning(
            cr, "CredentialsGone", why + "; deleting with the credentials last read from it");
      }
      tenants.use(uid, with);
      return engine(with).cleanup(cr, ctx);
    } catch (RuntimeException e) {
      return DeleteControl.noFinalizerRemoval()
          .rescheduleAfter(attempts.backoff(cr, null).toMillis());
    } finally {
      for (CredentialSet s : new CredentialSet[] {held, set}) {
        if (s != null) {
          s.passEnded();
        }
      }
    }
  }

  /** Nothing of the object can be in the cloud, or its deletion sends nothing there. */
  private static boolean leavesCloudAlone(CustomResource<? extends CommonSpec, ?> cr) {
    return !sentAnything((CommonStatus) cr.getStatus())
        || cr.getSpec().isObserveOnly()
        || cr.getSpec().getDeletionPolicy() == DeletionPolicy.Orphan
        || isPaused(cr);
  }

  /**
   * Why the object may not be reached with {@code set}: once it sent anything, the credentials it
   * did so with (status.credentials; none recorded means the operator's own, the only ones before
   * credentials per namespace) and the contract they reached (status.contractNumber) are its own.
   * With others, its resource may not be found, and not found it would be made again and the first
   * one left running. Null when it may.
   */
  static String changed(CommonStatus status, CredentialSet set) {
    if (!sentAnything(status)) {
      return null;
    }
    String was = recordedScope(status);
    String what =
        status.getId() == null
            ? "The create recorded in status.request was sent"
            : "The cloud resource " + status.getId() + " was made";
    if (!was.equals(set.scope())) {
      return what
          + " with the credentials "
          + describe(was)
          + ", and this object now resolves to the credentials "
          + describe(set.scope())
          + " (spec.credentialsRef, or the Secret "
          + Tenants.NAMESPACE_SECRET
          + " of this namespace added or removed). "
          + NOTHING_SENT;
    }
    Long had = status.getContractNumber();
    Long now = had == null ? null : set.contract();
    if (had != null && now == null && set.contractUnreadable()) {
      return what
          + " in contract "
          + had
          + ", and it cannot be confirmed now that the credentials "
          + describe(was)
          + " still reach it (they may not list contracts, or list several)."
          + " Nothing is sent until it can; a rotated Secret of another user must be allowed to"
          + " list contracts";
    }
    if (now != null && !now.equals(had)) {
      return what
          + " in contract "
          + had
          + ", and the credentials "
          + describe(was)
          + " now reach contract "
          + now
          + " (changed to another account). "
          + NOTHING_SENT;
    }
    return null;
  }

  private static final String NOTHING_SENT =
      "Nothing is sent: the resource may not be in that contract, and not found there it would be"
          + " made again. Restore the credentials it was made with; to manage it with others of the"
          + " same contract, delete this object with spec.deletionPolicy Orphan and create it again"
          + " with spec.adoptId";

  /** The scope status.credentials records; none means the operator's own. */
  static String recordedScope(CommonStatus status) {
    return status.getCredentials() == null ? CredentialSet.OPERATOR : status.getCredentials();
  }

  /**
   * Whether the object has a cloud resource or sent a request (a create whose answer may be lost is
   * looked for in the request log of the contract it went to): from then on its credentials are
   * fixed.
   */
  static boolean sentAnything(CommonStatus status) {
    return status != null && (status.getId() != null || status.getRequest() != null);
  }

  private static String describe(String scope) {
    return CredentialSet.OPERATOR.equals(scope) ? "of the operator" : "of " + scope;
  }

  private static String namespace(CustomResource<?, ?> cr) {
    return cr.getMetadata().getNamespace();
  }

  /**
   * The operator SDK event source that wakes an object whose cloud request ended: each reconciler
   * registers it beside its informers.
   */
  public EventSource<Void, R> requestEvents() {
    return requestEvents;
  }

  public static boolean isPaused(CustomResource<?, ?> cr) {
    return cr.getMetadata().getAnnotations() != null
        && "true".equalsIgnoreCase(cr.getMetadata().getAnnotations().get(PAUSED));
  }

  static long generation(CustomResource<?, ?> cr) {
    return cr.getMetadata().getGeneration() == null ? 0 : cr.getMetadata().getGeneration();
  }
}
