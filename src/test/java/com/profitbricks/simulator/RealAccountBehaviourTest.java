package com.profitbricks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One test per row of facts §13a (what real accounts showed), each asserting the simulator answers
 * as the real API does, or by the row's "strict side" where the real behaviour is undocumented.
 */
class RealAccountBehaviourTest {
  static CloudSimulator sim;
  static RawApi api;
  static String dc;

  @BeforeAll
  static void world() {
    sim = new CloudSimulator(SimConfig.builder().build());
    api = new RawApi(sim.start());
    dc = id(api.post("/datacenters", "{\"properties\":{\"name\":\"e\",\"location\":\"de/fra\"}}"));
  }

  @AfterAll
  static void stop() {
    api.assertContract();
    sim.close();
  }

  private static String id(RawApi.Answer a) {
    assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(202);
    return a.body().get("id").asText();
  }

  private static String volume(String properties) {
    return id(api.post("/datacenters/" + dc + "/volumes", "{\"properties\":" + properties + "}"));
  }

  private static JsonNode read(String volumeId) {
    return api.get("/datacenters/" + dc + "/volumes/" + volumeId).body().path("properties");
  }

  private static void refused(RawApi.Answer a, int status, String code, String message) {
    assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(status);
    JsonNode m = a.body().path("messages").get(0);
    assertThat(m.path("errorCode").asText()).isEqualTo(code);
    assertThat(m.path("message").asText()).contains(message);
  }

  @Test
  void e1AVolumeReadsBackItsImageIdNeverTheAlias() {
    String v =
        volume("{\"size\":10,\"imageAlias\":\"ubuntu:latest\",\"imagePassword\":\"Secret123\"}");
    JsonNode p = read(v);
    assertThat(p.get("imageAlias").isNull()).isTrue();
    JsonNode image = api.get("/images/" + p.path("image").asText()).body();
    assertThat(image.at("/properties/imageAliases").toString()).contains("\"ubuntu:latest\"");
  }

  @Test
  void e2CreateOnlyPropertiesReadAsNullAndAreRefusedInUpdates() {
    String v =
        volume(
            "{\"size\":10,\"imageAlias\":\"ubuntu:latest\",\"sshKeys\":[\"ssh-ed25519 AAAA\"],"
                + "\"userData\":\"I2Nsb3Vk\"}");
    JsonNode p = read(v);
    assertThat(p.get("sshKeys").isNull()).isTrue();
    assertThat(p.get("imagePassword").isNull()).isTrue();
    String path = "/datacenters/" + dc + "/volumes/" + v;
    for (String field :
        new String[] {
          "\"imagePassword\":\"Other1234\"",
          "\"sshKeys\":[\"ssh-ed25519 BBBB\"]",
          "\"userData\":\"eA==\"",
          "\"backupunitId\":\"b\""
        }) {
      refused(api.patch(path, "{" + field + "}"), 422, "100", "forbidden in update");
      refused(
          api.put(path, "{\"properties\":{\"size\":10," + field + "}}"),
          422,
          "100",
          "forbidden in update");
    }
    // a read-modify-write round trip (nulls) is still fine
    assertThat(api.put(path, "{\"properties\":" + p + "}").status()).isEqualTo(202);
  }

  @Test
  void e3PasswordsAndKeysNeedAPublicImageAndAValidPassword() {
    String path = "/datacenters/" + dc + "/volumes";
    refused(
        api.post(
            path,
            "{\"properties\":{\"size\":10,\"licenceType\":\"LINUX\",\"imagePassword\":\"Secret123\"}}"),
        422,
        "100",
        "Attribute 'image' or 'imageAlias' must be set for password");
    refused(
        api.post(
            path,
            "{\"properties\":{\"size\":10,\"licenceType\":\"LINUX\",\"sshKeys\":[\"ssh-ed25519 A\"]}}"),
        422,
        "200",
        "An image template not found to use SSH keys.");
    refused(
        api.post(
            path,
            "{\"properties\":{\"size\":40,\"imageAlias\":\"windows:latest\",\"sshKeys\":[\"k\"],"
                + "\"imagePassword\":\"Secret123\"}}"),
        422,
        "200",
        "An image template not found to use SSH keys.");
    for (String bad : new String[] {"short1", "has space 123", "ümlaut1234", "x".repeat(51)}) {
      refused(
          api.post(
              path,
              "{\"properties\":{\"size\":10,\"imageAlias\":\"ubuntu:latest\",\"imagePassword\":\""
                  + bad
                  + "\"}}"),
          422,
          "100",
          "8 to 50 characters");
    }
  }

  @Test
  void e4HotPlugImagesNeedAGigabyteOfRam() {
    String servers = "/datacenters/" + dc + "/servers";
    String alias =
        "{\"properties\":{\"size\":10,\"imageAlias\":\"ubuntu:latest\",\"imagePassword\":\"Secret123\"}}";
    refused(
        api.post(
            servers,
            "{\"properties\":{\"cores\":1,\"ram\":512},\"entities\":{\"volumes\":{\"items\":["
                + alias
                + "]}}}"),
        422,
        "200",
        "at least 1024");
    String small = id(api.post(servers, "{\"properties\":{\"cores\":1,\"ram\":512}}"));
    String v = volume(alias.substring("{\"properties\":".length(), alias.length() - 1));
    refused(
        api.post(servers + "/" + small + "/volumes", "{\"id\":\"" + v + "\"}"),
        422,
        "200",
        "at least 1024");
    String big =
        id(
            api.post(
                servers,
                "{\"properties\":{\"cores\":1,\"ram\":1024},\"entities\":{\"volumes\":{\"items\":["
                    + alias
                    + "]}}}"));
    refused(api.patch(servers + "/" + big, "{\"ram\":768}"), 422, "200", "at least 1024");
  }

  @Test
  void e5SsdReadsBackAsSsdPremium() {
    String v = volume("{\"size\":10,\"type\":\"SSD\",\"licenceType\":\"LINUX\"}");
    assertThat(read(v).path("type").asText()).isEqualTo("SSD Premium");
    // the type is immutable, and SSD is not what the volume has now: a client must not send it
    refused(
        api.patch("/datacenters/" + dc + "/volumes/" + v, "{\"type\":\"SSD\"}"),
        422,
        "100",
        "immutable");
  }

  @Test
  void e6SeveralVolumesBootOnlyFromAPrimaryOne() {
    String servers = "/datacenters/" + dc + "/servers";
    String blank = "{\"properties\":{\"size\":5,\"licenceType\":\"LINUX\"%s}}";
    JsonNode two =
        api.post(
                servers,
                "{\"properties\":{\"cores\":1,\"ram\":1024},\"entities\":{\"volumes\":{\"items\":["
                    + blank.formatted("")
                    + ","
                    + blank.formatted("")
                    + "]}}}")
            .body();
    assertThat(two.at("/properties/bootVolume").isNull()).as("AUTO with two volumes").isTrue();
    JsonNode primary =
        api.post(
                servers,
                "{\"properties\":{\"cores\":1,\"ram\":1024},\"entities\":{\"volumes\":{\"items\":["
                    + blank.formatted(",\"bootOrder\":\"NONE\"")
                    + ","
                    + blank.formatted(",\"bootOrder\":\"PRIMARY\"")
                    + "]}}}")
            .body();
    assertThat(primary.at("/properties/bootVolume/id").asText())
        .isEqualTo(primary.at("/entities/volumes/items/1/id").asText());
    JsonNode one =
        api.post(
                servers,
                "{\"properties\":{\"cores\":1,\"ram\":1024},\"entities\":{\"volumes\":{\"items\":["
                    + blank.formatted("")
                    + "]}}}")
            .body();
    assertThat(one.at("/properties/bootVolume/id").asText())
        .isEqualTo(one.at("/entities/volumes/items/0/id").asText());
    refused(
        api.post(
            servers,
            "{\"properties\":{\"cores\":1,\"ram\":1024},\"entities\":{\"volumes\":{\"items\":["
                + blank.formatted(",\"bootOrder\":\"AUTO\"")
                + ","
                + blank.formatted(",\"bootOrder\":\"PRIMARY\"")
                + "]}}}"),
        422,
        "100",
        "all other volumes must be NONE");
  }

  @Test
  void e7RequestDateFiltersOnlyInTheDocumentedFormAndOthersNeedDepth() {
    assertThat(api.get("/requests?filter.createdAfter=2000-01-01%2000:00:00").body().path("items"))
        .isNotEmpty();
    refused(api.get("/requests?filter.createdAfter=2000-01-01T00:00:00Z"), 400, "101", "format");
    refused(api.get("/requests?filter.createdBefore=2000-01-01"), 400, "101", "format");
    refused(api.get("/requests?filter.method=POST"), 400, "101", "depth");
    JsonNode posts = api.get("/requests?depth=1&filter.method=post&filter.url=DATACENTERS").body();
    assertThat(posts.path("items")).isNotEmpty();
    posts
        .path("items")
        .forEach(r -> assertThat(r.at("/properties/method").asText()).isEqualTo("POST"));
  }

  @Test
  void e7OnlyTheKnownHeadersAreRecordedAndFilterHeadersFindsTheUserAgent() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/datacenters/" + dc + "/lans"))
                    .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("user:pass".getBytes()))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "tool/1 k8s-owner/0a1b-Owner")
                    .header("X-Owner", "not-recorded")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"properties\":{}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode found = api.get("/requests?depth=1&filter.headers=K8S-OWNER/0A1B-owner").body();
    assertThat(found.path("items")).hasSize(1);
    JsonNode headers = found.at("/items/0/properties/headers");
    assertThat(headers.path("user-agent").asText()).contains("k8s-owner/0a1b-Owner");
    assertThat(headers.has("x-owner")).isFalse();
    assertThat(headers.has("authorization")).isFalse();
  }

  @Test
  void e8LabelsAreCreatedByPostAndPutOnlyChangesOne() {
    String labels = "/datacenters/" + dc + "/labels";
    refused(
        api.put(labels + "/team", "{\"properties\":{\"key\":\"team\",\"value\":\"a\"}}"),
        404,
        "309",
        "label team");
    assertThat(api.post(labels, "{\"properties\":{\"key\":\"team\",\"value\":\"a\"}}").status())
        .isEqualTo(201);
    assertThat(
            api.put(labels + "/team", "{\"properties\":{\"key\":\"team\",\"value\":\"b\"}}")
                .body()
                .at("/properties/value")
                .asText())
        .isEqualTo("b");
  }

  @Test
  void e9AMissingPrivilegeIs403NotBadCredentials() {
    try (CloudSimulator denied = new CloudSimulator(SimConfig.builder().build())) {
      RawApi raw = new RawApi(denied.start());
      denied.faults().deny("POST", "/datacenters");
      refused(
          raw.post("/datacenters", "{\"properties\":{\"location\":\"de/fra\"}}"),
          403,
          "315",
          "privilege");
      assertThat(raw.get("/datacenters").status()).isEqualTo(200);
    }
  }

  @Test
  void e10NullInAnUpdateHasItsDocumentedMeaning() {
    JsonNode s =
        api.post(
                "/datacenters/" + dc + "/servers",
                """
        {"properties":{"cores":1,"ram":1024},"entities":{"nics":{"items":[{"properties":
          {"lan":3,"ips":["10.9.9.9"]},"entities":{"firewallrules":{"items":[{"properties":
          {"protocol":"TCP","sourceIp":"10.1.1.1","portRangeStart":80,"portRangeEnd":80}}]}}}]}}}""")
            .body();
    String nic =
        "/datacenters/"
            + dc
            + "/servers/"
            + s.get("id").asText()
            + "/nics/"
            + s.at("/entities/nics/items/0/id").asText();
    String rule =
        nic
            + "/firewallrules/"
            + s.at("/entities/nics/items/0/entities/firewallrules/items/0/id").asText();
    Consumer<String> patchNic = body -> assertThat(api.patch(nic, body).status()).isEqualTo(202);
    patchNic.accept("{\"ips\":null}");
    JsonNode ips = api.get(nic).body().at("/properties/ips");
    assertThat(ips).hasSize(1);
    assertThat(ips.get(0).asText()).isNotEqualTo("10.9.9.9");
    patchNic.accept("{\"ips\":[\"10.9.9.8\"]}");
    patchNic.accept("{\"ips\":[]}");
    assertThat(api.get(nic).body().at("/properties/ips/0").asText()).isNotEqualTo("10.9.9.8");
    assertThat(
            api.patch(rule, "{\"sourceIp\":null,\"portRangeStart\":null,\"portRangeEnd\":null}")
                .status())
        .isEqualTo(202);
    JsonNode r = api.get(rule).body().path("properties");
    assertThat(r.get("sourceIp").isNull()).isTrue();
    assertThat(r.get("portRangeStart").isNull()).isTrue();
  }

  @Test
  void e11ACompositeServerTakesWholeVolumesAndAnExistingOneIsAttached() {
    String v = volume("{\"size\":5,\"licenceType\":\"LINUX\"}");
    String servers = "/datacenters/" + dc + "/servers";
    refused(
        api.post(
            servers,
            "{\"properties\":{\"cores\":1,\"ram\":1024},\"entities\":{\"volumes\":{\"items\":[{\"id\":\""
                + v
                + "\"}]}}}"),
        422,
        "100",
        "'properties' is required");
    String s = id(api.post(servers, "{\"properties\":{\"cores\":1,\"ram\":1024}}"));
    assertThat(api.post(servers + "/" + s + "/volumes", "{\"id\":\"" + v + "\"}").status())
        .isEqualTo(202);
    refused(
        api.post(servers + "/" + s + "/volumes", "{\"id\":\"" + v + "\"}"),
        422,
        "200",
        "already attached");
  }

  @Test
  void e12AValueOutsideAnEnumIsErrorCode109() {
    refused(
        api.post(
            "/datacenters/" + dc + "/volumes",
            "{\"properties\":{\"size\":5,\"licenceType\":\"LINUX\",\"type\":\"NVME\"}}"),
        422,
        "109",
        "NVME");
  }

  @Test
  void e13TheCpuFamiliesSeenOnRealAccountsAreKnown() {
    String servers = "/datacenters/" + dc + "/servers";
    for (String family : new String[] {"AMD_EPYC", "INTEL_ICELAKE", "AMD_OPTERON"}) {
      assertThat(
              api.post(
                      servers,
                      "{\"properties\":{\"cores\":1,\"ram\":1024,\"cpuFamily\":\""
                          + family
                          + "\"}}")
                  .status())
          .as(family)
          .isEqualTo(202);
    }
  }

  @Test
  void e14DeleteVolumesTakesTheAttachedVolumesWithTheServer() {
    JsonNode s =
        api.post(
                "/datacenters/" + dc + "/servers",
                "{\"properties\":{\"cores\":1,\"ram\":1024},\"entities\":{\"volumes\":{\"items\":["
                    + "{\"properties\":{\"size\":5,\"licenceType\":\"LINUX\"}}]}}}")
            .body();
    String v = s.at("/entities/volumes/items/0/id").asText();
    String rid =
        api.delete(
                "/datacenters/" + dc + "/servers/" + s.get("id").asText() + "?deleteVolumes=true")
            .requestId();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> api.status(rid).equals("DONE"));
    assertThat(api.get("/datacenters/" + dc + "/volumes/" + v).status()).isEqualTo(404);
  }
}
