package com.profitbricks.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract checks themselves: what they must refuse, so a client bug cannot slip through. */
class OpenApiContractTest {
  static OpenApiContract contract;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void load() {
    contract = OpenApiContract.load();
    Assumptions.assumeTrue(
        contract != null, "skipped: " + OpenApiContract.specPath() + " is absent (a user's clone)");
  }

  @Test
  void queryParametersAreCheckedByNameBoundsAndDocumentedDateForm() {
    OpenApiContract.Operation requests = contract.find("GET", "/requests");
    assertThat(
            contract.validateQuery(
                requests,
                Map.of(
                    "depth", "2",
                    "filter.createdAfter", "2026-11-29 17:05:09",
                    "filter.headers", "k8s-owner/x",
                    "offset", "100",
                    "limit", "100")))
        .isEmpty();
    assertThat(
            contract.validateQuery(requests, Map.of("filter.createdAfter", "2026-11-29T17:05:09Z")))
        .singleElement()
        .asString()
        .contains("yyyy-MM-dd HH:mm:ss");
    assertThat(contract.validateQuery(requests, Map.of("filter.owner", "x")))
        .singleElement()
        .asString()
        .contains("not declared");
    assertThat(contract.validateQuery(requests, Map.of("depth", "11"))).hasSize(1);
    OpenApiContract.Operation deleteServer = contract.find("DELETE", "/datacenters/dc/servers/s");
    assertThat(contract.validateQuery(deleteServer, Map.of("deleteVolumes", "true"))).isEmpty();
    assertThat(contract.validateQuery(deleteServer, Map.of("deleteVolumes", "yes"))).hasSize(1);
  }

  @Test
  void aBareVolumeReferenceIsABodyOnlyForTheAttachCall() throws Exception {
    var server =
        JSON.readTree(
            "{\"properties\":{\"cores\":1,\"ram\":1024},"
                + "\"entities\":{\"volumes\":{\"items\":[{\"id\":\"v-1\"}]}}}");
    assertThat(contract.validateRequest(contract.find("POST", "/datacenters/dc/servers"), server))
        .isNotEmpty();
    assertThat(
            contract.validateRequest(
                contract.find("POST", "/datacenters/dc/servers/s/volumes"),
                JSON.readTree("{\"id\":\"v-1\"}")))
        .isEmpty();
  }
}
