package com.profitbricks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping a server deallocates its dynamically assigned public addresses, reserved ones stay, and
 * a start brings different ones (facts 3.4).
 */
class SimulatorPowerTest {
  CloudSimulator sim;
  RawApi api;
  String dc;
  String server;
  String reserved;

  @BeforeEach
  void start() {
    sim = new CloudSimulator(SimConfig.builder().seed(7).build());
    api = new RawApi(sim.start());
    dc = id(api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}"));
    id(api.post("/datacenters/" + dc + "/lans", "{\"properties\":{\"public\":true}}"));
    reserved =
        api.post("/ipblocks", "{\"properties\":{\"location\":\"de/fra\",\"size\":1}}")
            .body()
            .at("/properties/ips/0")
            .asText();
    server =
        id(
            api.post(
                "/datacenters/" + dc + "/servers",
                "{\"properties\":{\"cores\":1,\"ram\":1024},\"entities\":{\"nics\":{\"items\":["
                    + "{\"properties\":{\"name\":\"dynamic\",\"lan\":1}},"
                    + "{\"properties\":{\"name\":\"reserved\",\"lan\":1,\"ips\":[\""
                    + reserved
                    + "\"]}},"
                    + "{\"properties\":{\"name\":\"private\",\"lan\":2}}]}}}"));
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

  /** The NICs' addresses by name, as the API shows them now. */
  JsonNode ips(String nicName) {
    for (JsonNode n :
        api.get("/datacenters/" + dc + "/servers/" + server + "/nics?depth=1")
            .body()
            .path("items")) {
      if (n.at("/properties/name").asText().equals(nicName)) {
        return n.at("/properties/ips");
      }
    }
    throw new AssertionError("no NIC " + nicName);
  }

  List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }

  RawApi.Answer power(String action) {
    RawApi.Answer a = api.post("/datacenters/" + dc + "/servers/" + server + "/" + action, null);
    assertThat(a.status()).isEqualTo(202);
    assertThat(api.status(a.requestId())).isEqualTo("DONE");
    return a;
  }

  @Test
  void aStopTakesTheDynamicPublicAddressAndAStartGivesADifferentOne() {
    List<String> dynamic = texts(ips("dynamic"));
    List<String> priv = texts(ips("private"));
    assertThat(dynamic).hasSize(1);

    power("stop");
    JsonNode stopped = api.get("/datacenters/" + dc + "/servers/" + server).body();
    assertThat(stopped.at("/properties/vmState").asText()).isEqualTo("SHUTOFF");
    assertThat(stopped.at("/metadata/state").asText()).isEqualTo("INACTIVE");
    assertThat(texts(ips("dynamic"))).as("deallocated").isEmpty();
    assertThat(texts(ips("reserved"))).as("reserved in an IP block").containsExactly(reserved);
    assertThat(texts(ips("private"))).isEqualTo(priv);

    power("start");
    List<String> again = texts(ips("dynamic"));
    assertThat(again).hasSize(1).doesNotContainAnyElementsOf(dynamic);
    assertThat(texts(ips("reserved"))).containsExactly(reserved);
    assertThat(texts(ips("private"))).isEqualTo(priv);
  }

  @Test
  void theAddressGoesOnlyWhenTheStopIsDoneAndStaysAcrossAReboot() {
    List<String> dynamic = texts(ips("dynamic"));
    sim.faults().holdRequests(true);
    api.post("/datacenters/" + dc + "/servers/" + server + "/stop", null);
    assertThat(texts(ips("dynamic"))).as("while the stop runs").isEqualTo(dynamic);
    sim.faults().releaseRequests();
    assertThat(texts(ips("dynamic"))).isEmpty();
    power("start");
    List<String> renewed = texts(ips("dynamic"));
    power("reboot");
    assertThat(texts(ips("dynamic"))).isEqualTo(renewed);
    power("start");
    assertThat(texts(ips("dynamic")))
        .as("a running server's start changes nothing")
        .isEqualTo(renewed);
  }

  @Test
  void anAddressSetWhileStoppedIsWhatTheStartKeeps() {
    power("stop");
    String nic = null;
    for (JsonNode n :
        api.get("/datacenters/" + dc + "/servers/" + server + "/nics?depth=1")
            .body()
            .path("items")) {
      if (n.at("/properties/name").asText().equals("dynamic")) {
        nic = n.get("id").asText();
      }
    }
    RawApi.Answer p =
        api.patch(
            "/datacenters/" + dc + "/servers/" + server + "/nics/" + nic,
            "{\"ips\":[\"" + reserved + "\"]}");
    assertThat(api.status(p.requestId())).isEqualTo("DONE");
    power("start");
    assertThat(texts(ips("dynamic"))).containsExactly(reserved);
  }
}
