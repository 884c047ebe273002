package com.profitbricks.operator.engine;

import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.CredentialsUnavailableException;
import com.profitbricks.client.MalformedResponseException;
import com.profitbricks.client.ProfitBricksException;
import com.profitbricks.client.RateLimitedException;
import com.profitbricks.operator.cloud.Privileges;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The error taxonomy as steps: a refusal caused by the spec stalls until the spec changes; bad
 * credentials and missing privileges stall but are looked at again at the longest backoff (they are
 * fixed outside the spec); everything transient backs off, honouring Retry-After.
 */
final class Failures {
  static final String CREDENTIALS_HINT =
      ". Nothing was sent to the cloud. In a cluster, create the Secret profitbricks-credentials"
          + " in the operator's namespace (keys username and password, or token); it is read"
          + " without a restart and this object is tried again periodically";

  private final String kind;
  private final String credentials;
  private final EventRecorder events;
  private final OperatorConfig config;

  /** {@code credentials}: the scope of the credentials used (operator, or Secret name). */
  Failures(String kind, String credentials, EventRecorder events, OperatorConfig config) {
    this.kind = kind;
    this.credentials = credentials;
    this.events = events;
    this.config = config;
  }

  /**
   * An error outside the client's taxonomy: logged with its trace, retried with {@code backoff}.
   */
  Step unexpected(CustomResource<?, ?> cr, RuntimeException e, Duration backoff) {
    if (e instanceof KubernetesClientException) {
      // the Kubernetes API refused or failed a call (RBAC, a conflict, a shutdown): its message
      // says all
      Log.warnf(
          "Kubernetes API call failed for %s %s/%s, retrying in %s: %s",
          kind, cr.getMetadata().getNamespace(), cr.getMetadata().getName(), backoff, e);
    } else {
      Log.errorf(
          e,
          "Unexpected error for %s %s/%s, retrying in %s",
          kind,
          cr.getMetadata().getNamespace(),
          cr.getMetadata().getName(),
          backoff);
    }
    return new Step(
        Outcome.progressing(
            Reasons.UNEXPECTED_ERROR,
            "Unexpected error, retrying with backoff: "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())),
        backoff);
  }

  /** Maps a client error to a condition: terminal ones stall, transient ones back off. */
  Step step(CustomResource<?, ?> cr, ProfitBricksException e, UnaryOperator<Duration> backoff) {
    if (e instanceof CredentialsUnavailableException) {
      return new Step(
          Outcome.stalled(Reasons.CREDENTIALS_MISSING, e.getMessage() + CREDENTIALS_HINT),
          config.backoff().max());
    }
    if (e instanceof CloudApiException api && !e.isRetryable()) {
      if (api.httpStatus() == 401) {
        return new Step(
            Outcome.stalled(
                Reasons.CREDENTIALS_INVALID,
                "The Cloud API refused the credentials"
                    + (credentials.startsWith("Secret ") ? " of " + credentials : "")
                    + " (401): "
                    + api.apiMessage()),
            config.backoff().max());
      }
      if (api.httpStatus() == 403) {
        return new Step(
            Outcome.stalled(
                Reasons.PERMISSION_DENIED,
                "The Cloud API refused "
                    + api.method()
                    + " for lack of a privilege (403): "
                    + api.apiMessage()
                    + ". The user likely lacks "
                    + Privileges.hint(api.method(), api.url())
                    + "; an administrator can grant it, and it is tried again periodically"),
            config.backoff().max());
      }
      if (api.httpStatus() == 404) {
        return new Step(
            Outcome.progressing(
                Reasons.DEPENDENCY_NOT_READY,
                "The cloud does not know a parent of this " + kind + ": " + api.apiMessage()),
            backoff.apply(null));
      }
      events.warning(
          cr, "CloudRejected", "The cloud refused the " + kind + ": " + api.apiMessage());
      return new Step(
          Outcome.stalled(
              Reasons.CLOUD_REJECTED,
              "The cloud refused the spec (" + api.httpStatus() + "): " + api.apiMessage()),
          null);
    }
    Duration retryAfter = e instanceof RateLimitedException r ? r.retryAfter() : null;
    String what =
        e instanceof MalformedResponseException
            ? "The Cloud API gave an answer that could not be read"
            : "The Cloud API is unavailable";
    Log.infof(
        "%s for %s %s/%s, retrying: %s",
        what, kind, cr.getMetadata().getNamespace(), cr.getMetadata().getName(), e.getMessage());
    return new Step(
        Outcome.progressing(Reasons.CLOUD_API_UNAVAILABLE, what + "; retrying: " + e.getMessage()),
        backoff.apply(retryAfter));
  }
}
