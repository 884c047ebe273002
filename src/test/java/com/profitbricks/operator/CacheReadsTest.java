package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.playground.Playground;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * References are read from the informer caches the reconcilers keep anyway: bringing samples/ to
 * Ready (every kind, every kind of reference) reads no object of the operator's kinds by name from
 * the API server, and lists none in a pass; the informers' list and watch are the only reads of
 * them.
 */
@ExtendWith(MockServerQuirks.class)
class CacheReadsTest {
  static final String AGENT = "operator-under-cache-test";

  @Test
  void bringingSamplesToReadyReadsNoReferencedObjectFromTheApiServer() throws Exception {
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build());
        KubernetesClient own = api.clientAs(AGENT)) {
      sim.start();
      try (LocalOperator op = new LocalOperator(own, sim.baseUrl(), new TestConfig())) {
        Playground steps =
            new Playground(
                api.client(),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                false);
        steps.apply(Path.of("samples"));
        assertThat(steps.watch(Playground::ready, Duration.ofSeconds(60))).isTrue();
      }
      List<String> reads =
          api.takeRequests().stream()
              .filter(r -> AGENT.equals(r.getHeader("User-Agent")))
              .filter(r -> r.getMethod().equals("GET"))
              .map(RecordedRequest::getPath)
              .toList();
      List<String> namedReads =
          reads.stream()
              .filter(
                  p ->
                      p.matches("/apis/profitbricks\\.com/v1alpha1/namespaces/[^/]+/pb\\w+/[^/?]+"))
              .toList();
      assertThat(namedReads).isEmpty();
      // an informer lists from resourceVersion 0 and then watches; a list without either is a
      // reconcile's own (a PBServer's pass listing the PBNics of its namespace, as it once did)
      List<String> passLists =
          reads.stream()
              .filter(
                  p ->
                      p.matches(
                          "/apis/profitbricks\\.com/v1alpha1/(namespaces/[^/]+/)?pb\\w+(\\?.*)?"))
              .filter(p -> !p.contains("watch=true") && !p.contains("resourceVersion="))
              .toList();
      assertThat(passLists).as("lists of the operator's kinds outside its informers").isEmpty();
      assertThat(api.refusals()).as("what the API refused (403, 409, 422, ...)").isEmpty();
    }
  }
}
