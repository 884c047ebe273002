package com.profitbricks.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.RequestState;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against OkHttp's MockWebServer: what goes on the wire and how answers are read. */
class ProfitBricksClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOCATION_PREFIX = "https://api.ionos.com/cloudapi/v6/requests/";
  private static final String REQUEST_ID = "bb24f0d9-1b4e-4f0a-8e7e-0c1a2b3c4d5e";

  @StartStop final MockWebServer server = new MockWebServer();
  final List<Duration> sleeps = new ArrayList<>();

  ProfitBricksClient client() {
    return client(b -> {});
  }

  ProfitBricksClient client(Consumer<ProfitBricksClient.Builder> custom) {
    ProfitBricksClient.Builder b =
        ProfitBricksClient.builder()
            .baseUrl(server.url("/cloudapi/v6").toString())
            .credentials(Credentials.basic("user@example.com", "s3cr3t-pass"))
            .rateLimiter(RateLimiter.unlimited())
            .retryPolicy(
                new RetryPolicy(
                    3, Duration.ofMillis(100), Duration.ofSeconds(1), 0, Duration.ofSeconds(30)))
            .sleeper(sleeps::add);
    custom.accept(b);
    return b.build();
  }

  static MockResponse accepted(String body) {
    MockResponse.Builder b =
        new MockResponse.Builder()
            .code(202)
            .addHeader("Location", LOCATION_PREFIX + REQUEST_ID + "/status");
    if (body != null) {
      b.addHeader("Content-Type", "application/json").body(body);
    }
    return b.build();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse error(int code, String errorCode, String message) {
    return json(
        code,
        "{\"httpStatus\":"
            + code
            + ",\"messages\":[{\"errorCode\":\""
            + errorCode
            + "\",\"message\":\""
            + message
            + "\"}]}");
  }

  // ------------------------------------------------------------------ what each operation sends

  record Wire(
      String name, Consumer<ProfitBricksClient> call, String method, String target, String body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Wire> operations() {
    String dc = "dc-1";
    String srv = "srv-1";
    return List.of(
        new Wire("info", c -> c.info(), "GET", "/cloudapi/v6/", null),
        new Wire(
            "list datacenters",
            c -> c.datacenters().list(),
            "GET",
            "/cloudapi/v6/datacenters?depth=1",
            null),
        new Wire(
            "list datacenters paged",
            c -> c.datacenters().list(Query.depth(0).withOffset(10).withLimit(5)),
            "GET",
            "/cloudapi/v6/datacenters?depth=0&offset=10&limit=5",
            null),
        new Wire(
            "get datacenter deep",
            c -> c.datacenters().get(dc, Query.depth(5)),
            "GET",
            "/cloudapi/v6/datacenters/dc-1?depth=5",
            null),
        new Wire(
            "create datacenter",
            c ->
                c.datacenters()
                    .create(Datacenter.of(Datacenter.Properties.create("dc", "de/fra", "d"))),
            "POST",
            "/cloudapi/v6/datacenters",
            "{\"properties\":{\"name\":\"dc\",\"description\":\"d\",\"location\":\"de/fra\"}}"),
        new Wire(
            "composite datacenter",
            c ->
                c.datacenters()
                    .create(
                        Datacenter.of(
                            Datacenter.Properties.create("dc", "us/las", null),
                            new Datacenter.Entities(
                                Collection.of(Server.of(Server.Properties.create("s", 1, 1024))),
                                null,
                                null,
                                Collection.of(Lan.of(Lan.Properties.create("l", true)))))),
            "POST",
            "/cloudapi/v6/datacenters",
            "{\"properties\":{\"name\":\"dc\",\"location\":\"us/las\"},\"entities\":{\"servers\":{\"items\":[{\"properties\":{\"name\":\"s\",\"cores\":1,\"ram\":1024}}]},\"lans\":{\"items\":[{\"properties\":{\"name\":\"l\",\"public\":true}}]}}}"),
        new Wire(
            "patch datacenter",
            c ->
                c.datacenters()
                    .update(dc, new Datacenter.Properties("n", null, null, null, null, null, null)),
            "PATCH",
            "/cloudapi/v6/datacenters/dc-1",
            "{\"name\":\"n\"}"),
        new Wire(
            "put datacenter",
            c -> c.datacenters().replace(dc, Datacenter.Properties.create("n", "de/fra", null)),
            "PUT",
            "/cloudapi/v6/datacenters/dc-1",
            "{\"properties\":{\"name\":\"n\",\"location\":\"de/fra\"}}"),
        new Wire(
            "delete datacenter",
            c -> c.datacenters().delete(dc),
            "DELETE",
            "/cloudapi/v6/datacenters/dc-1",
            null),
        new Wire(
            "composite server",
            c ->
                c.servers()
                    .create(
                        dc,
                        Server.of(
                            Server.Properties.create("web", 1, 1024).withAvailabilityZone("ZONE_1"),
                            new Server.Entities(
                                null,
                                Collection.of(
                                    Volume.of(
                                        Volume.Properties.fromImageAlias(
                                            "boot", 10, "ubuntu:latest", "Passw0rdXyz", null)),
                                    Volume.ref("vol-9")),
                                Collection.of(
                                    Nic.of(Nic.Properties.create("nic", 1, true, null)))))),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/servers",
            "{\"properties\":{\"name\":\"web\",\"cores\":1,\"ram\":1024,\"availabilityZone\":\"ZONE_1\"},\"entities\":{\"volumes\":{\"items\":[{\"properties\":{\"name\":\"boot\",\"size\":10.0,\"imagePassword\":\"Passw0rdXyz\",\"imageAlias\":\"ubuntu:latest\"}},{\"id\":\"vol-9\"}]},\"nics\":{\"items\":[{\"properties\":{\"name\":\"nic\",\"dhcp\":true,\"lan\":1}}]}}}"),
        new Wire(
            "patch server",
            c ->
                c.servers()
                    .update(
                        dc,
                        srv,
                        new Server.Properties(
                            null, 4, 4096, null, null, null, null, null, null, null)),
            "PATCH",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1",
            "{\"cores\":4,\"ram\":4096}"),
        new Wire(
            "start",
            c -> c.servers().start(dc, srv),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1/start",
            ""),
        new Wire(
            "stop",
            c -> c.servers().stop(dc, srv),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1/stop",
            ""),
        new Wire(
            "reboot",
            c -> c.servers().reboot(dc, srv),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1/reboot",
            ""),
        new Wire(
            "attach volume",
            c -> c.servers().attachVolume(dc, srv, "vol-1"),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1/volumes",
            "{\"id\":\"vol-1\"}"),
        new Wire(
            "detach volume",
            c -> c.servers().detachVolume(dc, srv, "vol-1"),
            "DELETE",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1/volumes/vol-1",
            null),
        new Wire(
            "attach cdrom",
            c -> c.servers().attachCdrom(dc, srv, "img-1"),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1/cdroms",
            "{\"id\":\"img-1\"}"),
        new Wire(
            "list cdroms",
            c -> c.servers().attachedCdroms(dc, srv),
            "GET",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1/cdroms?depth=1",
            null),
        new Wire(
            "blank volume",
            c ->
                c.volumes()
                    .create(dc, Volume.of(Volume.Properties.blank("data", 100, "SSD", "OTHER"))),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/volumes",
            "{\"properties\":{\"name\":\"data\",\"type\":\"SSD\",\"size\":100.0,\"licenceType\":\"OTHER\"}}"),
        new Wire(
            "grow volume",
            c -> c.volumes().update(dc, "vol-1", Volume.Properties.patch(null, 200.0)),
            "PATCH",
            "/cloudapi/v6/datacenters/dc-1/volumes/vol-1",
            "{\"size\":200.0}"),
        new Wire(
            "create snapshot",
            c -> c.volumes().createSnapshot(dc, "vol-1", "snap", "nightly"),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/volumes/vol-1/create-snapshot",
            "name=snap&description=nightly"),
        new Wire(
            "restore snapshot",
            c -> c.volumes().restoreSnapshot(dc, "vol-1", "snap-1"),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/volumes/vol-1/restore-snapshot",
            "snapshotId=snap-1"),
        new Wire(
            "list snapshots",
            c -> c.snapshots().list(),
            "GET",
            "/cloudapi/v6/snapshots?depth=1",
            null),
        new Wire(
            "nic with rules",
            c ->
                c.nics()
                    .create(
                        dc,
                        srv,
                        Nic.of(
                            Nic.Properties.create("n", 2, false, List.of("10.0.0.5"))
                                .withFirewall(true, "INGRESS"),
                            List.of(
                                FirewallRule.of(
                                    FirewallRule.Properties.tcp("ssh", "0.0.0.0", 22, 22))))),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1/nics",
            "{\"properties\":{\"name\":\"n\",\"ips\":[\"10.0.0.5\"],\"dhcp\":false,\"lan\":2,\"firewallActive\":true,\"firewallType\":\"INGRESS\"},\"entities\":{\"firewallrules\":{\"items\":[{\"properties\":{\"name\":\"ssh\",\"protocol\":\"TCP\",\"sourceIp\":\"0.0.0.0\",\"portRangeStart\":22,\"portRangeEnd\":22}}]}}}"),
        new Wire(
            "delete nic",
            c -> c.nics().delete(dc, srv, "nic-1"),
            "DELETE",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1/nics/nic-1",
            null),
        new Wire(
            "icmp rule",
            c ->
                c.firewallRules()
                    .create(
                        dc,
                        srv,
                        "nic-1",
                        FirewallRule.of(FirewallRule.Properties.icmp("ping", null, 8, 0))),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1/nics/nic-1/firewallrules",
            "{\"properties\":{\"name\":\"ping\",\"protocol\":\"ICMP\",\"icmpCode\":0,\"icmpType\":8}}"),
        new Wire(
            "patch lan",
            c -> c.lans().update(dc, "1", Lan.Properties.create(null, true)),
            "PATCH",
            "/cloudapi/v6/datacenters/dc-1/lans/1",
            "{\"public\":true}"),
        new Wire(
            "lan members",
            c -> c.lans().members(dc, "1"),
            "GET",
            "/cloudapi/v6/datacenters/dc-1/lans/1/nics?depth=1",
            null),
        new Wire(
            "balanced nic",
            c -> c.loadBalancers().addBalancedNic(dc, "lb-1", "nic-1"),
            "POST",
            "/cloudapi/v6/datacenters/dc-1/loadbalancers/lb-1/balancednics",
            "{\"id\":\"nic-1\"}"),
        new Wire(
            "reserve ips",
            c -> c.ipBlocks().reserve(IpBlock.of(IpBlock.Properties.create("ips", "de/fra", 2))),
            "POST",
            "/cloudapi/v6/ipblocks",
            "{\"properties\":{\"location\":\"de/fra\",\"size\":2,\"name\":\"ips\"}}"),
        new Wire(
            "rename ips",
            c -> c.ipBlocks().update("ipb-1", IpBlock.Properties.rename("x")),
            "PATCH",
            "/cloudapi/v6/ipblocks/ipb-1",
            "{\"name\":\"x\"}"),
        new Wire(
            "release ips",
            c -> c.ipBlocks().release("ipb-1"),
            "DELETE",
            "/cloudapi/v6/ipblocks/ipb-1",
            null),
        new Wire(
            "location",
            c -> c.locations().get("de/fra"),
            "GET",
            "/cloudapi/v6/locations/de/fra?depth=1",
            null),
        new Wire(
            "request status",
            c -> c.requests().status("r-1"),
            "GET",
            "/cloudapi/v6/requests/r-1/status",
            null),
        new Wire(
            "filtered requests",
            c ->
                c.requests()
                    .list(
                        RequestFilter.create()
                            .status("FAILED")
                            .method("POST")
                            .createdAfter("2026-01-01")),
            "GET",
            "/cloudapi/v6/requests?depth=1&filter.status=FAILED&filter.method=POST&filter.createdAfter=2026-01-01",
            null),
        new Wire(
            "put label",
            c -> c.labels().put(LabelApi.ipBlock("ipb-1"), "owner", "uid"),
            "PUT",
            "/cloudapi/v6/ipblocks/ipb-1/labels/owner",
            "{\"properties\":{\"key\":\"owner\",\"value\":\"uid\"}}"),
        new Wire(
            "list labels",
            c -> c.labels().list(LabelApi.datacenter(dc)),
            "GET",
            "/cloudapi/v6/datacenters/dc-1/labels?depth=1",
            null),
        new Wire(
            "delete label",
            c -> c.labels().delete(LabelApi.server(dc, srv), "owner"),
            "DELETE",
            "/cloudapi/v6/datacenters/dc-1/servers/srv-1/labels/owner",
            null),
        new Wire(
            "contracts", c -> c.contracts().list(), "GET", "/cloudapi/v6/contracts?depth=1", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void sendsTheRequestThePythonSdkSends(Wire w) throws Exception {
    server.enqueue(
        w.method().equals("GET")
            ? json(200, "{\"id\":\"x\",\"type\":\"collection\",\"items\":[]}")
            : accepted(w.method().equals("DELETE") ? null : "{\"id\":\"new\",\"properties\":{}}"));
    w.call().accept(client());
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo(w.method());
    assertThat(r.getTarget()).isEqualTo(w.target());
    assertThat(r.getHeaders().get("Authorization")).startsWith("Basic ");
    if (w.body() == null) {
      assertThat(r.getBodySize()).isZero();
    } else if (w.body().startsWith("{")) {
      assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
      assertThat(JSON.readTree(r.getBody().utf8())).isEqualTo(JSON.readTree(w.body()));
    } else {
      assertThat(r.getBody().utf8()).isEqualTo(w.body());
    }
  }

  @Test
  void blankIdsAreRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> client().servers().get("dc", " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client().locations().get("fra"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  // ------------------------------------------------------------------ reading answers

  @Test
  void readsTheEnvelopeIgnoringUnknownFieldsAndNulls() {
    server.enqueue(
        json(
            200,
            """
            {"id":"dc-1","type":"datacenter","href":"https://x/datacenters/dc-1","somethingNew":{"a":1},
             "metadata":{"etag":"e","createdDate":"2015-12-04 14:34:09.809000+00:00","lastModifiedDate":"2016-07-31T15:41:27Z","state":"BUSY","futureField":1},
             "properties":{"name":"n","description":null,"location":"de/fra","version":3,"features":["SSD"],"secAuthProtection":false},
             "entities":{"servers":{"id":"dc-1/servers","type":"collection","href":"h","items":[{"id":"s-1","type":"server","href":"h2"}]},"lans":{"id":"l","type":"collection","href":"h3"}}}
            """));
    Datacenter dc = client().datacenters().get("dc-1");
    assertThat(dc.metadata().isBusy()).isTrue();
    assertThat(dc.metadata().createdDate().getYear()).isEqualTo(2015);
    assertThat(dc.metadata().lastModifiedDate().getMonthValue()).isEqualTo(7);
    assertThat(dc.properties().description()).isNull();
    assertThat(dc.properties().version()).isEqualTo(3);
    assertThat(dc.entities().servers().itemsOrEmpty())
        .extracting(Server::id)
        .containsExactly("s-1");
    assertThat(dc.entities().lans().itemsOrEmpty()).isEmpty();
  }

  @Test
  void aWriteReturnsTheResourceWithItsRequestIdAndStatusUrl() {
    server.enqueue(
        accepted(
            "{\"id\":\"new-dc\",\"type\":\"datacenter\",\"metadata\":{\"state\":\"BUSY\"},\"properties\":{\"location\":\"de/fra\"}}"));
    Accepted<Datacenter> a =
        client()
            .datacenters()
            .create(Datacenter.of(Datacenter.Properties.create("n", "de/fra", null)));
    assertThat(a.resource().id()).isEqualTo("new-dc");
    assertThat(a.requestId()).isEqualTo(REQUEST_ID);
    assertThat(a.statusUrl()).hasToString(LOCATION_PREFIX + REQUEST_ID + "/status");
  }

  @Test
  void aDeleteReturnsNoBodyButTheRequestId() {
    server.enqueue(accepted(null));
    Accepted<Void> a = client().datacenters().delete("dc-1");
    assertThat(a.resource()).isNull();
    assertThat(a.requestId()).isEqualTo(REQUEST_ID);
  }

  @Test
  void aMalformedSuccessBodyIsAClassifiedError() {
    server.enqueue(new MockResponse.Builder().code(200).body("<html>maintenance</html>").build());
    assertThatThrownBy(() -> client().datacenters().get("dc-1"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("not the expected JSON");
    server.enqueue(json(200, "[1,2]"));
    assertThatThrownBy(() -> client().datacenters().get("dc-1"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("not an object");
    server.enqueue(json(200, "{\"properties\":{\"cores\":\"many\"}}"));
    assertThatThrownBy(() -> client().servers().get("dc-1", "s"))
        .isInstanceOf(MalformedResponseException.class);
    server.enqueue(new MockResponse.Builder().code(200).build());
    assertThatThrownBy(() -> client().datacenters().get("dc-1"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("empty body");
  }

  // ------------------------------------------------------------------ errors

  record ErrorCase(int status, Class<? extends CloudApiException> type, boolean retryable) {}

  static List<ErrorCase> errors() {
    return List.of(
        new ErrorCase(400, CloudApiException.ValidationException.class, false),
        new ErrorCase(422, CloudApiException.ValidationException.class, false),
        new ErrorCase(401, CloudApiException.AuthenticationException.class, false),
        new ErrorCase(403, CloudApiException.PermissionDeniedException.class, false),
        new ErrorCase(404, CloudApiException.NotFoundException.class, false),
        new ErrorCase(409, CloudApiException.ConflictException.class, true),
        new ErrorCase(405, CloudApiException.class, false));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void errorStatusesMapToTheirClass(ErrorCase e) {
    server.enqueue(error(e.status(), "100", "[VDC-1] Attribute 'location' is required"));
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                client()
                    .datacenters()
                    .create(Datacenter.of(Datacenter.Properties.create("n", null, null))));
    assertThat(t).isExactlyInstanceOf(e.type());
    CloudApiException ex = (CloudApiException) t;
    assertThat(ex.httpStatus()).isEqualTo(e.status());
    assertThat(ex.messages())
        .containsExactly(new ErrorMessage("100", "[VDC-1] Attribute 'location' is required"));
    assertThat(ex.apiMessage()).isEqualTo("[VDC-1] Attribute 'location' is required");
    assertThat(ex.isRetryable()).isEqualTo(e.retryable());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aServerErrorWithAnHtmlBodyIsStillClassified() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .code(502)
              .addHeader("Content-Type", "text/html")
              .body("<html><body>Bad Gateway</body></html>")
              .build());
    }
    assertThatThrownBy(() -> client().datacenters().list())
        .isInstanceOfSatisfying(
            CloudApiException.ServerException.class,
            e -> {
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.apiMessage()).contains("non-JSON error body").contains("Bad Gateway");
            });
  }

  // ------------------------------------------------------------------ retries

  @Test
  void aGetIsRetriedOnServerErrorsWithGrowingBackoff() {
    server.enqueue(error(500, "301", "Oops"));
    server.enqueue(error(502, "301", "Oops"));
    server.enqueue(json(200, "{\"id\":\"dc-1\",\"properties\":{}}"));
    assertThat(client().datacenters().get("dc-1").id()).isEqualTo("dc-1");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void aGetGivesUpAfterMaxAttempts() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(error(500, "301", "Oops"));
    }
    assertThatThrownBy(() -> client().datacenters().get("dc-1"))
        .isInstanceOf(CloudApiException.ServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void theCloudClockIsTheLocalClockCorrectedByTheAnswersDateHeader() {
    java.time.Instant local = java.time.Instant.parse("2026-12-02T10:00:00Z");
    ProfitBricksClient c =
        client(b -> b.clock(java.time.Clock.fixed(local, java.time.ZoneOffset.UTC)));
    assertThat(c.cloudClock().isSynced()).isFalse();
    assertThat(c.cloudClock().instant()).as("the local clock until an answer").isEqualTo(local);
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .addHeader("Date", "Wed, 02 Dec 2026 09:58:30 GMT")
            .body("{\"href\":\"x\",\"name\":\"CLOUD API\",\"version\":\"6.0\"}")
            .build());
    c.info();
    assertThat(c.cloudClock().isSynced()).isTrue();
    assertThat(c.cloudClock().offset()).isEqualTo(Duration.ofSeconds(-90));
    assertThat(c.onBehalfOf("k8s-owner/x").cloudClock().instant())
        .as("shared by the marked views")
        .isEqualTo(java.time.Instant.parse("2026-12-02T09:58:30Z"));
  }

  @Test
  void aPostTakenWithABodyThatCannotBeReadIsAmbiguousAndNeverResent() {
    server.enqueue(accepted("<html>Bad gateway</html>"));
    server.enqueue(accepted("{\"id\":\"dc\",\"properties\":{}}"));
    assertThatThrownBy(
            () ->
                client()
                    .datacenters()
                    .create(Datacenter.of(Datacenter.Properties.create("n", "de/fra", null))))
        .isInstanceOf(AmbiguousWriteException.class)
        .hasCauseInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("answer cannot be read");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPatchTakenWithABodyThatCannotBeReadIsAMalformedAnswer() {
    server.enqueue(accepted("[]"));
    assertThatThrownBy(
            () ->
                client()
                    .datacenters()
                    .update("dc-1", Datacenter.Properties.create("n", null, null)))
        .isInstanceOf(MalformedResponseException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void aPostAnsweredWithAServerErrorIsAmbiguousAndNeverResent(int status) {
    server.enqueue(error(status, "301", "Oops"));
    server.enqueue(accepted("{\"id\":\"dc\",\"properties\":{}}"));
    assertThatThrownBy(
            () ->
                client()
                    .datacenters()
                    .create(Datacenter.of(Datacenter.Properties.create("n", "de/fra", null))))
        .isInstanceOf(AmbiguousWriteException.class)
        .hasCauseInstanceOf(CloudApiException.ServerException.class)
        .hasMessageContaining("answered " + status);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aMarkedViewCarriesItsMarkerInTheUserAgentOfEveryCall() throws Exception {
    server.enqueue(accepted("{\"id\":\"dc\",\"properties\":{}}"));
    server.enqueue(accepted(null));
    server.enqueue(json(200, "{\"id\":\"dc\",\"properties\":{}}"));
    ProfitBricksClient marked = client().onBehalfOf("k8s-owner/1234-abcd");
    marked.datacenters().create(Datacenter.of(Datacenter.Properties.create("n", "de/fra", null)));
    marked.servers().delete("dc", "s", true);
    client().datacenters().get("dc");
    RecordedRequest post = server.takeRequest();
    assertThat(post.getHeaders().get("User-Agent"))
        .startsWith(client().userAgent())
        .endsWith(" k8s-owner/1234-abcd");
    RecordedRequest delete = server.takeRequest();
    assertThat(delete.getUrl().queryParameter("deleteVolumes")).isEqualTo("true");
    assertThat(delete.getHeaders().get("User-Agent")).endsWith(" k8s-owner/1234-abcd");
    assertThat(server.takeRequest().getHeaders().get("User-Agent")).isEqualTo(client().userAgent());
    assertThatThrownBy(() -> client().onBehalfOf("two words"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRuleUpdateCanSetPropertiesToNullMeaningAny() throws Exception {
    server.enqueue(accepted("{\"id\":\"r\",\"properties\":{}}"));
    client()
        .firewallRules()
        .update(
            "dc",
            "s",
            "n",
            "r",
            new FirewallRule.Properties(null, null, null, null, null, null, null, 80, 80, null),
            java.util.List.of("sourceIp"));
    RecordedRequest r = server.takeRequest();
    assertThat(JSON.readTree(r.getBody().utf8()))
        .isEqualTo(JSON.readTree("{\"sourceIp\":null,\"portRangeStart\":80,\"portRangeEnd\":80}"));
  }

  @Test
  void requestDateFiltersAreSentInTheDocumentedForm() throws Exception {
    server.enqueue(json(200, "{\"id\":\"requests\",\"items\":[]}"));
    client()
        .requests()
        .list(
            RequestFilter.create()
                .createdAfter(java.time.Instant.parse("2026-11-29T17:05:09.731Z"))
                .createdBefore(java.time.Instant.parse("2026-11-30T00:00:00Z")));
    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().queryParameter("filter.createdAfter")).isEqualTo("2026-11-29 17:05:09");
    assertThat(r.getUrl().queryParameter("filter.createdBefore")).isEqualTo("2026-11-30 00:00:00");
    assertThat(r.getUrl().queryParameter("depth")).isEqualTo("1");
  }

  @Test
  void anyMethodIsRetriedOn429HonouringTheWholeRetryAfter() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "7")
            .addHeader("X-RateLimit-Remaining", "0")
            .body("{\"httpStatus\":429,\"messages\":[]}")
            .build());
    server.enqueue(accepted("{\"id\":\"dc\",\"properties\":{}}"));
    Accepted<Datacenter> a =
        client()
            .datacenters()
            .create(Datacenter.of(Datacenter.Properties.create("n", "de/fra", null)));
    assertThat(a.resource().id()).isEqualTo("dc");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theObserverSeesEveryExchangeWithIdsOutOfTheRoute() {
    List<String> seen = new ArrayList<>();
    ProfitBricksClient c =
        client(
            b ->
                b.observer(
                    (method, route, status, attempt, elapsed) ->
                        seen.add(method + " " + route + " " + status + " #" + attempt)));
    String dc = "7f6c0b5e-0f3e-4a7b-9a57-2c1f0d6b1a10";
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
    server.enqueue(json(200, "{\"id\":\"3\",\"properties\":{}}"));
    c.lans().get(dc, "3");
    assertThat(seen)
        .containsExactly(
            "GET /datacenters/{id}/lans/{id} 429 #1", "GET /datacenters/{id}/lans/{id} 200 #2");
  }

  @Test
  void a503IsRetriedForAPatchToo() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "2").build());
    server.enqueue(accepted("{\"id\":\"dc\",\"properties\":{}}"));
    client()
        .datacenters()
        .update("dc", new Datacenter.Properties("x", null, null, null, null, null, null));
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void aRetryAfterLongerThanTheLimitGoesToTheCallerWithTheHeaders() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "120")
            .addHeader("X-RateLimit-Limit", "600")
            .addHeader("X-RateLimit-Remaining", "0")
            .addHeader("X-RateLimit-Burst", "50")
            .body(
                "{\"httpStatus\":429,\"messages\":[{\"errorCode\":\"429\",\"message\":\"rate"
                    + " limit\"}]}")
            .build());
    assertThatThrownBy(() -> client().datacenters().list())
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
              assertThat(e.limit()).isEqualTo(600);
              assertThat(e.remaining()).isZero();
              assertThat(e.burst()).isEqualTo(50);
              assertThat(e.isRetryable()).isTrue();
            });
    assertThat(sleeps).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPostIsNeverSentTwiceAfterAReadTimeout() {
    server.enqueue(
        new MockResponse.Builder().code(202).headersDelay(2, TimeUnit.SECONDS).body("{}").build());
    server.enqueue(accepted("{\"id\":\"second\",\"properties\":{}}"));
    ProfitBricksClient c = client(b -> b.readTimeout(Duration.ofMillis(300)));
    assertThatThrownBy(
            () ->
                c.datacenters()
                    .create(Datacenter.of(Datacenter.Properties.create("n", "de/fra", null))))
        .isInstanceOfSatisfying(
            AmbiguousWriteException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("may have been applied");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aGetIsRetriedAfterAReadTimeout() {
    server.enqueue(
        new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS).body("{}").build());
    server.enqueue(json(200, "{\"id\":\"dc-1\",\"properties\":{}}"));
    ProfitBricksClient c = client(b -> b.readTimeout(Duration.ofMillis(300)));
    assertThat(c.datacenters().get("dc-1").id()).isEqualTo("dc-1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRefusedConnectionIsRetriedForAnyMethodBecauseNothingWasSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProfitBricksClient c =
        ProfitBricksClient.builder()
            .baseUrl("http://127.0.0.1:" + port + "/cloudapi/v6")
            .credentials(Credentials.token("t"))
            .retryPolicy(
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), 0, Duration.ZERO))
            .sleeper(sleeps::add)
            .build();
    assertThatThrownBy(
            () ->
                c.datacenters()
                    .create(Datacenter.of(Datacenter.Properties.create("n", "de/fra", null))))
        .isExactlyInstanceOf(TransportException.class);
    assertThat(sleeps).hasSize(2);
  }

  // ------------------------------------------------------------------ headers, credentials,
  // logging

  @Test
  void sendsUserAgentContractNumberAndRotatedCredentials() throws Exception {
    AtomicReference<Credentials> current = new AtomicReference<>(Credentials.basic("a", "b"));
    ProfitBricksClient c =
        client(
            b ->
                b.credentials(current::get).contractNumber("31415").userAgentPrefix("my-tool/1.0"));
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    c.info();
    current.set(Credentials.token("tok-123"));
    c.info();
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Basic YTpi");
    assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer tok-123");
    assertThat(first.getHeaders().get("X-Contract-Number")).isEqualTo("31415");
    assertThat(first.getHeaders().get("User-Agent"))
        .startsWith("my-tool/1.0 profitbricks-operator/");
    assertThat(c.userAgent()).doesNotContain("${");
  }

  @Test
  void credentialsNeverShowInToStringOrLogs() {
    Logger logger = Logger.getLogger("com.profitbricks.client");
    List<LogRecord> records = new ArrayList<>();
    Handler h =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level before = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(h);
    try {
      server.enqueue(accepted("{\"id\":\"v\",\"properties\":{\"imagePassword\":null}}"));
      client()
          .volumes()
          .create(
              "dc-1",
              Volume.of(
                  Volume.Properties.fromImageAlias(
                      "boot", 10, "ubuntu:latest", "TopSecretPw99", List.of("ssh-ed25519 AAAA"))));
    } finally {
      logger.removeHandler(h);
      logger.setLevel(before);
    }
    String all =
        records.stream()
            .map(r -> new java.text.MessageFormat(r.getMessage()).format(r.getParameters()))
            .reduce("", (a, b) -> a + "\n" + b);
    assertThat(all)
        .contains("POST /cloudapi/v6/datacenters/dc-1/volumes -> 202")
        .contains("request " + REQUEST_ID)
        .contains("\"imagePassword\":\"***\"");
    assertThat(all)
        .doesNotContain("TopSecretPw99")
        .doesNotContain("s3cr3t-pass")
        .doesNotContain("dXNlckBleGFtcGxlLmNvbTpzM2NyM3QtcGFzcw");
    assertThat(Credentials.basic("u", "s3cr3t-pass").toString()).doesNotContain("s3cr3t");
    assertThat(Credentials.token("tok").toString()).doesNotContain("tok)");
  }

  // ------------------------------------------------------------------ waiting for requests

  static MockResponse status(String s, String message) {
    return json(
        200,
        "{\"id\":\""
            + REQUEST_ID
            + "/status\",\"type\":\"request-status\",\"metadata\":{\"status\":\""
            + s
            + "\",\"message\":\""
            + message
            + "\",\"targets\":[{\"target\":{\"id\":\"dc-1\",\"type\":\"datacenter\"},\"status\":\""
            + s
            + "\"}]}}");
  }

  @Test
  void waitForCompletionPollsUntilDoneWithAGrowingPeriod() {
    server.enqueue(status("QUEUED", "queued"));
    for (int i = 0; i < 4; i++) {
      server.enqueue(status("RUNNING", "running"));
    }
    server.enqueue(status("DONE", "Request has been successfully executed"));
    var done =
        client()
            .requests()
            .waitForCompletion(REQUEST_ID, Duration.ofHours(1), Duration.ofSeconds(1), 1);
    assertThat(done.state()).isEqualTo(RequestState.DONE);
    assertThat(done.targets()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(6);
    assertThat(sleeps).hasSize(5);
    assertThat(sleeps.get(4)).isGreaterThan(sleeps.get(0));
  }

  @Test
  void waitForCompletionSurfacesAFailedRequestsMessage() {
    server.enqueue(status("FAILED", "Not enough capacity in de/fra"));
    assertThatThrownBy(
            () ->
                client()
                    .requests()
                    .waitForCompletion(
                        REQUEST_ID, Duration.ofMinutes(1), Duration.ofSeconds(1), 10))
        .isInstanceOfSatisfying(
            RequestFailedException.class,
            e -> {
              assertThat(e.cloudMessage()).isEqualTo("Not enough capacity in de/fra");
              assertThat(e.requestId()).isEqualTo(REQUEST_ID);
            });
  }

  @Test
  void waitForCompletionTimesOut() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(status("RUNNING", "running"));
    }
    assertThatThrownBy(
            () ->
                client()
                    .requests()
                    .waitForCompletion(
                        REQUEST_ID, Duration.ofSeconds(3), Duration.ofSeconds(1), 10))
        .isInstanceOf(RequestTimeoutException.class);
  }

  @Test
  void anUnknownRequestStateReadsAsUnknown() {
    server.enqueue(status("PAUSED_BY_OPERATOR", "?"));
    assertThat(client().requests().status(REQUEST_ID).state()).isEqualTo(RequestState.UNKNOWN);
  }
}
