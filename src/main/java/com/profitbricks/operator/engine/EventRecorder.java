package com.profitbricks.operator.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Kubernetes events for changes of state (created, updated, deleted, request failed, …), never for
 * a reconcile that changed nothing. Best effort: a failed event write is logged, not raised.
 *
 * <p>Repeats aggregate as kubectl expects: an event's name is fixed per object, reason and process,
 * so the same reason again patches that event (count, last time, latest message) instead of adding
 * one more; {@code kubectl describe} then shows "(x5 over 3m)". Only create and patch on events are
 * needed: the counts are kept here (a restarted process starts new series, as client-go's recorder
 * does), and an event the API server has already expired is created again.
 */
@ApplicationScoped
public class EventRecorder {
  static final String COMPONENT = "profitbricks-operator";

  /** The reporting controller's name (core/v1 reportingComponent). */
  public static final String CONTROLLER = "profitbricks.com/profitbricks-operator";

  private static final int SERIES_KEPT = 4096;

  private final KubernetesClient kube;
  private final String instance;
  private final String process = UUID.randomUUID().toString();
  private final Map<String, Series> series =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Series> eldest) {
              return size() > SERIES_KEPT;
            }
          });

  public EventRecorder(KubernetesClient kube) {
    this.kube = kube;
    this.instance =
        Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse(COMPONENT);
  }

  public void normal(HasMetadata about, String reason, String message) {
    emit(about, "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    emit(about, "Warning", reason, message);
  }

  private record Series(int count) {}

  /** The event's name: the object's, then a digest of its uid, the type, reason and process. */
  String name(HasMetadata about, String type, String reason) {
    String key = about.getMetadata().getUid() + "/" + type + "/" + reason + "/" + process;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8));
      return about.getMetadata().getName() + "." + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void emit(HasMetadata about, String type, String reason, String message) {
    // the same words in the log, with the object and the cloud request in the line's context
    if ("Warning".equals(type)) {
      Log.warnf("%s: %s", reason, message);
    } else {
      Log.infof("%s: %s", reason, message);
    }
    String now = Instant.now().toString();
    String namespace = about.getMetadata().getNamespace();
    String name = name(about, type, reason);
    String text = message.length() > 1024 ? message.substring(0, 1024) : message;
    try {
      Series before = series.get(name);
      if (before != null && repeat(namespace, name, before, text, now)) {
        return;
      }
      kube.v1()
          .events()
          .inNamespace(namespace)
          .resource(event(about, name, type, reason, text, now))
          .create();
      series.put(name, new Series(1));
    } catch (RuntimeException e) {
      Log.debugf(
          "Could not record event %s on %s/%s: %s",
          reason, about.getKind(), about.getMetadata().getName(), e.getMessage());
    }
  }

  /** Counts one more of a series; false when its event is gone (expired) and must be made anew. */
  private boolean repeat(String namespace, String name, Series before, String text, String now) {
    Event change =
        new EventBuilder()
            .withCount(before.count() + 1)
            .withLastTimestamp(now)
            .withMessage(text)
            .build();
    Event named =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .build();
    try {
      // through the named item, not withName(): Fabric8 reads the object first there, and the
      // operator's RBAC grants create and patch on events, not get
      kube.v1()
          .events()
          .inNamespace(namespace)
          .resource(named)
          .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(change));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        series.remove(name);
        return false;
      }
      throw e;
    }
    series.put(name, new Series(before.count() + 1));
    return true;
  }

  private Event event(
      HasMetadata about, String name, String type, String reason, String text, String now) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
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
        .withMessage(text)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource()
        .withComponent(COMPONENT)
        .withHost(instance)
        .endSource()
        .withReportingComponent(CONTROLLER)
        .withReportingInstance(instance)
        .build();
  }
}
