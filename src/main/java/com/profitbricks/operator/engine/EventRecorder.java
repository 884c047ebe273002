package com.profitbricks.operator.engine;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Kubernetes events for changes of state (created, updated, deleted, request failed, …), never for
 * a reconcile that changed nothing. Best effort: a failed event write is logged, not raised.
 */
@ApplicationScoped
public class EventRecorder {
  static final String COMPONENT = "profitbricks-operator";
  private final KubernetesClient kube;

  public EventRecorder(KubernetesClient kube) {
    this.kube = kube;
  }

  public void normal(HasMetadata about, String reason, String message) {
    emit(about, "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    emit(about, "Warning", reason, message);
  }

  private void emit(HasMetadata about, String type, String reason, String message) {
    // the same words in the log, with the object and the cloud request in the line's context
    if ("Warning".equals(type)) {
      Log.warnf("%s: %s", reason, message);
    } else {
      Log.infof("%s: %s", reason, message);
    }
    String now = Instant.now().toString();
    try {
      kube.v1()
          .events()
          .inNamespace(about.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(
                      about.getMetadata().getName()
                          + "."
                          + UUID.randomUUID().toString().substring(0, 8))
                  .withNamespace(about.getMetadata().getNamespace())
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(about.getApiVersion())
                  .withKind(about.getKind())
                  .withName(about.getMetadata().getName())
                  .withNamespace(about.getMetadata().getNamespace())
                  .withUid(about.getMetadata().getUid())
                  .endInvolvedObject()
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message.length() > 1024 ? message.substring(0, 1024) : message)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .build())
          .create();
    } catch (RuntimeException e) {
      Log.debugf(
          "Could not record event %s on %s/%s: %s",
          reason, about.getKind(), about.getMetadata().getName(), e.getMessage());
    }
  }
}
