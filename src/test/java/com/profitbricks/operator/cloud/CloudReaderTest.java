package com.profitbricks.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.TestConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The shared datacenter view never outlives a write that invalidated it. */
class CloudReaderTest {
  @Test
  void aReadThatBeganBeforeAnInvalidationIsNotPutBack() throws Exception {
    try (CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      ProfitBricksClient client =
          ProfitBricksClient.builder()
              .baseUrl(sim.start())
              .credentials(Credentials.basic("u", "p"))
              .build();
      String dc =
          client
              .datacenters()
              .create(Datacenter.of(Datacenter.Properties.create("v", "de/fra", null)))
              .resource()
              .id();
      CloudReader reader = new CloudReader(client, new TestConfig(Duration.ofMinutes(1)));
      String route = "/datacenters/{datacenterId}";
      reader.datacenter(dc);
      reader.datacenter(dc);
      assertThat(sim.calls().count("GET", route)).as("a view serves its TTL").isEqualTo(1);

      reader.invalidate(dc);
      sim.faults().latency("GET", route, Duration.ofMillis(600));
      CompletableFuture<?> slow = CompletableFuture.runAsync(() -> reader.datacenter(dc));
      // the slow read is under way when a write invalidates the datacenter
      await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
      reader.invalidate(dc);
      slow.get();
      sim.faults().clear();
      reader.datacenter(dc);
      assertThat(sim.calls().count("GET", route))
          .as("the read from before the invalidation was not kept: the next one reads again")
          .isEqualTo(3);
    }
  }

  @Test
  void aDatacenterTheCloudDeniedTwiceIsNotAskedForAgainByItsChildren() {
    try (CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      ProfitBricksClient client =
          ProfitBricksClient.builder()
              .baseUrl(sim.start())
              .credentials(Credentials.basic("u", "p"))
              .build();
      CloudReader reader = new CloudReader(client, new TestConfig(Duration.ZERO));
      String missing = "00000000-0000-4000-8000-00000000dead";
      String route = "/datacenters/{datacenterId}";
      assertThat(reader.datacenter(missing)).isEmpty();
      assertThat(sim.calls().count("GET", route))
          .as("a 404 is confirmed by a second read")
          .isEqualTo(2);
      assertThat(reader.datacenter(missing)).isEmpty();
      assertThat(reader.datacenterListed(missing)).isFalse();
      assertThat(sim.calls().count("GET", route))
          .as("its children need not each confirm with a 404 of their own")
          .isEqualTo(2);
      reader.invalidate(missing);
      assertThat(reader.datacenter(missing)).isEmpty();
      assertThat(sim.calls().count("GET", route))
          .as("children deleting themselves write into it: no storm of reads either")
          .isEqualTo(2);
      assertThat(reader.ipBlock(missing)).isEmpty();
      assertThat(sim.calls().count("GET", "/ipblocks/{ipblockId}", 404))
          .as("absent from a whole listing, confirmed by a read of its own")
          .isEqualTo(1);
    }
  }

  /**
   * Requests that end in one round of the tracker, in several datacenters: the datacenters are read
   * with one listing before anybody is woken, and every woken object uses that view (it began after
   * the ends) instead of reading its datacenter again.
   */
  @Test
  void aCompletionRoundIsConfirmedByOneReadForAllItsDatacenters() throws Exception {
    try (CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      ProfitBricksClient client =
          ProfitBricksClient.builder()
              .baseUrl(sim.start())
              .credentials(Credentials.basic("u", "p"))
              .build();
      java.util.List<String> dcs = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        dcs.add(
            client
                .datacenters()
                .create(Datacenter.of(Datacenter.Properties.create("r" + i, "de/fra", null)))
                .resource()
                .id());
      }
      // one TTL-cached view of each, then a LAN created in each: the old views predate the ends
      CloudReader reader = new CloudReader(client, new TestConfig(Duration.ofMinutes(1)));
      dcs.forEach(reader::datacenter);
      sim.calls().reset();
      java.util.Map<String, String> requests = new java.util.concurrent.ConcurrentHashMap<>();
      java.util.Set<String> woken = java.util.concurrent.ConcurrentHashMap.newKeySet();
      for (String dc : dcs) {
        String rid =
            client
                .lans()
                .create(
                    dc,
                    com.profitbricks.client.model.Lan.of(
                        com.profitbricks.client.model.Lan.Properties.create("l", false)))
                .requestId();
        requests.put(dc, rid);
      }
      // followed once all are sent: the tracker sees them end in one round
      requests.forEach((dc, rid) -> reader.track(rid, dc, () -> woken.add(dc)));
      await().atMost(Duration.ofSeconds(5)).until(() -> woken.size() == dcs.size());
      for (String dc : dcs) {
        reader.ended(dc, requests.get(dc));
        assertThat(reader.datacenter(dc).orElseThrow().entities().lans().itemsOrEmpty())
            .as("the view shows the LAN its request made")
            .hasSize(1);
      }
      assertThat(sim.calls().count("GET", "/datacenters"))
          .as("one listing for the round")
          .isEqualTo(1);
      assertThat(sim.calls().count("GET", "/datacenters/{datacenterId}"))
          .as("no datacenter read on its own")
          .isZero();
      reader.close();
    }
  }
}
