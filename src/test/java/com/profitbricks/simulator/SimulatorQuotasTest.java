package com.profitbricks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract's resource limits: reported by GET /contracts as set, and a create or growth over
 * one is taken (202), its request FAILED naming the limit, and the write rolled back.
 */
class SimulatorQuotasTest {
  CloudSimulator sim;
  RawApi api;
  String dc;

  @BeforeEach
  void start() {
    sim = new CloudSimulator(SimConfig.builder().seed(7).build());
    api = new RawApi(sim.start());
    dc =
        api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}")
            .body()
            .get("id")
            .asText();
  }

  @AfterEach
  void stop() {
    api.assertContract();
    sim.close();
  }

  JsonNode limits() {
    return api.get("/contracts").body().at("/items/0/properties/resourceLimits");
  }

  JsonNode requestStatus(RawApi.Answer a) {
    return api.get("/requests/" + a.requestId() + "/status").body().path("metadata");
  }

  RawApi.Answer server(int cores, int ram) {
    return api.post(
        "/datacenters/" + dc + "/servers",
        "{\"properties\":{\"name\":\"s\",\"cores\":" + cores + ",\"ram\":" + ram + "}}");
  }

  @Test
  void limitsSetAreReportedWithWhatIsProvisioned() {
    sim.limit("coresPerContract", 8);
    server(2, 1024);
    JsonNode l = limits();
    assertThat(l.path("coresPerContract").asLong()).isEqualTo(8);
    assertThat(l.path("coresProvisioned").asLong()).isEqualTo(2);
    assertThat(l.path("ramProvisioned").asLong()).isEqualTo(1024);
  }

  @Test
  void aServerOverCoresPerServerIsTakenAndFailsAndIsRolledBack() {
    sim.limit("coresPerServer", 4);
    RawApi.Answer a = server(6, 1024);
    assertThat(a.status()).isEqualTo(202);
    JsonNode st = requestStatus(a);
    assertThat(st.path("status").asText()).isEqualTo("FAILED");
    assertThat(st.path("message").asText()).contains("limit").contains("coresPerServer is 4");
    assertThat(api.get("/datacenters/" + dc + "/servers").body().path("items")).isEmpty();
    assertThat(limits().path("coresProvisioned").asLong()).isZero();
  }

  @Test
  void theContractsTotalsCountEveryServerAndVolume() {
    sim.limit("ramPerContract", 3072);
    assertThat(requestStatus(server(1, 2048)).path("status").asText()).isEqualTo("DONE");
    JsonNode st = requestStatus(server(1, 2048));
    assertThat(st.path("status").asText()).isEqualTo("FAILED");
    assertThat(st.path("message").asText()).contains("ramPerContract is 3072");

    sim.limit("ssdLimitPerContract", 100);
    String vol = "{\"properties\":{\"size\":60,\"type\":\"SSD\",\"licenceType\":\"LINUX\"}}";
    assertThat(
            requestStatus(api.post("/datacenters/" + dc + "/volumes", vol)).path("status").asText())
        .isEqualTo("DONE");
    assertThat(
            requestStatus(api.post("/datacenters/" + dc + "/volumes", vol))
                .path("message")
                .asText())
        .contains("ssdLimitPerContract is 100");
  }

  @Test
  void growingPastALimitFailsAndKeepsTheOldSizeButAWriteThatAddsNothingPasses() {
    RawApi.Answer v =
        api.post(
            "/datacenters/" + dc + "/volumes",
            "{\"properties\":{\"size\":10,\"type\":\"HDD\",\"licenceType\":\"LINUX\"}}");
    String id = v.body().get("id").asText();
    sim.limit("hddLimitPerVolume", 5); // the contract is now over for this volume
    JsonNode renamed =
        requestStatus(api.patch("/datacenters/" + dc + "/volumes/" + id, "{\"name\":\"x\"}"));
    assertThat(renamed.path("status").asText()).isEqualTo("DONE");
    JsonNode grown =
        requestStatus(api.patch("/datacenters/" + dc + "/volumes/" + id, "{\"size\":20}"));
    assertThat(grown.path("status").asText()).isEqualTo("FAILED");
    assertThat(grown.path("message").asText()).contains("hddLimitPerVolume is 5");
    assertThat(
            api.get("/datacenters/" + dc + "/volumes/" + id)
                .body()
                .at("/properties/size")
                .asDouble())
        .isEqualTo(10.0);
  }

  @Test
  void anIpBlockOverTheReservableAddressesFails() {
    sim.limit("reservableIps", 3);
    JsonNode st =
        requestStatus(
            api.post("/ipblocks", "{\"properties\":{\"location\":\"de/fra\",\"size\":4}}"));
    assertThat(st.path("status").asText()).isEqualTo("FAILED");
    assertThat(st.path("message").asText()).contains("reservableIps is 3");
    assertThat(api.get("/ipblocks").body().path("items")).isEmpty();
  }

  @Test
  void theAdminEndpointSetsLimitsAndResetPutsTheDefaultsBack() {
    RawApi admin = new RawApi(sim.baseUrl().replace("/cloudapi/v6", "/_sim"));
    admin.authorization = null;
    assertThat(admin.post("/limits", "{\"coresPerContract\": 8}").status()).isLessThan(300);
    assertThat(limits().path("coresPerContract").asLong()).isEqualTo(8);
    sim.reset();
    assertThat(limits().path("coresPerContract").asLong()).isEqualTo(500);
  }
}
