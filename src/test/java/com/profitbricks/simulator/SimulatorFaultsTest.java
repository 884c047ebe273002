package com.profitbricks.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profitbricks.client.AmbiguousWriteException;
import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.RateLimiter;
import com.profitbricks.client.RetryPolicy;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.IpBlock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults on demand, each observed from outside as a client would see it. */
class SimulatorFaultsTest {
  CloudSimulator sim;
  RawApi api;

  @BeforeEach
  void start() {
    sim = new CloudSimulator(SimConfig.builder().seed(7).build());
    api = new RawApi(sim.start());
  }

  @AfterEach
  void stop() {
    api.assertContract();
    sim.close();
  }

  String createDc() {
    return api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}")
        .body()
        .get("id")
        .asText();
  }

  @Test
  void addedLatencyDelaysOnlyTheMatchingRoute() {
    sim.faults().latency("GET", "/datacenters", Duration.ofMillis(300));
    long t0 = System.nanoTime();
    api.get("/datacenters");
    long slow = (System.nanoTime() - t0) / 1_000_000;
    assertThat(slow).isGreaterThanOrEqualTo(300);
    assertThat(sim.faults().latencyFor("GET", "/locations")).isZero();
  }

  @Test
  void aCountedLatencySlowsOnlyTheNextMatchingCalls() {
    sim.faults().latency("POST", "/datacenters", Duration.ofMillis(300), 1);
    long t0 = System.nanoTime();
    createDc();
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
    assertThat(sim.faults().latencyFor("POST", "/datacenters")).isZero();
  }

  @Test
  void anErrorRateIsDeterministicUnderTheSeed() {
    List<Integer> first = statuses(sim);
    CloudSimulator again = new CloudSimulator(SimConfig.builder().seed(7).build());
    try {
      again.start();
      assertThat(statuses(again)).isEqualTo(first);
    } finally {
      again.close();
    }
    assertThat(first).contains(503, 200);
  }

  private static List<Integer> statuses(CloudSimulator s) {
    s.faults().errorRate("GET", "/datacenters", 0.5, 503);
    RawApi raw = new RawApi(s.baseUrl());
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      out.add(raw.get("/datacenters").status());
    }
    return out;
  }

  @Test
  void a429BurstCarriesRetryAfter() {
    sim.faults().rateLimitBurst(2, 3);
    RawApi.Answer a = api.get("/datacenters");
    assertThat(a.status()).isEqualTo(429);
    assertThat(a.header("Retry-After")).isEqualTo("3");
    assertThat(a.body().at("/messages/0/message").asText()).contains("Rate limit");
    assertThat(api.get("/datacenters").status()).isEqualTo(429);
    assertThat(api.get("/datacenters").status()).isEqualTo(200);
  }

  @Test
  void anEnforcedRateRefusesCallsBeyondIt() {
    sim.faults().enforceRateLimit(0.001, 3, 5);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      out.add(api.get("/datacenters").status());
    }
    assertThat(out).containsExactly(200, 200, 200, 429, 429);
  }

  @Test
  void aFailedRequestShowsItsMessageAndUndoesTheCreate() {
    sim.faults().failRequests("POST", "/datacenters", 1, "Not enough capacity in de/fra");
    RawApi.Answer a = api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}");
    assertThat(a.status()).isEqualTo(202);
    RawApi.Answer s = api.get("/requests/" + a.requestId() + "/status");
    assertThat(s.body().at("/metadata/status").asText()).isEqualTo("FAILED");
    assertThat(s.body().at("/metadata/message").asText())
        .isEqualTo("Not enough capacity in de/fra");
    assertThat(api.get("/datacenters/" + a.body().get("id").asText()).status()).isEqualTo(404);
    RawApi.Answer next = api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}");
    assertThat(api.status(next.requestId())).isEqualTo("DONE");
  }

  @Test
  void aFailedPatchIsRolledBack() {
    String dc = createDc();
    sim.faults().failRequests("PATCH", "*", 1, "conflict");
    RawApi.Answer p = api.patch("/datacenters/" + dc, "{\"name\":\"new\"}");
    assertThat(p.body().at("/properties/name").asText()).isEqualTo("new");
    assertThat(api.status(p.requestId())).isEqualTo("FAILED");
    assertThat(api.get("/datacenters/" + dc).body().at("/properties/name").isNull()).isTrue();
  }

  @Test
  void aHeldRequestStaysRunningUntilReleased() {
    sim.faults().holdRequests(true);
    RawApi.Answer a = api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}");
    for (int i = 0; i < 3; i++) {
      assertThat(api.status(a.requestId())).isEqualTo("RUNNING");
    }
    sim.faults().releaseRequests();
    assertThat(api.status(a.requestId())).isEqualTo("DONE");
  }

  @Test
  void aLostRequestAnswers404ButTheWorkIsDone() {
    sim.faults().loseRequests(1);
    RawApi.Answer a = api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}");
    assertThat(api.get("/requests/" + a.requestId() + "/status").status()).isEqualTo(404);
    assertThat(api.get("/requests/" + a.requestId()).status()).isEqualTo(404);
    assertThat(
            api.get("/datacenters/" + a.body().get("id").asText())
                .body()
                .at("/metadata/state")
                .asText())
        .isEqualTo("AVAILABLE");
  }

  @Test
  void aDroppedAnswerLeavesTheResourceCreatedAndTheClientWithoutAnId() {
    sim.faults().dropResponses("POST", "/ipblocks", 1);
    ProfitBricksClient client =
        ProfitBricksClient.builder()
            .baseUrl(sim.baseUrl())
            .credentials(Credentials.basic("u", "p"))
            .retryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO))
            .rateLimiter(RateLimiter.unlimited())
            .build();
    assertThatThrownBy(
            () ->
                client
                    .ipBlocks()
                    .reserve(IpBlock.of(IpBlock.Properties.create("lost", "de/fra", 1))))
        .isInstanceOf(AmbiguousWriteException.class);
    assertThat(client.ipBlocks().list().itemsOrEmpty())
        .as("created exactly once, not retried")
        .hasSize(1);
    assertThat(sim.calls().count("POST", "/ipblocks")).isEqualTo(1);
    assertThat(sim.calls().count("POST", "/ipblocks", 0)).isEqualTo(1);
  }

  @Test
  void injectedErrorsReachTheClientClassified() {
    sim.faults().errors("POST", "/datacenters", 1, 500);
    ProfitBricksClient client =
        ProfitBricksClient.builder()
            .baseUrl(sim.baseUrl())
            .credentials(Credentials.basic("u", "p"))
            .retryPolicy(RetryPolicy.none())
            .rateLimiter(RateLimiter.unlimited())
            .build();
    // a 5xx on a POST is ambiguous to the client (it may have been applied): never resent
    assertThatThrownBy(
            () ->
                client
                    .datacenters()
                    .create(Datacenter.of(Datacenter.Properties.create("x", "de/fra", null))))
        .isInstanceOf(AmbiguousWriteException.class)
        .cause()
        .isInstanceOfSatisfying(
            CloudApiException.ServerException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThat(sim.resourceCount()).isZero();
    sim.faults().errors("GET", "/datacenters", 1, 503);
    assertThatThrownBy(() -> client.datacenters().list())
        .isInstanceOfSatisfying(
            CloudApiException.ServerException.class, e -> assertThat(e.isRetryable()).isTrue());
  }

  @Test
  void theCallLogCountsByMethodRouteAndStatus() {
    String dc = createDc();
    api.get("/datacenters/" + dc);
    api.get("/datacenters/" + dc);
    api.get("/datacenters/missing");
    assertThat(sim.calls().count("GET", "/datacenters/{datacenterId}")).isEqualTo(3);
    assertThat(sim.calls().count("GET", "/datacenters/{datacenterId}", 404)).isEqualTo(1);
    assertThat(sim.calls().writes()).isEqualTo(1);
    assertThat(sim.calls().statusBetween(400, 499)).isEqualTo(1);
    assertThat(sim.calls().counters()).containsEntry("GET /datacenters/{datacenterId} 200", 2L);
  }
}
