package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.engine.CloudReconcilerEngine;
import com.profitbricks.testing.MockServerQuirks;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an operator of the operator sees: /q/metrics while objects converge, and log context. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@ExtendWith(MockServerQuirks.class)
class ObservabilityTest {
  @Inject KubernetesClient kube;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  /** Log lines of the event recorder with the context they were written in. */
  record Line(String message, Map<String, String> mdc) {}

  @Test
  void metricsShowCloudCallsRequestWaitsAndObjectsAndLogsNameTheRequest() throws Exception {
    List<Line> lines = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r instanceof ExtLogRecord e && r.getLoggerName().endsWith("EventRecorder")) {
              lines.add(new Line(e.getFormattedMessage(), e.getMdcCopy()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger.getLogger("").addHandler(capture);
    try {
      PBDatacenter dc = new PBDatacenter();
      dc.setMetadata(new ObjectMetaBuilder().withName("observed").withNamespace("default").build());
      PBDatacenterSpec spec = new PBDatacenterSpec();
      spec.setLocation("de/fra");
      dc.setSpec(spec);
      kube.resource(dc).create();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                String body = scrape();
                assertThat(body)
                    .containsPattern(
                        "profitbricks_cloud_calls_seconds_count\\{method=\"POST\",route=\"/datacenters\",status=\"202\"} [1-9]")
                    .containsPattern(
                        "profitbricks_cloud_request_wait_seconds_count\\{action=\"CREATE\",kind=\"PBDatacenter\",result=\"DONE\"} [1-9]")
                    .containsPattern(
                        "profitbricks_objects\\{kind=\"PBDatacenter\",ready=\"True\",reason=\"Available\"} [1-9]");
              });
      // the operator SDK's own reconcile metrics are there too
      assertThat(scrape())
          .contains(
              "reconciliations_execution_duration_seconds_count{controller_name=\"pbdatacenter\"}");
      Line creating =
          lines.stream()
              .filter(l -> l.message().startsWith("Creating: "))
              .filter(l -> "observed".equals(l.mdc().get("resource.name")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no Creating line for observed: " + lines));
      assertThat(creating.mdc())
          .containsEntry("resource.namespace", "default")
          .containsKey(CloudReconcilerEngine.MDC_REQUEST);
      assertThat(creating.message())
          .contains(creating.mdc().get(CloudReconcilerEngine.MDC_REQUEST));
    } finally {
      Logger.getLogger("").removeHandler(capture);
    }
  }

  private String scrape() throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
