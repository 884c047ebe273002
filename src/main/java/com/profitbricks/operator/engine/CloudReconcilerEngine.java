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
                set.scope(),
                events,
                config,
                attempts,
                requestEvents));
  }

  public UpdateControl<R> reconcile(R cr, Context<R> ctx) {
    CredentialSet set;
    try {
      set = tenants.resolve(namespace(cr), cr.getSpec().credentialsSecret());
    } catch (CredentialsRefused e) {
      SetEngine<R, T> any = engine(tenants.operatorWide());
      return isPaused(cr)
          ? any.reconcile(cr, ctx, null) // says Paused, sends nothing
          : any.refuse(cr, ctx, Outcome.stalled(e.reason(), e.getMessage()), config.poll().max());
    }
    String changed = changed(cr, set);
    if (changed != null) {
      return engine(set)
          .refuse(
              cr,
              ctx,
              Outcome.stalled(Reasons.CREDENTIALS_CHANGED, changed),
              config.driftInterval());
    }
    tenants.use(Attempts.uid(cr), set);
    return engine(set).reconcile(cr, ctx, set.scope());
  }

  /**
   * Deletes with the object's credentials; when they are gone (the Secret deleted with the
   * namespace), with those last read from the same Secret while this process still holds them. An
   * object that may have a cloud resource and has neither keeps its finalizer and says why.
   */
  public DeleteControl cleanup(R cr, Context<R> ctx) {
    String uid = Attempts.uid(cr);
    CredentialSet set = null;
    String why;
    try {
      set = tenants.resolve(namespace(cr), cr.getSpec().credentialsSecret());
      why = changed(cr, set);
    } catch (CredentialsRefused e) {
      why = e.getMessage();
    }
    if (why != null) {
      set = tenants.held(uid);
      if (set != null && changed(cr, set) == null) {
        events.warning(
            cr, "CredentialsGone", why + "; deleting with the credentials last read from it");
      } else if (leavesCloudAlone(cr)) {
        set = tenants.operatorWide(); // nothing is sent: any set's engine removes the finalizer
      } else {
        engine(tenants.operatorWide())
            .refuse(
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
    }
    tenants.use(uid, set);
    DeleteControl control = engine(set).cleanup(cr, ctx);
    if (control.isRemoveFinalizer()) {
      tenants.release(uid);
    }
    return control;
  }

  /** Nothing of the object can be in the cloud, or its deletion sends nothing there. */
  private static boolean leavesCloudAlone(CustomResource<? extends CommonSpec, ?> cr) {
    CommonStatus s = (CommonStatus) cr.getStatus();
    return (s == null || (s.getId() == null && s.getRequest() == null))
        || cr.getSpec().isObserveOnly()
        || cr.getSpec().getDeletionPolicy() == DeletionPolicy.Orphan
        || isPaused(cr);
  }

  /**
   * Why the object may not be reached with {@code set}: its cloud resource was made with other
   * credentials (recorded in status.credentials; none recorded means the operator's own, the only
   * ones before credentials per namespace), and may not be in that set's contract at all; not found
   * there, it would be created again and the first one left running. Null when it may.
   */
  static String changed(CustomResource<?, ?> cr, CredentialSet set) {
    CommonStatus status = (CommonStatus) cr.getStatus();
    if (status == null || status.getId() == null) {
      return null;
    }
    String was = status.getCredentials() == null ? CredentialSet.OPERATOR : status.getCredentials();
    if (was.equals(set.scope())) {
      return null;
    }
    return "The cloud resource "
        + status.getId()
        + " was made with the credentials "
        + describe(was)
        + ", and this object now resolves to the credentials "
        + describe(set.scope())
        + " (spec.credentialsRef, or the Secret "
        + Tenants.NAMESPACE_SECRET
        + " of this namespace added or removed). Nothing is sent: the resource may not be in"
        + " that contract, and not found there it would be made again. Restore the credentials"
        + " it was made with; to manage it with others of the same contract, delete this object"
        + " with spec.deletionPolicy Orphan and create it again with spec.adoptId";
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
