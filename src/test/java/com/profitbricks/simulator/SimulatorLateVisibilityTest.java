package com.profitbricks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Late visibility: what a create makes answers 404 and is in no listing until its request is DONE,
 * while the request is in the log from the start. Held requests stay RUNNING (and the ones queued
 * behind them QUEUED) for as long as a test needs.
 */
class SimulatorLateVisibilityTest {
  static final String SERVER =
      "{\"properties\":{\"name\":\"web\",\"cores\":1,\"ram\":1024},\"entities\":{"
          + "\"volumes\":{\"items\":[{\"properties\":{\"name\":\"os\",\"size\":5,"
          + "\"licenceType\":\"LINUX\"}}]},"
          + "\"nics\":{\"items\":[{\"properties\":{\"name\":\"eth0\",\"lan\":3},"
          + "\"entities\":{\"firewallrules\":{\"items\":[{\"properties\":{\"protocol\":\"TCP\"}}]}}}]}}}";

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

  String id(RawApi.Answer a) {
    assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(202);
    return a.body().get("id").asText();
  }

  String datacenter() {
    return id(api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}"));
  }

  List<String> listed(String path) {
    List<String> out = new ArrayList<>();
    api.get(path + "?depth=1").body().path("items").forEach(i -> out.add(i.get("id").asText()));
    return out;
  }

  JsonNode status(RawApi.Answer a) {
    return api.get("/requests/" + a.requestId() + "/status").body();
  }

  @Test
  void offByDefaultAHeldCreateIsReadableAndBusy() {
    sim.faults().holdRequests(true);
    RawApi.Answer a = api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}");
    RawApi.Answer read = api.get("/datacenters/" + id(a));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().at("/metadata/state").asText()).isEqualTo("BUSY");
  }

  @Test
  void topLevelCreatesAreOutOfSightUntilTheirRequestIsDone() {
    sim.faults().lateVisibility(true).holdRequests(true);
    RawApi.Answer dc = api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}");
    RawApi.Answer block =
        api.post("/ipblocks", "{\"properties\":{\"location\":\"de/fra\",\"size\":1}}");
    assertThat(dc.body().at("/metadata/state").asText())
        .as("the 202 shows what was made")
        .isEqualTo("BUSY");
    assertThat(api.get("/datacenters/" + id(dc)).status()).isEqualTo(404);
    assertThat(api.get("/datacenters/" + id(dc) + "/lans").status()).isEqualTo(404);
    assertThat(api.get("/ipblocks/" + id(block)).status()).isEqualTo(404);
    assertThat(listed("/datacenters")).isEmpty();
    assertThat(listed("/ipblocks")).isEmpty();
    JsonNode s = status(dc);
    assertThat(s.at("/metadata/status").asText()).isEqualTo("RUNNING");
    assertThat(s.at("/metadata/targets/0/target/id").asText()).isEqualTo(id(dc));
    assertThat(listed("/requests")).contains(dc.requestId(), block.requestId());

    sim.faults().releaseRequests();
    assertThat(api.get("/datacenters/" + id(dc)).status()).isEqualTo(200);
    assertThat(listed("/datacenters")).containsExactly(id(dc));
    assertThat(listed("/ipblocks")).containsExactly(id(block));
  }

  @Test
  void aCompositeServerAndEverythingInsideItStayOutOfSight() {
    String dc = datacenter();
    sim.faults().lateVisibility(true).holdRequests(true);
    RawApi.Answer lan = api.post("/datacenters/" + dc + "/lans", "{\"properties\":{}}");
    RawApi.Answer server = api.post("/datacenters/" + dc + "/servers", SERVER);
    String s = id(server);
    String volume = server.body().at("/entities/volumes/items/0/id").asText();
    String nic = server.body().at("/entities/nics/items/0/id").asText();
    String rule =
        server.body().at("/entities/nics/items/0/entities/firewallrules/items/0/id").asText();
    assertThat(List.of(volume, nic, rule)).as("the 202 shows the entities").doesNotContain("");
    assertThat(status(server).at("/metadata/status").asText())
        .as("queued behind the held LAN")
        .isEqualTo("QUEUED");
    String servers = "/datacenters/" + dc + "/servers/";
    assertThat(api.get("/datacenters/" + dc + "/lans/" + id(lan)).status()).isEqualTo(404);
    assertThat(api.get(servers + s).status()).isEqualTo(404);
    assertThat(api.get(servers + s + "/nics").status()).isEqualTo(404);
    assertThat(api.get(servers + s + "/nics/" + nic + "/firewallrules/" + rule).status())
        .isEqualTo(404);
    assertThat(api.get("/datacenters/" + dc + "/volumes/" + volume).status()).isEqualTo(404);
    assertThat(api.get("/datacenters/" + dc + "/lans/3").status())
        .as("the LAN the NIC's number makes")
        .isEqualTo(404);
    for (String c : List.of("servers", "volumes", "lans")) {
      assertThat(listed("/datacenters/" + dc + "/" + c)).as(c).isEmpty();
      assertThat(api.get("/datacenters/" + dc + "?depth=3").body().at("/entities/" + c + "/items"))
          .as(c + " in the datacenter's entities")
          .isEmpty();
    }

    sim.faults().releaseRequests();
    assertThat(api.get(servers + s + "/nics/" + nic + "/firewallrules/" + rule).status())
        .isEqualTo(200);
    assertThat(listed("/datacenters/" + dc + "/volumes")).containsExactly(volume);
    assertThat(listed(servers + s + "/volumes")).containsExactly(volume);
    assertThat(listed("/datacenters/" + dc + "/lans")).containsExactlyInAnyOrder(id(lan), "3");
  }

  @Test
  void subResourceCreatesStayOutOfSightOnAVisibleParent() {
    String dc = datacenter();
    String s = id(api.post("/datacenters/" + dc + "/servers", SERVER));
    String servers = "/datacenters/" + dc + "/servers/" + s;
    String nic = listed(servers + "/nics").get(0);
    sim.faults().lateVisibility(true).holdRequests(true);
    RawApi.Answer volume =
        api.post(
            servers + "/volumes",
            "{\"properties\":{\"name\":\"data\",\"size\":5,\"licenceType\":\"LINUX\"}}");
    RawApi.Answer second = api.post(servers + "/nics", "{\"properties\":{\"lan\":3}}");
    RawApi.Answer rule =
        api.post(
            servers + "/nics/" + nic + "/firewallrules", "{\"properties\":{\"protocol\":\"UDP\"}}");
    assertThat(api.get(servers).status()).as("the parent stays readable").isEqualTo(200);
    assertThat(api.get(servers + "/volumes/" + id(volume)).status()).isEqualTo(404);
    assertThat(api.get("/datacenters/" + dc + "/volumes/" + id(volume)).status()).isEqualTo(404);
    assertThat(api.get(servers + "/nics/" + id(second)).status()).isEqualTo(404);
    assertThat(api.get(servers + "/nics/" + nic + "/firewallrules/" + id(rule)).status())
        .isEqualTo(404);
    assertThat(listed(servers + "/volumes")).hasSize(1);
    assertThat(listed("/datacenters/" + dc + "/volumes")).hasSize(1);
    assertThat(listed(servers + "/nics")).containsExactly(nic);
    assertThat(listed("/datacenters/" + dc + "/lans/3/nics")).containsExactly(nic);
    assertThat(listed(servers + "/nics/" + nic + "/firewallrules")).hasSize(1);
    assertThat(api.get(servers + "?depth=2").body().at("/entities/nics/items")).hasSize(1);

    sim.faults().releaseRequests();
    assertThat(listed(servers + "/volumes")).contains(id(volume));
    assertThat(listed(servers + "/nics")).containsExactly(nic, id(second));
    assertThat(listed(servers + "/nics/" + nic + "/firewallrules")).contains(id(rule));
  }

  @Test
  void aFailedCreateNeverShowsAndTheAdminEndpointSwitchesTheMode() {
    RawApi admin = new RawApi(sim.baseUrl().replace(CloudSimulator.BASE_PATH, ""));
    assertThat(admin.post("/_sim/faults", "{\"kind\":\"lateVisibility\"}").status()).isEqualTo(204);
    sim.faults().holdRequests(true).failRequests("POST", "/datacenters", 1, "no capacity");
    RawApi.Answer failed = api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}");
    RawApi.Answer held = api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}");
    assertThat(listed("/datacenters")).isEmpty();
    sim.faults().releaseRequests();
    assertThat(status(failed).at("/metadata/status").asText()).isEqualTo("FAILED");
    assertThat(api.get("/datacenters/" + id(failed)).status()).isEqualTo(404);
    assertThat(listed("/datacenters")).containsExactly(id(held));
    assertThat(admin.post("/_sim/faults", "{\"kind\":\"lateVisibility\",\"on\":false}").status())
        .isEqualTo(204);
    sim.faults().holdRequests(true);
    String visible = datacenter();
    assertThat(api.get("/datacenters/" + visible).status()).isEqualTo(200);
  }
}
