package com.profitbricks.operator.kinds.ipblock;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.TestConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The IP blocks a lost create may have made are looked for among all of the account's blocks, not
 * the first page of the listing (100 by the API's default).
 */
class IpBlockSiblingsTest {
  @Test
  void siblingsAreEveryBlockOfTheAccount() {
    try (CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      ProfitBricksClient client =
          ProfitBricksClient.builder()
              .baseUrl(sim.start())
              .credentials(Credentials.basic("u", "p"))
              .build();
      for (int i = 0; i < 101; i++) {
        client.ipBlocks().reserve(IpBlock.of(IpBlock.Properties.create("b-" + i, "de/fra", 1)));
      }
      IpBlockOps ops = new IpBlockOps(new CloudReader(client, new TestConfig(Duration.ZERO)));
      assertThat(ops.siblings(null)).hasSize(101).anyMatch(s -> "b-100".equals(s.name()));
    }
  }
}
