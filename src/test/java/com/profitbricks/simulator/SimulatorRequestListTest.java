package com.profitbricks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code GET /requests} embeds per depth: references at 0; at 1 the request's metadata and
 * properties (method, the recorded headers, body, url) with its status as a bare reference; the
 * status' own metadata (status, targets) from depth 2 (facts 3.2, 2.4).
 */
class SimulatorRequestListTest {
  CloudSimulator sim;
  RawApi api;

  @BeforeEach
  void start() {
    sim = new CloudSimulator(SimConfig.builder().seed(7).build());
    api = new RawApi(sim.start());
    api.post("/datacenters", "{\"properties\":{\"name\":\"dc\",\"location\":\"de/fra\"}}");
  }

  @AfterEach
  void stop() {
    api.assertContract();
    sim.close();
  }

  JsonNode first(int depth) {
    JsonNode items = api.get("/requests?depth=" + depth).body().path("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  @Test
  void depthZeroListsReferences() {
    JsonNode r = first(0);
    assertThat(r.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "type", "href");
  }

  @Test
  void depthOneHasMetadataAndPropertiesButOnlyAReferenceToTheStatus() {
    JsonNode r = first(1);
    assertThat(r.at("/metadata/createdDate").isTextual()).isTrue();
    assertThat(r.at("/metadata/requestStatus").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("id", "type", "href");
    assertThat(r.at("/properties/method").asText()).isEqualTo("POST");
    assertThat(r.at("/properties/url").asText()).endsWith("/datacenters");
    assertThat(r.at("/properties/body").asText()).contains("de/fra");
    JsonNode headers = r.at("/properties/headers");
    assertThat(headers.has("user-agent")).isTrue();
    assertThat(headers.has("authorization")).as("not a recorded header").isFalse();
  }

  @Test
  void depthTwoEmbedsTheStatusWithItsTargets() {
    JsonNode s = first(2).at("/metadata/requestStatus");
    assertThat(s.at("/metadata/status").asText()).isEqualTo("DONE");
    assertThat(s.at("/metadata/targets/0/target/type").asText()).isEqualTo("datacenter");
  }
}
