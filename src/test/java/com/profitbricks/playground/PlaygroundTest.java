package com.profitbricks.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The playground's own steps: samples/ applied, shown until Ready, deleted until gone. */
@ExtendWith(MockServerQuirks.class)
class PlaygroundTest {
  @Test
  void samplesBecomeReadyThenDeletingRemovesThemAndTheCloudResources() throws Exception {
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      sim.start();
      try (LocalOperator op =
          new LocalOperator(api.clientAs("playground-operator"), sim.baseUrl(), new TestConfig())) {
        Playground p =
            new Playground(
                api.client(), new PrintStream(shown, true, StandardCharsets.UTF_8), false);
        p.apply(Path.of("samples"));
        assertThat(p.watch(Playground::ready, Duration.ofSeconds(60))).isTrue();
        String atReady = shown.toString(StandardCharsets.UTF_8);
        assertThat(atReady)
            .contains("Applied 6 objects from samples/")
            .containsPattern("PBDatacenter +demo +True +Available")
            .containsPattern("PBServer +demo-web +True +Available")
            .containsPattern("PBNic +demo-web-extra +True +Available");
        assertThat(sim.calls().count("POST", "/datacenters")).isEqualTo(1);
        p.delete();
        assertThat(p.watch(Objects::isNull, Duration.ofSeconds(60))).isTrue();
        assertThat(shown.toString(StandardCharsets.UTF_8))
            .containsPattern("PBServer +demo-web +gone");
        assertThat(sim.calls().count("DELETE", "/datacenters/{datacenterId}")).isEqualTo(1);
        assertThat(api.refusals()).as("what the API refused (403, 409, 422, ...)").isEmpty();
      }
    }
  }
}
