package com.profitbricks.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's own rules: envelope, request state machine, ordering, deletes, depth, headers.
 */
class SimulatorBehaviourTest {
  CloudSimulator sim;
  RawApi api;

  @BeforeEach
  void start() {
    sim = new CloudSimulator(SimConfig.builder().build());
    api = new RawApi(sim.start());
  }

  @AfterEach
  void stop() {
    api.assertContract();
    sim.close();
  }

  String datacenter(String location) {
    RawApi.Answer a =
        api.post(
            "/datacenters", "{\"properties\":{\"name\":\"dc\",\"location\":\"" + location + "\"}}");
    assertThat(a.status()).isEqualTo(202);
    return a.body().get("id").asText();
  }

  @Test
  void aWriteAnswers202WithTheBusyResourceAndAnAbsoluteLocation() {
    RawApi.Answer a =
        api.post("/datacenters", "{\"properties\":{\"name\":\"dc\",\"location\":\"de/fra\"}}");
    assertThat(a.status()).isEqualTo(202);
    assertThat(a.body().path("metadata").path("state").asText()).isEqualTo("BUSY");
    assertThat(a.header("Location")).startsWith(sim.baseUrl() + "/requests/").endsWith("/status");
    assertThat(a.body().path("href").asText())
        .isEqualTo(sim.baseUrl() + "/datacenters/" + a.body().get("id").asText());
    assertThat(api.status(a.requestId())).isEqualTo("DONE");
    assertThat(
            api.get("/datacenters/" + a.body().get("id").asText())
                .body()
                .path("metadata")
                .path("state")
                .asText())
        .isEqualTo("AVAILABLE");
  }

  @Test
  void requestsGoThroughQueuedAndRunningToDoneOverTime() {
    sim.close();
    sim =
        new CloudSimulator(
            SimConfig.builder()
                .timeFactor(1)
                .duration("datacenter", Duration.ofMillis(600))
                .build());
    api = new RawApi(sim.start());
    RawApi.Answer a = api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}");
    Set<String> seen = ConcurrentHashMap.newKeySet();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              String s = api.status(a.requestId());
              seen.add(s);
              return s.equals("DONE");
            });
    assertThat(seen).contains("RUNNING", "DONE");
    assertThat(
            api.get("/datacenters/" + a.body().get("id").asText())
                .body()
                .path("metadata")
                .path("state")
                .asText())
        .isEqualTo("AVAILABLE");
  }

  @Test
  void requestsInOneDatacenterRunOneAtATimeInOrderWhileOtherDatacentersProceed() {
    sim.faults().holdRequests(true);
    RawApi.Answer first = api.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}");
    String dc = first.body().get("id").asText();
    sim.faults().holdRequests(false);
    RawApi.Answer second = api.patch("/datacenters/" + dc, "{\"name\":\"second\"}");
    RawApi.Answer third =
        api.post("/datacenters/" + dc + "/lans", "{\"properties\":{\"name\":\"third\"}}");
    RawApi.Answer other = api.post("/datacenters", "{\"properties\":{\"location\":\"us/las\"}}");
    assertThat(api.status(first.requestId())).isEqualTo("RUNNING");
    assertThat(api.status(second.requestId())).isEqualTo("QUEUED");
    assertThat(api.status(third.requestId())).isEqualTo("QUEUED");
    assertThat(api.status(other.requestId())).isEqualTo("DONE");
    assertThat(api.get("/datacenters/" + dc).body().path("metadata").path("state").asText())
        .isEqualTo("BUSY");
    sim.faults().releaseRequests();
    assertThat(api.status(first.requestId())).isEqualTo("DONE");
    assertThat(api.status(second.requestId())).isEqualTo("DONE");
    assertThat(api.status(third.requestId())).isEqualTo("DONE");
  }

  @Test
  void aDeletedResourceStaysReadableUntilItsRequestIsDone() {
    String dc = datacenter("de/fra");
    sim.faults().holdRequests(true);
    RawApi.Answer d = api.delete("/datacenters/" + dc);
    assertThat(d.status()).isEqualTo(202);
    assertThat(d.body()).isNull();
    assertThat(api.get("/datacenters/" + dc).body().path("metadata").path("state").asText())
        .isEqualTo("BUSY");
    sim.faults().releaseRequests();
    RawApi.Answer gone = api.get("/datacenters/" + dc);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().path("httpStatus").asInt()).isEqualTo(404);
    assertThat(gone.body().path("messages").get(0).path("message").asText())
        .contains("Resource does not exist");
  }

  @Test
  void deletingADatacenterRemovesEverythingInside() {
    RawApi.Answer a =
        api.post(
            "/datacenters",
            """
            {"properties":{"location":"de/fra"},"entities":{"servers":{"items":[{"properties":{"cores":1,"ram":1024},
             "entities":{"volumes":{"items":[{"properties":{"size":10,"licenceType":"LINUX"}}]},"nics":{"items":[{"properties":{"lan":1}}]}}}]},
             "lans":{"items":[{"properties":{"name":"l","public":"true"}}]}}}\
            """);
    assertThat(a.status()).isEqualTo(202);
    assertThat(sim.resourceCount())
        .as("datacenter, server, volume, NIC and LAN 1, which the NIC uses")
        .isEqualTo(5);
    api.delete("/datacenters/" + a.body().get("id").asText());
    assertThat(sim.resourceCount()).isZero();
  }

  @Test
  void deletingAServerDetachesItsVolumesAndDeletesItsNics() {
    String dc = datacenter("de/fra");
    RawApi.Answer s =
        api.post(
            "/datacenters/" + dc + "/servers",
            """
            {"properties":{"cores":1,"ram":1024},"entities":{"volumes":{"items":[{"properties":{"size":10,"licenceType":"LINUX","bus":"IDE"}}]},
             "nics":{"items":[{"properties":{"lan":2}}]}}}\
            """);
    String server = s.body().get("id").asText();
    String volume =
        s.body().path("entities").path("volumes").path("items").get(0).path("id").asText();
    assertThat(
            api.get("/datacenters/" + dc + "/volumes/" + volume)
                .body()
                .path("properties")
                .path("bus")
                .asText())
        .isEqualTo("IDE");
    assertThat(
            api.get("/datacenters/" + dc + "/servers/" + server)
                .body()
                .path("properties")
                .path("bootVolume")
                .path("id")
                .asText())
        .isEqualTo(volume);
    api.delete("/datacenters/" + dc + "/servers/" + server);
    JsonNode v = api.get("/datacenters/" + dc + "/volumes/" + volume).body();
    assertThat(v.path("properties").path("bus").isNull()).isTrue();
    assertThat(api.get("/datacenters/" + dc + "/lans/2/nics?depth=1").body().path("items"))
        .isEmpty();
  }

  @Test
  void aNicNamingAnUnknownLanCreatesThatLanWithANumericId() {
    String dc = datacenter("de/fra");
    String server =
        api.post("/datacenters/" + dc + "/servers", "{\"properties\":{\"cores\":1,\"ram\":512}}")
            .body()
            .get("id")
            .asText();
    RawApi.Answer n =
        api.post(
            "/datacenters/" + dc + "/servers/" + server + "/nics",
            "{\"properties\":{\"lan\":\"3\",\"dhcp\":\"false\"}}");
    assertThat(n.status()).isEqualTo(202);
    assertThat(n.body().path("properties").path("lan").isInt()).isTrue();
    assertThat(n.body().path("properties").path("dhcp").asBoolean(true)).isFalse();
    assertThat(n.body().path("properties").path("mac").asText()).matches("02:01(:[0-9a-f]{2}){4}");
    JsonNode lan = api.get("/datacenters/" + dc + "/lans/3").body();
    assertThat(lan.path("id").asText()).isEqualTo("3");
    assertThat(lan.path("properties").path("public").asBoolean(true)).isFalse();
    assertThat(
            api.post("/datacenters/" + dc + "/lans", "{\"properties\":{\"name\":\"next\"}}")
                .body()
                .get("id")
                .asText())
        .isEqualTo("4");
  }

  @Test
  void depthRendersChildrenAsTheFactsSheetDescribes() {
    RawApi.Answer a =
        api.post(
            "/datacenters",
            """
            {"properties":{"location":"de/fra"},"entities":{"servers":{"items":[{"properties":{"cores":1,"ram":1024},
             "entities":{"nics":{"items":[{"properties":{"lan":1}}]}}}]}}}\
            """);
    String dc = a.body().get("id").asText();
    JsonNode d0 = api.get("/datacenters/" + dc + "?depth=0").body();
    assertThat(d0.path("entities").path("servers").has("items")).isFalse();
    assertThat(d0.path("entities").path("servers").path("href").asText()).endsWith("/servers");
    JsonNode d1 = api.get("/datacenters/" + dc + "?depth=1").body();
    assertThat(d1.path("entities").path("servers").path("items").get(0).has("properties"))
        .isFalse();
    JsonNode d3 = api.get("/datacenters/" + dc + "?depth=3").body();
    JsonNode server = d3.path("entities").path("servers").path("items").get(0);
    assertThat(server.path("properties").path("cores").asInt()).isEqualTo(1);
    assertThat(server.path("entities").path("nics").path("items").get(0).has("properties"))
        .isFalse();
    JsonNode d4 = api.get("/datacenters/" + dc + "?depth=4").body();
    assertThat(d4.at("/entities/servers/items/0/entities/nics/items/0/properties/lan").asInt())
        .isEqualTo(1);
    JsonNode list0 = api.get("/datacenters?depth=0").body();
    assertThat(list0.path("items").get(0).has("properties")).isFalse();
    assertThat(
            api.get("/datacenters?depth=1")
                .body()
                .path("items")
                .get(0)
                .path("properties")
                .path("location")
                .asText())
        .isEqualTo("de/fra");
  }

  @Test
  void everyAnswerCarriesRateLimitHeadersAndSingleGetsAnEtag() {
    String dc = datacenter("de/fra");
    RawApi.Answer ok = api.get("/datacenters/" + dc);
    assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("600");
    assertThat(Integer.parseInt(ok.header("X-RateLimit-Remaining"))).isBetween(0, 599);
    assertThat(ok.header("X-RateLimit-Burst")).isEqualTo("50");
    assertThat(ok.header("ETag")).isEqualTo(ok.body().path("metadata").path("etag").asText());
    assertThat(api.get("/datacenters/" + dc + "?depth=2").header("ETag")).isNull();
    RawApi.Answer missing = api.get("/datacenters/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("X-RateLimit-Remaining")).isNotNull();
  }

  @Test
  void credentialsAreRequiredAndCheckedWhenConfigured() {
    api.authorization = null;
    RawApi.Answer none = api.get("/datacenters");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body().path("messages").get(0).path("errorCode").asText()).isEqualTo("315");
    api.authorization = "Bearer anything";
    assertThat(api.get("/datacenters").status()).isEqualTo(200);
    sim.close();
    sim = new CloudSimulator(SimConfig.builder().credentials("alice", "wonderland").build());
    api = new RawApi(sim.start());
    assertThat(api.get("/datacenters").status()).isEqualTo(401);
    api.authorization =
        "Basic " + java.util.Base64.getEncoder().encodeToString("alice:wonderland".getBytes());
    assertThat(api.get("/datacenters").status()).isEqualTo(200);
    api.authorization = "Bearer some-token";
    assertThat(api.get("/datacenters").status()).isEqualTo(401);
  }

  @Test
  void unknownPathsAnd405sAnswerTheErrorShape() {
    RawApi.Answer nowhere = api.get("/nowhere");
    assertThat(nowhere.status()).isEqualTo(404);
    assertThat(nowhere.body().path("httpStatus").asInt()).isEqualTo(404);
    RawApi.Answer method = api.delete("/datacenters");
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.body().path("messages").get(0).path("message").asText()).contains("DELETE");
    RawApi.Answer badJson = api.post("/datacenters", "{\"properties\":");
    assertThat(badJson.status()).isEqualTo(400);
  }

  @Test
  void requestsCanBeListedFilteredAndInspected() {
    String dc = datacenter("de/fra");
    api.patch("/datacenters/" + dc, "{\"description\":\"x\"}");
    api.delete("/datacenters/" + dc);
    JsonNode all = api.get("/requests?depth=1").body();
    assertThat(all.path("items")).hasSize(3);
    assertThat(all.path("items").get(0).path("properties").path("method").asText())
        .isEqualTo("DELETE");
    JsonNode patches = api.get("/requests?depth=2&filter.method=PATCH").body();
    assertThat(patches.path("items")).hasSize(1);
    JsonNode patch = patches.path("items").get(0);
    assertThat(patch.path("properties").path("body").asText()).contains("description");
    assertThat(patch.path("properties").path("headers").has("authorization")).isFalse();
    assertThat(patch.at("/metadata/requestStatus/metadata/status").asText()).isEqualTo("DONE");
    // the create's URL is /datacenters, without the id
    assertThat(
            api.get("/requests?depth=1&filter.url=" + dc + "&filter.status=DONE")
                .body()
                .path("items"))
        .hasSize(2);
    assertThat(api.get("/requests?limit=1&offset=1").body().path("items")).hasSize(1);
    assertThat(
            api.get("/requests?depth=1&filter.createdAfter=2000-01-01%2000:00:00")
                .body()
                .path("items"))
        .hasSize(3);
    assertThat(
            api.get("/requests?depth=1&filter.createdBefore=2000-01-01%2000:00:00")
                .body()
                .path("items"))
        .isEmpty();
  }

  @Test
  void locationsImagesAndContractsAreSeeded() {
    JsonNode locations = api.get("/locations?depth=1").body();
    List<String> ids = new ArrayList<>();
    locations.path("items").forEach(l -> ids.add(l.path("id").asText()));
    assertThat(ids).contains("de/fra", "de/fkb", "de/txl", "gb/lhr", "us/las", "us/ewr");
    assertThat(api.get("/locations/de").body().path("items")).hasSize(3);
    assertThat(
            api.get("/locations/us/las").body().path("properties").path("imageAliases").toString())
        .contains("ubuntu:latest");
    assertThat(api.get("/locations/xx/yy").status()).isEqualTo(404);
    JsonNode images = api.get("/images?depth=1").body();
    assertThat(images.path("items").size()).isGreaterThan(40);
    JsonNode first = images.path("items").get(0).path("properties");
    assertThat(first.path("licenceType").asText()).isNotEmpty();
    assertThat(first.path("imageAliases").isArray()).isTrue();
    assertThat(
            api.get("/contracts")
                .body()
                .path("items")
                .get(0)
                .path("properties")
                .path("contractNumber")
                .asLong())
        .isPositive();
  }

  @Test
  void adminEndpointsCountCallsAndTakeFaults() {
    datacenter("de/fra");
    RawApi admin = new RawApi(sim.baseUrl().replace("/cloudapi/v6", "/_sim"));
    admin.authorization = null;
    JsonNode counters = admin.get("/counters").body();
    assertThat(counters.path("POST /datacenters 202").asInt()).isEqualTo(1);
    assertThat(admin.get("/calls").body().path("calls")).hasSize(1);
    assertThat(
            admin
                .post(
                    "/faults",
                    "{\"kind\":\"errors\",\"method\":\"GET\",\"route\":\"/datacenters\",\"count\":1,\"status\":503}")
                .status())
        .isEqualTo(204);
    assertThat(api.get("/datacenters").status()).isEqualTo(503);
    assertThat(api.get("/datacenters").status()).isEqualTo(200);
    assertThat(admin.post("/faults", "{\"kind\":\"nonsense\"}").status()).isEqualTo(400);
    assertThat(admin.get("/state").body().path("resources").asInt()).isEqualTo(1);
    admin.post("/calls/reset", "");
    assertThat(sim.calls().calls()).isEmpty();
    admin.post("/reset", "");
    assertThat(sim.resourceCount()).isZero();
  }

  /** Each list route pages at the spec's default and refuses a limit past its maximum. */
  @Test
  void ipBlocksAreListedAHundredAPageByDefaultAndAThousandAtMost() {
    for (int i = 0; i < 120; i++) {
      assertThat(
              api.post("/ipblocks", "{\"properties\":{\"location\":\"de/fra\",\"size\":1}}")
                  .status())
          .isEqualTo(202);
    }
    JsonNode first = api.get("/ipblocks?depth=1").body();
    assertThat(first.path("items").size()).isEqualTo(100);
    assertThat(first.path("limit").asLong()).isEqualTo(100);
    assertThat(first.at("/_links/next").asText()).endsWith("/ipblocks?offset=100&limit=100");
    JsonNode second = api.get("/ipblocks?depth=1&offset=100").body();
    assertThat(second.path("items").size()).isEqualTo(20);
    assertThat(second.at("/_links/next").isMissingNode()).isTrue();
    assertThat(api.get("/ipblocks?limit=1000").body().path("items").size()).isEqualTo(120);
    assertThat(api.get("/ipblocks?limit=1001").status()).isEqualTo(400);
    assertThat(api.get("/datacenters?limit=10000").status()).isEqualTo(200);
  }
}
