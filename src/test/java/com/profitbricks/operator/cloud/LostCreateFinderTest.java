package com.profitbricks.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.RateLimiter;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.Lan;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request-log search behind lost-create recovery: by marker only, through every page. */
class LostCreateFinderTest {
  @Test
  void everyPageIsSearchedAndOnlyTheMarkersCreatesCount() {
    try (CloudSimulator sim =
        new CloudSimulator(SimConfig.builder().timeFactor(0).rateLimit(100_000, 1_000).build())) {
      ProfitBricksClient client =
          ProfitBricksClient.builder()
              .baseUrl(sim.start())
              .credentials(Credentials.basic("u", "p"))
              .rateLimiter(RateLimiter.unlimited())
              .build();
      Instant intent = Instant.now();
      String dc =
          client
              .datacenters()
              .create(Datacenter.of(Datacenter.Properties.create("d", "de/fra", null)))
              .resource()
              .id();
      String mine = LostCreateFinder.marker("11111111-aaaa");
      ProfitBricksClient marked = client.onBehalfOf(mine);
      ProfitBricksClient other = client.onBehalfOf(LostCreateFinder.marker("11111111-aaaa-b"));
      List<String> made = new ArrayList<>();
      for (int i = 0; i < LostCreateFinder.PAGE + 20; i++) {
        made.add(
            marked.lans().create(dc, Lan.of(Lan.Properties.create("same", false))).resource().id());
        // the same name and body, another owner (whose marker contains this one as a prefix)
        other.lans().create(dc, Lan.of(Lan.Properties.create("same", false)));
      }
      List<String> found =
          LostCreateFinder.find(client, "/datacenters/" + dc + "/lans", "lan", mine, intent).ids();
      assertThat(found).as("newest first, across pages").containsExactlyInAnyOrderElementsOf(made);
      assertThat(sim.calls().count(c -> c.method().equals("GET") && c.path().equals("/requests")))
          .as("more than one page was read")
          .isGreaterThan(1);
    }
  }
}
