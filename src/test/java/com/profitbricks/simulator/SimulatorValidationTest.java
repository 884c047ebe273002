package com.profitbricks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule: what the real API refuses with 422 (or 404) and the lenient input it
 * accepts (facts §8). One datacenter with a server, volume, NIC and rule serves all cases.
 */
class SimulatorValidationTest {
  static CloudSimulator sim;
  static RawApi api;
  static String dc;
  static String server;
  static String volume;
  static String nic;
  static String rule;
  static String ipBlock;

  @BeforeAll
  static void world() {
    sim = new CloudSimulator(SimConfig.builder().build());
    api = new RawApi(sim.start());
    dc =
        api.post("/datacenters", "{\"properties\":{\"name\":\"v\",\"location\":\"de/fra\"}}")
            .body()
            .get("id")
            .asText();
    JsonNode s =
        api.post(
                "/datacenters/" + dc + "/servers",
                """
        {"properties":{"cores":2,"ram":2048},"entities":{
          "volumes":{"items":[{"properties":{"size":20,"imageAlias":"ubuntu:latest","sshKeys":["ssh-ed25519 AAAA"]}}]},
          "nics":{"items":[{"properties":{"lan":1},"entities":{"firewallrules":{"items":[{"properties":{"protocol":"TCP","portRangeStart":22,"portRangeEnd":22}}]}}}]}}}""")
            .body();
    server = s.get("id").asText();
    volume = s.at("/entities/volumes/items/0/id").asText();
    nic = s.at("/entities/nics/items/0/id").asText();
    rule = s.at("/entities/nics/items/0/entities/firewallrules/items/0/id").asText();
    ipBlock =
        api.post("/ipblocks", "{\"properties\":{\"location\":\"de/fra\",\"size\":\"2\"}}")
            .body()
            .get("id")
            .asText();
  }

  @AfterAll
  static void stop() {
    api.assertContract();
    sim.close();
  }

  record Case(String name, String method, String path, String body, int status, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> refused() {
    String d = "/datacenters/";
    return List.of(
        new Case(
            "datacenter without location",
            "POST",
            "/datacenters",
            "{\"properties\":{\"name\":\"x\"}}",
            422,
            "Attribute 'location' is required"),
        new Case(
            "unknown location",
            "POST",
            "/datacenters",
            "{\"properties\":{\"location\":\"xx/yyy\"}}",
            422,
            "unknown location"),
        new Case(
            "datacenter name with a slash",
            "POST",
            "/datacenters",
            "{\"properties\":{\"name\":\"a/b\",\"location\":\"de/fra\"}}",
            422,
            "must not contain"),
        new Case(
            "no properties",
            "POST",
            "/datacenters",
            "{\"entities\":{}}",
            422,
            "'properties' is required"),
        new Case(
            "unknown property",
            "POST",
            "/datacenters",
            "{\"properties\":{\"location\":\"de/fra\",\"colour\":\"red\"}}",
            422,
            "'colour' is not allowed"),
        new Case(
            "location is immutable",
            "PATCH",
            "@dc",
            "{\"location\":\"us/las\"}",
            422,
            "'location' is immutable"),
        new Case(
            "server without cores",
            "POST",
            "@dc/servers",
            "{\"properties\":{\"ram\":1024}}",
            422,
            "Attribute 'cores' is required"),
        new Case(
            "zero cores",
            "POST",
            "@dc/servers",
            "{\"properties\":{\"cores\":0,\"ram\":1024}}",
            422,
            "cores] must be within 1.."),
        new Case(
            "ram not a multiple of 256",
            "POST",
            "@dc/servers",
            "{\"properties\":{\"cores\":1,\"ram\":1000}}",
            422,
            "multiple of 256"),
        new Case(
            "ram as text",
            "POST",
            "@dc/servers",
            "{\"properties\":{\"cores\":1,\"ram\":\"lots\"}}",
            422,
            "must be an integer"),
        new Case(
            "unknown cpu family",
            "POST",
            "@dc/servers",
            "{\"properties\":{\"cores\":1,\"ram\":1024,\"cpuFamily\":\"Z80\"}}",
            422,
            "not available in de/fra"),
        new Case(
            "availability zone enum",
            "POST",
            "@dc/servers",
            "{\"properties\":{\"cores\":1,\"ram\":1024,\"availabilityZone\":\"ZONE_9\"}}",
            422,
            "is not one of"),
        new Case(
            "server zone is immutable",
            "PATCH",
            "@srv",
            "{\"availabilityZone\":\"ZONE_1\"}",
            422,
            "'availabilityZone' is immutable"),
        new Case(
            "blank volume without licence",
            "POST",
            "@dc/volumes",
            "{\"properties\":{\"size\":10}}",
            422,
            "'licenceType' is required"),
        new Case(
            "volume without size",
            "POST",
            "@dc/volumes",
            "{\"properties\":{\"licenceType\":\"LINUX\"}}",
            422,
            "'size' is required"),
        new Case(
            "public image without password or keys",
            "POST",
            "@dc/volumes",
            "{\"properties\":{\"size\":10,\"imageAlias\":\"ubuntu:latest\"}}",
            422,
            "needs imagePassword or sshKeys"),
        new Case(
            "short image password",
            "POST",
            "@dc/volumes",
            "{\"properties\":{\"size\":10,\"imageAlias\":\"ubuntu:latest\",\"imagePassword\":\"short\"}}",
            422,
            "8 to 50 characters"),
        new Case(
            "unknown alias",
            "POST",
            "@dc/volumes",
            "{\"properties\":{\"size\":10,\"imageAlias\":\"beos:5\",\"imagePassword\":\"abcdefgh1\"}}",
            422,
            "no image with alias"),
        new Case(
            "unknown image",
            "POST",
            "@dc/volumes",
            "{\"properties\":{\"size\":10,\"image\":\"00000000-0000-0000-0000-000000000000\",\"imagePassword\":\"abcdefgh1\"}}",
            422,
            "does not exist"),
        new Case(
            "volume type enum",
            "POST",
            "@dc/volumes",
            "{\"properties\":{\"size\":10,\"licenceType\":\"LINUX\",\"type\":\"FLOPPY\"}}",
            422,
            "is not one of"),
        new Case(
            "zone only for HDD",
            "POST",
            "@dc/volumes",
            "{\"properties\":{\"size\":10,\"licenceType\":\"LINUX\",\"type\":\"SSD\",\"availabilityZone\":\"ZONE_1\"}}",
            422,
            "only HDD"),
        new Case("volume shrink", "PATCH", "@vol", "{\"size\":5}", 422, "can only grow"),
        new Case(
            "volume type is immutable",
            "PATCH",
            "@vol",
            "{\"type\":\"SSD\"}",
            422,
            "'type' is immutable"),
        new Case(
            "image volume licence is fixed",
            "PATCH",
            "@vol",
            "{\"licenceType\":\"WINDOWS\"}",
            422,
            "'licenceType' is immutable"),
        new Case(
            "nic without lan",
            "POST",
            "@srv/nics",
            "{\"properties\":{\"name\":\"x\"}}",
            422,
            "Attribute 'lan' is required"),
        new Case(
            "nic with a bad ip",
            "POST",
            "@srv/nics",
            "{\"properties\":{\"lan\":1,\"ips\":[\"300.1.1.1\"]}}",
            422,
            "not a valid IPv4"),
        new Case(
            "nic with an unreserved public ip",
            "POST",
            "@srv/nics",
            "{\"properties\":{\"lan\":1,\"ips\":[\"198.51.100.200\"]}}",
            422,
            "not reserved"),
        new Case(
            "rule without protocol",
            "POST",
            "@nic/firewallrules",
            "{\"properties\":{\"name\":\"x\"}}",
            422,
            "'protocol' is required"),
        new Case(
            "rule port out of range",
            "POST",
            "@nic/firewallrules",
            "{\"properties\":{\"protocol\":\"TCP\",\"portRangeStart\":0}}",
            422,
            "must be within 1..65534"),
        new Case(
            "rule ports reversed",
            "POST",
            "@nic/firewallrules",
            "{\"properties\":{\"protocol\":\"UDP\",\"portRangeStart\":90,\"portRangeEnd\":80}}",
            422,
            "must not be lower"),
        new Case(
            "ports on an ICMP rule",
            "POST",
            "@nic/firewallrules",
            "{\"properties\":{\"protocol\":\"ICMP\",\"portRangeStart\":80}}",
            422,
            "only for TCP and UDP"),
        new Case(
            "icmp type out of range",
            "POST",
            "@nic/firewallrules",
            "{\"properties\":{\"protocol\":\"ICMP\",\"icmpType\":300}}",
            422,
            "must be within 0..254"),
        new Case(
            "bad source mac",
            "POST",
            "@nic/firewallrules",
            "{\"properties\":{\"protocol\":\"ANY\",\"sourceMac\":\"zz\"}}",
            422,
            "not a valid MAC"),
        new Case(
            "rule protocol is immutable",
            "PATCH",
            "@rule",
            "{\"protocol\":\"UDP\"}",
            422,
            "'protocol' is immutable"),
        new Case(
            "lan public not a boolean",
            "POST",
            "@dc/lans",
            "{\"properties\":{\"public\":\"maybe\"}}",
            422,
            "must be a boolean"),
        new Case(
            "lan with members cannot go", "DELETE", "@dc/lans/1", null, 422, "still has 1 NIC"),
        new Case(
            "ipblock without size",
            "POST",
            "/ipblocks",
            "{\"properties\":{\"location\":\"de/fra\"}}",
            422,
            "'size' is required"),
        new Case(
            "ipblock size is immutable",
            "PATCH",
            "@ipb",
            "{\"size\":4}",
            422,
            "'size' is immutable"),
        new Case(
            "unknown datacenter",
            "GET",
            "/datacenters/bad_id",
            null,
            404,
            "Resource does not exist"),
        new Case(
            "unknown server in a known datacenter",
            "PATCH",
            "@dc/servers/nope",
            "{\"name\":\"x\"}",
            404,
            "Resource does not exist"),
        new Case("public images cannot be deleted", "DELETE", "@image", null, 403, "public images"),
        new Case("bad depth", "GET", "/datacenters?depth=11", null, 400, "depth"));
  }

  String path(String p) {
    return p.replace("@dc", "/datacenters/" + dc)
        .replace("@srv", "/datacenters/" + dc + "/servers/" + server)
        .replace("@vol", "/datacenters/" + dc + "/volumes/" + volume)
        .replace("@nic", "/datacenters/" + dc + "/servers/" + server + "/nics/" + nic)
        .replace(
            "@rule",
            "/datacenters/" + dc + "/servers/" + server + "/nics/" + nic + "/firewallrules/" + rule)
        .replace("@ipb", "/ipblocks/" + ipBlock)
        .replace("@image", "/images/" + api.get("/images").body().at("/items/0/id").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusesWithTheApisErrorBody(Case c) {
    long writesBefore = sim.pendingRequests() + sim.calls().count(x -> x.status() == 202);
    RawApi.Answer a =
        api.call(
            c.method(), path(c.path()), c.body(), c.body() == null ? null : "application/json");
    assertThat(a.status()).isEqualTo(c.status());
    assertThat(a.body().path("httpStatus").asInt()).isEqualTo(c.status());
    assertThat(a.body().path("messages").get(0).path("message").asText()).contains(c.message());
    assertThat(a.body().path("messages").get(0).path("errorCode").asText()).matches("\\d+");
    assertThat(sim.pendingRequests() + sim.calls().count(x -> x.status() == 202))
        .as("no request was queued")
        .isEqualTo(writesBefore);
  }

  @Test
  void acceptsTheLenientInputOfTheV4Sdks() {
    RawApi.Answer lan =
        api.post(
            "/datacenters/" + dc + "/lans",
            "{\"properties\":{\"name\":null,\"public\":\"true\"},\"entities\":{}}");
    assertThat(lan.status()).isEqualTo(202);
    assertThat(lan.body().at("/properties/public").asBoolean()).isTrue();
    RawApi.Answer icmp =
        api.post(
            "/datacenters/" + dc + "/servers/" + server + "/nics/" + nic + "/firewallrules",
            "{\"properties\":{\"protocol\":\"ICMP\",\"icmpType\":\"8\",\"icmpCode\":\"0\"}}");
    assertThat(icmp.status()).isEqualTo(202);
    assertThat(icmp.body().at("/properties/icmpType").isInt()).isTrue();
    RawApi.Answer noType =
        api.call(
            "POST",
            "/datacenters/" + dc + "/servers/" + server + "/reboot",
            "{}",
            "application/x-www-form-urlencoded; charset=UTF-8");
    assertThat(noType.status()).isEqualTo(202);
    RawApi.Answer untyped =
        api.call(
            "POST",
            "/datacenters/" + dc + "/volumes",
            "{\"properties\":{\"size\":\"5\",\"licenceType\":\"OTHER\"}}",
            null);
    assertThat(untyped.status()).isEqualTo(202);
    assertThat(untyped.body().at("/properties/size").asInt()).isEqualTo(5);
    assertThat(untyped.body().at("/properties/bus").isNull())
        .as("bus reads null until attached")
        .isTrue();
    assertThat(untyped.body().at("/properties/imagePassword").isNull()).isTrue();
  }

  @Test
  void anImmutablePropertyMayBeRepeatedUnchanged() {
    RawApi.Answer a =
        api.patch("/datacenters/" + dc, "{\"location\":\"de/fra\",\"description\":\"same place\"}");
    assertThat(a.status()).isEqualTo(202);
    assertThat(a.body().at("/properties/description").asText()).isEqualTo("same place");
  }

  @Test
  void aVolumeGrowsAndAPatchShowsAtOnce() {
    RawApi.Answer a = api.patch("/datacenters/" + dc + "/volumes/" + volume, "{\"size\":40}");
    assertThat(a.status()).isEqualTo(202);
    assertThat(a.body().at("/properties/size").asInt()).isEqualTo(40);
    assertThat(a.body().at("/metadata/state").asText()).isEqualTo("BUSY");
  }
}
