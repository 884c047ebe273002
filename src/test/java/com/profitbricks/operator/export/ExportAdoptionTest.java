package com.profitbricks.operator.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.profitbricks.client.Accepted;
import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.ManagementPolicy;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.Plan;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.operator.engine.CloudReconcilerEngine;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.testing.MockServerQuirks;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brownfield adoption end to end: a datacenter built by hand through the Cloud API, exported,
 * applied as the folder says, adopted by the operator without one write to the cloud.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@ExtendWith(MockServerQuirks.class)
class ExportAdoptionTest {
  static final String PASSWORD = "Sup3rSecretImag3Pw";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Map<String, Class<? extends CustomResource<?, ? extends CommonStatus>>> KINDS =
      Map.of(
          "PBDatacenter", PBDatacenter.class,
          "PBLan", PBLan.class,
          "PBIPBlock", PBIPBlock.class,
          "PBServer", PBServer.class,
          "PBVolume", PBVolume.class,
          "PBNic", PBNic.class);

  @Inject KubernetesClient kube;
  @Inject EmbeddedSimulator embedded;
  CloudSimulator sim;
  ProfitBricksClient console;
  @TempDir Path tmp;

  @BeforeEach
  void simulator() {
    sim = embedded.simulator();
    sim.faults().clear();
    console =
        ProfitBricksClient.builder()
            .baseUrl(sim.baseUrl())
            .credentials(Credentials.basic("console@example.com", "pw"))
            .build();
  }

  /** What the console made: the ids the export must carry. */
  record Made(
      String dc,
      String internet,
      String backend,
      String block,
      List<String> blockIps,
      String web,
      String db,
      String boot,
      String data,
      String webPublic,
      String webBackend,
      String dbBackend) {}

  private <T> T done(Accepted<T> a) {
    console
        .requests()
        .waitForCompletion(a.requestId(), Duration.ofSeconds(30), Duration.ofMillis(10), 10);
    return a.resource();
  }

  private static FirewallRule rule(
      String name, String protocol, String sourceIp, Integer port, Integer icmpType) {
    return FirewallRule.of(
        new FirewallRule.Properties(
            name, protocol, null, sourceIp, null, null, icmpType, port, port, "INGRESS"));
  }

  /**
   * Two LANs (one public), two servers, a boot volume and a loose one, NICs with rules, a block.
   */
  private Made buildByHand() {
    String dc =
        done(console
                .datacenters()
                .create(
                    Datacenter.of(
                        Datacenter.Properties.create("Shop (prod)", "de/fra", "by hand"))))
            .id();
    String internet =
        done(console.lans().create(dc, Lan.of(Lan.Properties.create("Internet", true)))).id();
    String backend =
        done(console.lans().create(dc, Lan.of(Lan.Properties.create("backend", false)))).id();
    IpBlock block =
        done(
            console
                .ipBlocks()
                .reserve(IpBlock.of(IpBlock.Properties.create("shop addresses", "de/fra", 2))));
    List<String> ips = console.ipBlocks().get(block.id()).properties().ips();
    String web =
        done(console.servers().create(dc, Server.of(Server.Properties.create("web", 2, 2048))))
            .id();
    String db =
        done(console.servers().create(dc, Server.of(Server.Properties.create("db", 1, 1024)))).id();
    String boot =
        done(console
                .volumes()
                .create(
                    dc,
                    Volume.of(
                        Volume.Properties.builder()
                            .name("web boot")
                            .size(10.0)
                            .type("SSD")
                            .imageAlias("ubuntu:latest")
                            .imagePassword(PASSWORD)
                            .build())))
            .id();
    done(console.servers().attachVolume(dc, web, boot));
    done(console.servers().update(dc, web, Server.Properties.bootVolumePatch(boot)));
    String data =
        done(console
                .volumes()
                .create(dc, Volume.of(Volume.Properties.blank("data", 20, "HDD", "LINUX"))))
            .id();
    String webPublic =
        done(console
                .nics()
                .create(
                    dc,
                    web,
                    Nic.of(
                        Nic.Properties.create(
                                "public", Integer.parseInt(internet), false, List.of(ips.get(1)))
                            .withFirewall(true, "INGRESS"),
                        List.of(
                            rule("https", "TCP", null, 443, null),
                            rule("ping", "ICMP", null, null, 8)))))
            .id();
    String webBackend =
        done(console
                .nics()
                .create(
                    dc,
                    web,
                    Nic.of(
                        Nic.Properties.create("backend", Integer.parseInt(backend), true, null))))
            .id();
    String dbBackend =
        done(console
                .nics()
                .create(
                    dc,
                    db,
                    Nic.of(
                        Nic.Properties.create("backend", Integer.parseInt(backend), true, null)
                            .withFirewall(true, null),
                        List.of(rule("postgres", "TCP", "10.0.0.10", 5432, null)))))
            .id();
    return new Made(
        dc,
        internet,
        backend,
        block.id(),
        ips,
        web,
        db,
        boot,
        data,
        webPublic,
        webBackend,
        dbBackend);
  }

  private int export(Path out, String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--out", out.toString(), "--api-url", sim.baseUrl()));
    int code =
        ExportMain.run(
            all.toArray(String[]::new),
            Map.of("PROFITBRICKS_USERNAME", "exporter@example.com", "PROFITBRICKS_PASSWORD", "pw"),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    lastOut = stdout.toString(StandardCharsets.UTF_8);
    lastErr = stderr.toString(StandardCharsets.UTF_8);
    return code;
  }

  String lastOut;
  String lastErr;

  @Test
  void theExportAppliedAsItIsAdoptsEverythingWithoutAWriteAndEveryObjectEndsReady()
      throws Exception {
    Made m = buildByHand();
    sim.calls().reset();
    Path out = tmp.resolve("shop");
    String ns = "adopted";

    assertThat(export(out, "--datacenter", m.dc(), "--namespace", ns)).as(lastErr).isZero();
    assertThat(sim.calls().writes()).as("the export only reads").isZero();

    List<String> listed = new ArrayList<>();
    YAML.readTree(out.resolve("kustomization.yaml").toFile())
        .path("resources")
        .forEach(r -> listed.add(r.asText()));
    try (Stream<Path> files = Files.list(out)) {
      assertThat(listed)
          .as("every object file is listed, nothing held back")
          .containsExactlyInAnyOrderElementsOf(
              files
                  .map(p -> p.getFileName().toString())
                  .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
                  .toList());
    }
    assertThat(out.resolve(ExportFolder.HELD_BACK)).doesNotExist();
    assertThat(listed).hasSize(1 + 2 + 1 + 2 + 2 + 3);

    List<HasMetadata> applied = applyFolder(out);
    for (HasMetadata o : applied) {
      awaitReady(o);
    }
    assertThat(sim.calls().writes())
        .as("writes since the export: %s", sim.calls().counters())
        .isZero();

    assertManifests(out, m);
    assertThat(Files.readString(out.resolve("NOTES.md")))
        .contains("made from image")
        .contains("addresses")
        .doesNotContain(PASSWORD);
    assertThat(lastOut).contains("made from image").doesNotContain(PASSWORD);
  }

  /** Creates every object the folder's kustomization lists, as kubectl apply -k would. */
  private List<HasMetadata> applyFolder(Path out) throws Exception {
    List<HasMetadata> applied = new ArrayList<>();
    for (JsonNode r : YAML.readTree(out.resolve("kustomization.yaml").toFile()).path("resources")) {
      String text = Files.readString(out.resolve(r.asText()));
      assertThat(text).doesNotContain(PASSWORD);
      String kind = YAML.readTree(text).path("kind").asText();
      HasMetadata o = kube.getKubernetesSerialization().unmarshal(text, KINDS.get(kind));
      applied.add(kube.resource(o).create());
    }
    return applied;
  }

  /**
   * The README's brownfield walkthrough: export with --observe and apply (every object Ready, each
   * plan "nothing to do"), switch everything to Manage (still not one write), then preview a change
   * (its PATCH listed, nothing sent).
   */
  @Test
  void observeFirstThenManageSendsNothingUntilAChangeWhichAPreviewShowsFirst() throws Exception {
    Made m = buildByHand();
    sim.calls().reset();
    Path out = tmp.resolve("walkthrough");
    assertThat(export(out, "--datacenter", m.dc(), "--namespace", "walkthrough", "--observe"))
        .as(lastErr)
        .isZero();
    List<HasMetadata> applied = applyFolder(out);
    for (HasMetadata o : applied) {
      awaitReady(o);
      Plan plan = stored(o).getStatus().getPlan();
      assertThat(plan).as(o.getKind() + " " + o.getMetadata().getName()).isNotNull();
      assertThat(plan.getCount()).isZero();
      assertThat(plan.getSummary()).isEqualTo("nothing to do");
    }
    assertThat(sim.calls().writes()).as("Observe: %s", sim.calls().counters()).isZero();

    for (HasMetadata o : applied) {
      edit(o, r -> r.getSpec().setManagementPolicy(ManagementPolicy.Manage));
    }
    for (HasMetadata o : applied) {
      awaitReady(o);
      await().atMost(Duration.ofSeconds(30)).until(() -> stored(o).getStatus().getPlan() == null);
    }
    assertThat(sim.calls().writes()).as("Manage: %s", sim.calls().counters()).isZero();

    HasMetadata web =
        applied.stream().filter(o -> o.getMetadata().getName().equals("web")).findFirst().get();
    edit(
        web,
        r -> {
          r.getMetadata().getAnnotations().put(CloudReconcilerEngine.PREVIEW, "true");
          ((PBServer) r).getSpec().setCores(4);
        });
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Plan plan = stored(web).getStatus().getPlan();
              assertThat(plan).isNotNull();
              assertThat(plan.getCalls())
                  .extracting(c -> c.getMethod() + " " + c.getPath() + " " + c.getFields())
                  .containsExactly(
                      "PATCH /datacenters/" + m.dc() + "/servers/" + m.web() + " {cores=4}");
            });
    assertThat(sim.calls().writes()).as("previewed: %s", sim.calls().counters()).isZero();
  }

  private CustomResource<? extends CommonSpec, ? extends CommonStatus> stored(HasMetadata o) {
    return resource(o).get();
  }

  /** The object as the API server has it, typed as every kind of the operator is. */
  @SuppressWarnings("unchecked")
  private <T extends CustomResource<? extends CommonSpec, ? extends CommonStatus>>
      Resource<T> resource(HasMetadata o) {
    return kube.resources((Class<T>) o.getClass())
        .inNamespace(o.getMetadata().getNamespace())
        .withName(o.getMetadata().getName());
  }

  /** Edits as kubectl edit would: a 409 because the operator wrote status meanwhile is retried. */
  private void edit(
      HasMetadata o,
      Consumer<CustomResource<? extends CommonSpec, ? extends CommonStatus>> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        resource(o)
            .edit(
                c -> {
                  if (c.getMetadata().getAnnotations() == null) {
                    c.getMetadata().setAnnotations(new java.util.HashMap<>());
                  }
                  change.accept(c);
                  return c;
                });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 5) {
          throw e;
        }
      }
    }
  }

  private void assertManifests(Path out, Made m) throws Exception {
    JsonNode dc = spec(out, "datacenter-shop-prod.yaml");
    assertThat(dc.path("adoptId").asText()).isEqualTo(m.dc());
    assertThat(dc.path("name").asText()).isEqualTo("Shop (prod)");
    assertThat(dc.path("location").asText()).isEqualTo("de/fra");

    JsonNode internet = spec(out, "lan-internet.yaml");
    assertThat(internet.path("adoptId").asText()).isEqualTo(m.internet());
    assertThat(internet.path("public").asBoolean()).isTrue();
    assertThat(internet.path("datacenterRef").path("name").asText()).isEqualTo("shop-prod");
    assertThat(spec(out, "lan-backend.yaml").path("public").asBoolean()).isFalse();

    JsonNode block = spec(out, "ipblock-shop-addresses.yaml");
    assertThat(block.path("adoptId").asText()).isEqualTo(m.block());
    assertThat(block.path("size").asInt()).isEqualTo(2);

    JsonNode web = spec(out, "server-web.yaml");
    assertThat(web.path("adoptId").asText()).isEqualTo(m.web());
    assertThat(web.path("bootVolumeRef").path("name").asText()).isEqualTo("web-boot");
    assertThat(web.has("volumes") || web.has("nics")).as("no inline items").isFalse();

    JsonNode boot = spec(out, "volume-web-boot.yaml");
    assertThat(boot.path("adoptId").asText()).isEqualTo(m.boot());
    assertThat(boot.path("serverRef").path("name").asText()).isEqualTo("web");
    assertThat(boot.path("image").asText()).matches("[0-9a-f-]{36}");
    assertThat(boot.has("imageAlias")).as("an alias is never guessed").isFalse();
    assertThat(boot.has("imagePasswordSecretRef")).isFalse();
    assertThat(Files.readString(out.resolve("volume-web-boot.yaml")))
        .contains("# The cloud never returns a volume's image password");
    JsonNode data = spec(out, "volume-data.yaml");
    assertThat(data.path("adoptId").asText()).isEqualTo(m.data());
    assertThat(data.has("serverRef")).as("not attached").isFalse();
    assertThat(data.path("licenceType").asText()).isEqualTo("LINUX");

    JsonNode pub = spec(out, "nic-web-public.yaml");
    assertThat(pub.path("adoptId").asText()).isEqualTo(m.webPublic());
    assertThat(pub.path("serverRef").path("name").asText()).isEqualTo("web");
    assertThat(pub.path("lanRef").path("name").asText()).isEqualTo("internet");
    assertThat(pub.path("ipBlockRef").path("name").asText()).isEqualTo("shop-addresses");
    assertThat(pub.path("indexes").toString()).isEqualTo("[1]");
    assertThat(pub.path("dhcp").asBoolean()).isFalse();
    assertThat(pub.path("firewallRules").findValuesAsText("name"))
        .containsExactlyInAnyOrder("https", "ping");
    JsonNode db = spec(out, "nic-db-backend.yaml");
    assertThat(db.path("adoptId").asText()).isEqualTo(m.dbBackend());
    assertThat(db.path("serverRef").path("name").asText()).isEqualTo("db");
    assertThat(db.path("lanRef").path("name").asText()).isEqualTo("backend");
    assertThat(db.path("firewallRules").get(0).path("sourceIp").asText()).isEqualTo("10.0.0.10");
    assertThat(spec(out, "nic-web-backend.yaml").path("adoptId").asText())
        .isEqualTo(m.webBackend());
  }

  private static JsonNode spec(Path out, String file) throws Exception {
    return YAML.readTree(out.resolve(file).toFile()).path("spec");
  }

  @SuppressWarnings("unchecked")
  private void awaitReady(HasMetadata o) {
    Class<? extends CustomResource<?, ? extends CommonStatus>> type =
        (Class<? extends CustomResource<?, ? extends CommonStatus>>) o.getClass();
    await(o.getKind() + " " + o.getMetadata().getName() + " Ready")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              CustomResource<?, ? extends CommonStatus> r =
                  kube.resources(type)
                      .inNamespace(o.getMetadata().getNamespace())
                      .withName(o.getMetadata().getName())
                      .get();
              assertThat(r.getStatus()).isNotNull();
              Condition c = r.getStatus().condition("Ready").orElse(null);
              assertThat(c).as(String.valueOf(r.getStatus())).isNotNull();
              assertThat(c.getStatus() + " " + c.getReason() + " " + c.getMessage())
                  .startsWith("True Available");
              assertThat(r.getStatus().getObservedGeneration())
                  .isEqualTo(r.getMetadata().getGeneration());
            });
  }

  @Test
  void anUnknownDatacenterIsExitCodeTwoWithAMessageAndNoStackTrace() {
    Path out = tmp.resolve("none");
    assertThat(export(out, "--datacenter", "00000000-0000-4000-8000-000000000000")).isEqualTo(2);
    assertThat(lastErr)
        .contains("datacenter 00000000-0000-4000-8000-000000000000 does not exist")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }
}
