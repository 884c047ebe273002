package com.profitbricks.operator.kinds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.profitbricks.operator.LifecycleSuite;
import com.profitbricks.operator.TestClouds;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.NamedId;
import com.profitbricks.operator.api.v1alpha1.PBNicSpec;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import com.profitbricks.operator.api.v1alpha1.SecretKeyRef;
import com.profitbricks.operator.engine.CloudReconcilerEngine;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ServerLifecycleTest extends LifecycleSuite<PBServer> {
  String datacenterId;

  @BeforeEach
  void parent() {
    if (datacenterId == null) {
      datacenterId = new TestClouds(embedded.simulator()).datacenter("de/fra");
      embedded.simulator().calls().reset();
    }
  }

  @Override
  protected Class<PBServer> type() {
    return PBServer.class;
  }

  @Override
  protected PBServer newObject(String name) {
    PBServer s = named(new PBServer(), name);
    PBServerSpec spec = new PBServerSpec();
    spec.setDatacenterId(datacenterId);
    spec.setCores(1);
    spec.setRam(1024);
    s.setSpec(spec);
    return s;
  }

  static InlineVolume volume(String name, int size) {
    InlineVolume v = new InlineVolume();
    v.setName(name);
    v.setSize(size);
    v.setLicenceType(PBVolumeSpec.LicenceType.LINUX);
    return v;
  }

  static InlineNic nic(String name, int lan) {
    InlineNic n = new InlineNic();
    n.setName(name);
    n.setLan(lan);
    return n;
  }

  @Override
  protected void changeMutable(PBServer r) {
    r.getSpec().setCores(2);
  }

  @Override
  protected String cloudMutable(String id) {
    return serverJson(id).path("properties").path("cores").asInt() == 2 ? "changed" : "unchanged";
  }

  JsonNode serverJson(String id) {
    for (var dc : sim.dump().path("datacenters")) {
      for (var s : dc.path("entities").path("servers").path("items")) {
        if (s.path("id").asText().equals(id)) {
          return s;
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  @Override
  protected void changeImmutable(PBServer r) {
    r.getSpec().setAvailabilityZone(PBServerSpec.ServerZone.ZONE_2);
  }

  @Override
  protected String createRoute() {
    return "/datacenters/{datacenterId}/servers";
  }

  @Override
  protected String itemRoute() {
    return "/datacenters/{datacenterId}/servers/{serverId}";
  }

  @Override
  protected long cloudCount() {
    for (var dc : sim.dump().path("datacenters")) {
      if (dc.path("id").asText().equals(datacenterId)) {
        return dc.path("entities").path("servers").path("items").size();
      }
    }
    return 0;
  }

  @Override
  protected String createInCloud() {
    return new TestClouds(sim).server(datacenterId);
  }

  long volumesInCloud() {
    for (var dc : sim.dump().path("datacenters")) {
      if (dc.path("id").asText().equals(datacenterId)) {
        return dc.path("entities").path("volumes").path("items").size();
      }
    }
    return 0;
  }

  @Test
  void aServerWithTwoVolumesAndTwoNicsCostsOnePost() {
    String name = unique("composite");
    PBServer s = newObject(name);
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("boot", 10), volume("data", 20))));
    s.getSpec().setNics(new ArrayList<>(List.of(nic("public", 1), nic("private", 2))));
    apply(s);
    awaitReady(name);
    assertThat(
            sim.calls()
                .count(
                    c ->
                        c.method().equals("POST")
                            && c.path().startsWith("/datacenters/" + datacenterId)))
        .isEqualTo(1);
    PBServerStatus st = get(name).getStatus();
    assertThat(st.getVolumes())
        .extracting(PBServerStatus.Item::getName)
        .containsExactlyInAnyOrder("boot", "data");
    assertThat(st.getNics())
        .extracting(PBServerStatus.Item::getName)
        .containsExactlyInAnyOrder("public", "private");
    assertThat(st.getNics())
        .allMatch(n -> n.getMac() != null && n.getIps() != null && !n.getIps().isEmpty());
    assertThat(st.getBootVolumeId())
        .isEqualTo(
            st.getVolumes().stream()
                .filter(v -> v.getName().equals("boot"))
                .findFirst()
                .orElseThrow()
                .getId());
    assertThat(sim.calls().count("PATCH", itemRoute()))
        .as("the create named its boot volume (bootOrder), no PATCH after it")
        .isZero();
    assertThat(st.getVmState()).isEqualTo("RUNNING");
    assertThat(st.getCpuFamily()).as("the cloud's choice, in status not spec").isNotBlank();
    assertThat(get(name).getSpec().getCpuFamily()).isNull();
  }

  @Test
  void aPublicImageVolumeWithTooLittleRamIsRefusedBeforeAnyCloudCall() {
    String name = unique("smallram");
    PBServer s = newObject(name);
    s.getSpec().setRam(512);
    InlineVolume os = new InlineVolume();
    os.setName("os");
    os.setSize(10);
    os.setImageAlias("ubuntu:latest");
    os.setSshKeys(List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample"));
    s.getSpec().setVolumes(new ArrayList<>(List.of(os)));
    apply(s);
    awaitCondition(name, "Stalled", "True", "InvalidSpec");
    assertThat(condition(name, "Stalled").getMessage())
        .contains("spec.ram is 512 MiB")
        .contains("ubuntu:latest")
        .contains("set spec.ram to 1024 or more");
    assertThat(sim.calls().count(c -> !c.method().equals("GET"))).isZero();
    edit(name, x -> x.getSpec().setRam(1024));
    awaitReady(name);
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(1);
  }

  @Test
  void anAliasInlineVolumeStaysReadyAlthoughReadsNeverShowTheAlias() {
    String name = unique("alias");
    PBServer s = newObject(name);
    InlineVolume os = new InlineVolume();
    os.setName("os");
    os.setSize(10);
    os.setType(PBVolumeSpec.VolumeType.SSD);
    os.setImageAlias("ubuntu:latest");
    os.setSshKeys(List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample"));
    s.getSpec().setVolumes(new ArrayList<>(List.of(os, volume("data", 5))));
    apply(s);
    awaitReady(name);
    String osId =
        get(name).getStatus().getVolumes().stream()
            .filter(v -> v.getName().equals("os"))
            .findFirst()
            .orElseThrow()
            .getId();
    assertThat(get(name).getStatus().getVolumes())
        .filteredOn(v -> v.getName().equals("os"))
        .extracting(PBServerStatus.Item::getImageAlias)
        .containsExactly("ubuntu:latest");
    assertThat(get(name).getStatus().getBootVolumeId())
        .as("the first volume, PRIMARY")
        .isEqualTo(osId);
    long writes = sim.calls().count(c -> !c.method().equals("GET"));
    // passes that read afresh, as the full re-reads do, against reads that show no alias and SSD
    // Premium: no stall, no write
    for (int pass = 0; pass < 4; pass++) {
      requestPass(name);
    }
    assertThat(
            sim.calls()
                .count(
                    c ->
                        c.method().equals("GET")
                            && c.path().equals("/datacenters/" + datacenterId)))
        .isGreaterThan(3);
    awaitReady(name);
    assertThat(sim.calls().count(c -> !c.method().equals("GET"))).isEqualTo(writes);
  }

  @Test
  void powerStateStopsAndStartsTheServer() {
    String name = unique("power");
    apply(newObject(name));
    awaitReady(name);
    edit(name, s -> s.getSpec().setPowerState(PBServerSpec.PowerState.Stopped));
    eventually()
        .untilAsserted(() -> assertThat(get(name).getStatus().getVmState()).isEqualTo("SHUTOFF"));
    awaitReady(name);
    assertThat(get(name).getStatus().getState()).isEqualTo("INACTIVE");
    edit(name, s -> s.getSpec().setPowerState(PBServerSpec.PowerState.Running));
    eventually()
        .untilAsserted(() -> assertThat(get(name).getStatus().getVmState()).isEqualTo("RUNNING"));
    awaitReady(name);
    assertThat(sim.calls().count("POST", "/datacenters/{datacenterId}/servers/{serverId}/stop"))
        .isEqualTo(1);
    assertThat(sim.calls().count("POST", "/datacenters/{datacenterId}/servers/{serverId}/start"))
        .isEqualTo(1);
  }

  /**
   * An inline NIC's create records its intent in status before the POST (crash safety): a preview
   * stops the POST, and must not leave that intent behind, or the next real pass would look for a
   * create that was never sent instead of sending it.
   */
  @Test
  void aPreviewOfANewInlineNicLeavesNoIntentAndTheNextPassSendsIt() {
    String name = unique("preview-inline");
    PBServer s = newObject(name);
    s.getSpec().setNics(new ArrayList<>(List.of(nic("eth0", 1))));
    apply(s);
    awaitReady(name);
    edit(
        name,
        x -> {
          annotate(x, CloudReconcilerEngine.PREVIEW, "true");
          x.getSpec().getNics().add(nic("eth1", 3));
        });
    var plan = awaitPlan(name, "Planned");
    assertThat(plan.getCalls().get(0).getMethod()).isEqualTo("POST");
    assertThat(plan.getCalls().get(0).getPath()).endsWith("/nics");
    assertThat(plan.getCalls().get(0).getFields()).containsEntry("properties.name", "eth1");
    assertThat(get(name).getStatus().getPendingCreate())
        .as("no intent of an unsent create")
        .isNull();
    int from = sim.calls().calls().size();
    edit(name, x -> x.getMetadata().getAnnotations().remove(CloudReconcilerEngine.PREVIEW));
    awaitReady(name);
    assertSentAsPlanned(plan, from);
    assertThat(get(name).getStatus().getNics())
        .extracting(PBServerStatus.Item::getName)
        .containsExactlyInAnyOrder("eth0", "eth1");
    deleteAtTheEnd(name);
  }

  @Test
  void inlineItemsAreAddedGrownAndRemoved() {
    String name = unique("inline");
    PBServer s = newObject(name);
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("boot", 10))));
    s.getSpec().setNics(new ArrayList<>(List.of(nic("eth0", 1))));
    apply(s);
    awaitReady(name);
    long volumesBefore = volumesInCloud();
    edit(
        name,
        x -> {
          x.getSpec().getVolumes().add(volume("data", 5));
          x.getSpec().getVolumes().get(0).setSize(15);
          x.getSpec().getNics().add(nic("eth1", 3));
        });
    eventually()
        .untilAsserted(
            () -> {
              PBServerStatus st = get(name).getStatus();
              assertThat(st.getVolumes())
                  .extracting(PBServerStatus.Item::getName)
                  .containsExactlyInAnyOrder("boot", "data");
              assertThat(st.getNics())
                  .extracting(PBServerStatus.Item::getName)
                  .containsExactlyInAnyOrder("eth0", "eth1");
            });
    awaitReady(name);
    assertThat(volumesInCloud()).isEqualTo(volumesBefore + 1);
    String boot = get(name).getStatus().getBootVolumeId();
    eventually()
        .untilAsserted(
            () ->
                assertThat(volumeInCloud(boot).path("properties").path("size").asInt())
                    .isEqualTo(15));
    edit(
        name,
        x -> {
          x.getSpec().getVolumes().removeIf(v -> v.getName().equals("data"));
          x.getSpec().getNics().removeIf(n -> n.getName().equals("eth1"));
        });
    eventually()
        .untilAsserted(
            () -> {
              PBServerStatus st = get(name).getStatus();
              assertThat(st.getVolumes())
                  .extracting(PBServerStatus.Item::getName)
                  .containsExactly("boot");
              assertThat(st.getNics())
                  .extracting(PBServerStatus.Item::getName)
                  .containsExactly("eth0");
            });
    awaitReady(name);
    assertThat(volumesInCloud()).isEqualTo(volumesBefore);
  }

  @Test
  void deletingTheServerDeletesItsInlineVolumesToo() {
    String name = unique("gone");
    PBServer s = newObject(name);
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("boot", 10), volume("data", 20))));
    apply(s);
    awaitReady(name);
    long volumes = volumesInCloud();
    kube.resources(PBServer.class).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(volumesInCloud()).isEqualTo(volumes - 2);
  }

  @Test
  void inlineNicFirewallRulesGoWithTheCompositeCreateThenFollowTheSpec() {
    String name = unique("rules");
    PBServer s = newObject(name);
    InlineNic eth0 = nic("eth0", 1);
    eth0.setFirewallActive(true);
    FirewallRuleSpec ping = rule("ping", FirewallRuleSpec.Protocol.ICMP, null);
    ping.setIcmpType(8);
    eth0.setFirewallRules(
        new ArrayList<>(List.of(rule("ssh", FirewallRuleSpec.Protocol.TCP, 22), ping)));
    s.getSpec().setNics(new ArrayList<>(List.of(eth0)));
    apply(s);
    awaitReady(name);
    assertThat(sim.calls().count(c -> c.method().equals("POST")))
        .as("server, NIC and rules in one request")
        .isEqualTo(1);
    PBServerStatus.Item nic = get(name).getStatus().getNics().get(0);
    assertThat(ruleNamesInCloud(nic.getId())).containsExactlyInAnyOrder("ssh", "ping");
    assertThat(nic.getFirewallRules())
        .extracting(NamedId::getName)
        .containsExactlyInAnyOrder("ssh", "ping");

    edit(
        name,
        x -> {
          x.getSpec().getNics().get(0).getFirewallRules().removeIf(r -> r.getName().equals("ping"));
          x.getSpec()
              .getNics()
              .get(0)
              .getFirewallRules()
              .add(rule("dns", FirewallRuleSpec.Protocol.UDP, 53));
        });
    eventually()
        .untilAsserted(
            () ->
                assertThat(ruleNamesInCloud(nic.getId())).containsExactlyInAnyOrder("ssh", "dns"));
    awaitReady(name);
    eventually()
        .untilAsserted(
            () ->
                assertThat(get(name).getStatus().getNics().get(0).getFirewallRules())
                    .extracting(NamedId::getName)
                    .containsExactlyInAnyOrder("ssh", "dns"));
    assertThat(
            sim.calls()
                .count(
                    "DELETE",
                    "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules/{firewallruleId}"))
        .isEqualTo(1);
  }

  @Test
  void aRulePatchTheCloudDoesNotKeepIsSentAtMostTwiceThenStalls() {
    String name = unique("sticky-rule");
    PBServer s = newObject(name);
    InlineNic eth0 = nic("eth0", 1);
    eth0.setFirewallActive(true);
    eth0.setFirewallRules(new ArrayList<>(List.of(rule("ssh", FirewallRuleSpec.Protocol.TCP, 22))));
    s.getSpec().setNics(new ArrayList<>(List.of(eth0)));
    apply(s);
    awaitReady(name);
    String ruleRoute =
        "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules/{firewallruleId}";
    sim.faults().ignoreFields("PATCH", ruleRoute, "portRangeStart", "portRangeEnd");
    edit(
        name,
        x -> {
          FirewallRuleSpec r = x.getSpec().getNics().get(0).getFirewallRules().get(0);
          r.setPortRangeStart(2222);
          r.setPortRangeEnd(2222);
        });
    awaitCondition(name, "Stalled", "True", "UpdateNotApplied");
    assertThat(sim.calls().count("PATCH", ruleRoute)).as("counted before it is sent").isEqualTo(2);
    eventually().pollDelay(java.time.Duration.ofSeconds(2)).until(() -> true);
    assertThat(sim.calls().count("PATCH", ruleRoute)).as("nothing more").isEqualTo(2);
  }

  @Test
  void inlineItemsTakeTheStandaloneKindsFieldsZoneAndFirewallType() {
    String name = unique("fields");
    PBServer s = newObject(name);
    InlineVolume disk = volume("disk", 10);
    disk.setAvailabilityZone(PBVolumeSpec.VolumeZone.ZONE_1);
    s.getSpec().setVolumes(new ArrayList<>(List.of(disk)));
    InlineNic eth0 = nic("eth0", 1);
    eth0.setFirewallType(PBNicSpec.FirewallType.EGRESS);
    s.getSpec().setNics(new ArrayList<>(List.of(eth0)));
    apply(s);
    awaitReady(name);
    PBServerStatus st = get(name).getStatus();
    assertThat(
            volumeInCloud(st.getVolumes().get(0).getId())
                .path("properties")
                .path("availabilityZone")
                .asText())
        .isEqualTo("ZONE_1");
    String nicId = st.getNics().get(0).getId();
    assertThat(nicInCloud(nicId).path("properties").path("firewallType").asText())
        .isEqualTo("EGRESS");

    edit(
        name,
        x -> x.getSpec().getNics().get(0).setFirewallType(PBNicSpec.FirewallType.BIDIRECTIONAL));
    eventually()
        .untilAsserted(
            () ->
                assertThat(nicInCloud(nicId).path("properties").path("firewallType").asText())
                    .isEqualTo("BIDIRECTIONAL"));
    awaitReady(name);

    long writes = writes("/");
    edit(
        name,
        x -> x.getSpec().getVolumes().get(0).setAvailabilityZone(PBVolumeSpec.VolumeZone.ZONE_2));
    awaitCondition(name, "Stalled", "True", "ImmutableFieldChanged");
    assertThat(condition(name, "Ready").getMessage()).contains("volumes[disk].availabilityZone");
    assertThat(writes("/")).isEqualTo(writes);
  }

  @Test
  void twoRulesOfOneInlineNicWithOneNameAreRefused() {
    String name = unique("duprules");
    PBServer s = newObject(name);
    InlineNic eth0 = nic("eth0", 1);
    eth0.setFirewallRules(
        new ArrayList<>(
            List.of(
                rule("ssh", FirewallRuleSpec.Protocol.TCP, 22),
                rule("ssh", FirewallRuleSpec.Protocol.TCP, 2222))));
    s.getSpec().setNics(new ArrayList<>(List.of(eth0)));
    apply(s);
    awaitCondition(name, "Stalled", "True", "InvalidSpec");
    assertThat(condition(name, "Ready").getMessage())
        .isEqualTo("spec.nics[eth0].firewallRules has two rules named ssh; names identify rules");
    assertThat(writes("/")).isZero();
  }

  PBVolume separateVolume(String name, String serverName) {
    PBVolume v = new PBVolume();
    v.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    PBVolumeSpec spec = new PBVolumeSpec();
    spec.setDatacenterId(datacenterId);
    spec.setSize(10);
    spec.setLicenceType(PBVolumeSpec.LicenceType.LINUX);
    if (serverName != null) {
      spec.setServerRef(new LocalRef(serverName));
    }
    v.setSpec(spec);
    return v;
  }

  PBVolume volumeObject(String name) {
    return kube.resources(PBVolume.class).inNamespace(NS).withName(name).get();
  }

  @Test
  void aBootVolumeRefIsAttachedByItsVolumeThenBootedFrom() {
    String name = unique("bootref");
    String os = unique("os");
    PBServer s = newObject(name);
    s.getSpec().setBootVolumeRef(new LocalRef(os));
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("data", 5))));
    apply(s);
    awaitCondition(name, "Ready", "False", "DependencyNotReady");
    assertThat(condition(name, "Ready").getMessage())
        .contains("The boot volume PBVolume " + os + " does not exist yet");
    // a boot volume that does not name the server would be detached again by its PBVolume
    kube.resource(separateVolume(os, null)).create();
    eventually()
        .untilAsserted(
            () ->
                assertThat(condition(name, "Ready").getMessage())
                    .contains("set its spec.serverRef.name to " + name));
    assertThat(sim.calls().count("POST", createRoute())).isZero();

    edit(kube, PBVolume.class, NS, os, v -> v.getSpec().setServerRef(new LocalRef(name)));
    awaitReady(name);
    eventually()
        .untilAsserted(() -> assertThat(get(name).getStatus().getBootVolumeId()).isNotNull());
    eventually()
        .untilAsserted(
            () ->
                assertThat(volumeObject(os).getStatus().getConditions())
                    .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
    String volumeId = volumeObject(os).getStatus().getId();
    String serverId = get(name).getStatus().getId();
    assertThat(get(name).getStatus().getBootVolumeId()).isEqualTo(volumeId);
    assertThat(volumeObject(os).getStatus().getAttachedServerId()).isEqualTo(serverId);
    assertThat(serverJson(serverId).path("properties").path("bootVolume").path("id").asText())
        .isEqualTo(volumeId);
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(1);
    // a composite create takes whole volumes only (facts §13a E11): the PBVolume attaches itself
    // with the attach call, and the server then boots from it
    assertThat(sim.calls().count("POST", createRoute() + "/{serverId}/volumes")).isEqualTo(1);
    assertThat(sim.calls().count("PATCH", itemRoute())).as("the boot PATCH").isEqualTo(1);
    assertThat(
            get(name).getStatus().getVolumes().stream()
                .filter(v -> v.getName().equals("data"))
                .map(PBServerStatus.Item::getId)
                .findFirst())
        .as("the inline volume, NONE in the create, is not the boot volume")
        .isPresent()
        .get()
        .isNotEqualTo(volumeId);
  }

  @Test
  void aBootVolumeRefSetLaterIsBootedOnceItsVolumeAttaches() {
    String name = unique("bootlater");
    String os = unique("os");
    PBServer s = newObject(name);
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("first", 5))));
    apply(s);
    awaitReady(name);
    String first = get(name).getStatus().getVolumes().get(0).getId();
    assertThat(get(name).getStatus().getBootVolumeId())
        .as("the first inline volume")
        .isEqualTo(first);
    kube.resource(separateVolume(os, name)).create();
    edit(name, x -> x.getSpec().setBootVolumeRef(new LocalRef(os)));
    eventually()
        .untilAsserted(
            () ->
                assertThat(get(name).getStatus().getBootVolumeId())
                    .isNotNull()
                    .isEqualTo(
                        volumeObject(os).getStatus() == null
                            ? null
                            : volumeObject(os).getStatus().getId()));
    awaitReady(name);
    assertThat(sim.calls().count("POST", createRoute() + "/{serverId}/volumes"))
        .as("the PBVolume attached itself")
        .isEqualTo(1);
    edit(name, x -> x.getSpec().setBootVolumeRef(null));
    eventually()
        .untilAsserted(() -> assertThat(get(name).getStatus().getBootVolumeId()).isEqualTo(first));
    awaitReady(name);
  }

  @Test
  void aServerWhosePasswordSecretIsGoneIsStillDeletedInTheCloud() {
    kube.resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("server-pw")
                .withNamespace(NS)
                .endMetadata()
                .addToStringData("password", "Secret4Server77")
                .build())
        .create();
    String name = unique("pwgone");
    PBServer s = newObject(name);
    InlineVolume boot = volume("boot", 10);
    boot.setLicenceType(null);
    boot.setImageAlias("ubuntu:latest");
    boot.setImagePasswordSecretRef(new SecretKeyRef("server-pw", "password"));
    s.getSpec().setVolumes(new ArrayList<>(List.of(boot)));
    apply(s);
    awaitReady(name);
    long servers = cloudCount();
    kube.secrets().inNamespace(NS).withName("server-pw").delete();
    eventually().until(() -> kube.secrets().inNamespace(NS).withName("server-pw").get() == null);
    kube.resources(PBServer.class).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(cloudCount()).as("the server left the cloud").isEqualTo(servers - 1);
  }

  @Test
  void anInlineVolumeAlreadyGoneDuringDeleteIsLookedAtAgainNotReportedAsAFailure() {
    String name = unique("stale");
    PBServer s = newObject(name);
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("boot", 10))));
    apply(s);
    awaitReady(name);
    long servers = cloudCount();
    // the cloud says the volume is gone (as when its datacenter went first)
    sim.faults().errors("DELETE", "/datacenters/{datacenterId}/volumes/{volumeId}", 1, 404);
    kube.resources(PBServer.class).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(cloudCount()).isEqualTo(servers - 1);
    assertThat(events(name)).doesNotContain("DeletionFailed");
  }

  @Test
  void aFailedInlineVolumeAdditionKeepsTheServerAndIsRetried() {
    String name = unique("subfail");
    apply(newObject(name));
    awaitReady(name);
    String id = get(name).getStatus().getId();
    sim.faults()
        .failRequests(
            "POST", "/datacenters/{datacenterId}/servers/{serverId}/volumes", 1, "no capacity");
    edit(name, x -> x.getSpec().setVolumes(new ArrayList<>(List.of(volume("extra", 5)))));
    awaitReady(name);
    assertThat(get(name).getStatus().getId()).as("the server's own id stays").isEqualTo(id);
    assertThat(get(name).getStatus().getVolumes())
        .extracting(PBServerStatus.Item::getName)
        .containsExactly("extra");
    assertThat(sim.calls().count("POST", createRoute())).as("no second server").isEqualTo(1);
    assertThat(sim.calls().count("POST", createRoute() + "/{serverId}/volumes"))
        .as("the failed addition, then its retry")
        .isEqualTo(2);
  }

  @Test
  void aServerDeletedWhileItsCreateRunsLeavesNoVolumeBehind() {
    String name = unique("early");
    long volumesBefore = volumesInDatacenter();
    sim.faults().holdRequests(true);
    PBServer s = newObject(name);
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("a", 5), volume("b", 5))));
    apply(s);
    eventually()
        .until(() -> get(name).getStatus() != null && get(name).getStatus().getId() != null);
    assertThat(get(name).getStatus().getVolumes())
        .as("recorded from the create's answer, before the create ran")
        .extracting(PBServerStatus.Item::getName)
        .containsExactlyInAnyOrder("a", "b");
    kube.resource(get(name)).delete();
    sim.faults().releaseRequests();
    eventually().until(() -> get(name) == null);
    assertThat(volumesInDatacenter()).as("no inline volume left").isEqualTo(volumesBefore);
  }

  long volumesInDatacenter() {
    for (var dc : sim.dump().path("datacenters")) {
      if (dc.path("id").asText().equals(datacenterId)) {
        return dc.path("entities").path("volumes").path("items").size();
      }
    }
    return 0;
  }

  @Test
  void aSeparateNicNamedLikeAnInlineNicIsRefusedOnBothSides() {
    String name = unique("clash");
    PBServer s = newObject(name);
    s.getSpec().setNics(new ArrayList<>(List.of(nic("eth0", 1))));
    apply(s);
    awaitReady(name);
    com.profitbricks.operator.api.v1alpha1.PBNic extra =
        new com.profitbricks.operator.api.v1alpha1.PBNic();
    extra.setMetadata(new ObjectMetaBuilder().withName(unique("extra")).withNamespace(NS).build());
    PBNicSpec spec = new PBNicSpec();
    spec.setServerRef(new LocalRef(name));
    spec.setName("eth0");
    spec.setLan(1);
    extra.setSpec(spec);
    long nicPosts = sim.calls().count("POST", createRoute() + "/{serverId}/nics");
    kube.resource(extra).create();
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        kube.resources(com.profitbricks.operator.api.v1alpha1.PBNic.class)
                            .inNamespace(NS)
                            .withName(extra.getMetadata().getName())
                            .get()
                            .getStatus()
                            .condition("Stalled")
                            .map(c -> c.getReason() + " " + c.getMessage())
                            .orElse(""))
                    .startsWith("InvalidSpec")
                    .contains("inline NIC named eth0"));
    assertThat(sim.calls().count("POST", createRoute() + "/{serverId}/nics")).isEqualTo(nicPosts);
    // the server's side: its inline eth0 would be taken for the separate NIC too
    awaitCondition(name, "Stalled", "True", "InvalidSpec");
    assertThat(condition(name, "Stalled").getMessage()).contains("inline NIC named eth0");
    kube.resource(extra).delete();
  }

  String serverId(String name) {
    return get(name).getStatus().getId();
  }

  /** The server DELETEs sent, with their query strings. */
  List<String> serverDeletes() {
    return sim.calls().calls().stream()
        .filter(c -> c.method().equals("DELETE") && c.route().equals(itemRoute()))
        .map(c -> c.query() == null ? "" : c.query())
        .toList();
  }

  PBVolume orphanVolume(String name, String namespace, String cloudName) {
    PBVolume v = separateVolume(name, null);
    v.getMetadata().setNamespace(namespace);
    v.getSpec().setName(cloudName);
    v.getSpec().setDeletionPolicy(com.profitbricks.operator.api.v1alpha1.DeletionPolicy.Orphan);
    return v;
  }

  PBVolume volumeIn(String namespace, String name) {
    return kube.resources(PBVolume.class).inNamespace(namespace).withName(name).get();
  }

  void awaitAttached(String namespace, String name, String server) {
    eventually()
        .untilAsserted(
            () ->
                assertThat(volumeIn(namespace, name).getStatus())
                    .isNotNull()
                    .extracting(s -> s.getAttachedServerId())
                    .isEqualTo(server));
  }

  /** A PBVolume attached to the server, then named by a new inline volume, survives its delete. */
  void anAttachedVolumeNamedLikeAnInlineVolumeSurvives(String namespace, boolean byId) {
    String name = unique("keepvol");
    PBServer s = newObject(name);
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("boot", 10))));
    apply(s);
    awaitReady(name);
    String separate = unique("data");
    PBVolume v = orphanVolume(separate, namespace, "data");
    if (byId) {
      v.getSpec().setServerId(serverId(name));
    } else {
      v.getSpec().setServerRef(new LocalRef(name));
    }
    kube.resource(v).create();
    awaitAttached(namespace, separate, serverId(name));
    String volumeId = volumeIn(namespace, separate).getStatus().getId();
    long volumes = volumesInCloud();
    edit(name, x -> x.getSpec().getVolumes().add(volume("data", 10)));
    awaitCondition(name, "Stalled", "True", "InvalidSpec");
    kube.resources(PBServer.class).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(volumeInCloud(volumeId).path("id").asText())
        .as("the PBVolume's volume is still in the cloud")
        .isEqualTo(volumeId);
    assertThat(volumesInCloud()).as("only the inline boot volume went").isEqualTo(volumes - 1);
    assertThat(serverDeletes()).isNotEmpty().noneMatch(q -> q.contains("deleteVolumes=true"));
    kube.resource(volumeIn(namespace, separate)).delete();
  }

  @Test
  void anOrphanPBVolumeNamedLikeAnInlineVolumeSurvivesTheServersDelete() {
    anAttachedVolumeNamedLikeAnInlineVolumeSurvives(NS, false);
  }

  @Test
  void anOrphanPBVolumeOfAnotherNamespaceNamedLikeAnInlineVolumeSurvivesTheServersDelete() {
    anAttachedVolumeNamedLikeAnInlineVolumeSurvives("other-team", true);
  }

  @Test
  void aVolumeOfTheSameNameAttachedByHandIsNeverChangedNorDeleted() {
    String name = unique("foreign");
    PBServer s = newObject(name);
    s.getSpec().setVolumes(new ArrayList<>(List.of(volume("boot", 10))));
    apply(s);
    awaitReady(name);
    TestClouds console = new TestClouds(sim);
    var made =
        console
            .client
            .servers()
            .createAndAttachVolume(
                datacenterId,
                serverId(name),
                com.profitbricks.client.model.Volume.of(
                    com.profitbricks.client.model.Volume.Properties.blank(
                        "data", 10, "HDD", "LINUX")));
    console
        .client
        .requests()
        .waitForCompletion(
            made.requestId(),
            java.time.Duration.ofSeconds(30),
            java.time.Duration.ofMillis(10),
            10);
    String foreign = made.resource().id();
    long writes = writes("/");
    // a bigger size than the hand-made volume's: a server taking it for its own would grow it
    edit(name, x -> x.getSpec().getVolumes().add(volume("data", 20)));
    eventually()
        .untilAsserted(
            () ->
                assertThat(condition(name, "Ready").getMessage())
                    .contains("volume data (" + foreign + ") attached to server")
                    .contains("is not this server's"));
    assertThat(writes("/")).as("nothing sent for it").isEqualTo(writes);
    assertThat(get(name).getStatus().getVolumes())
        .extracting(PBServerStatus.Item::getId)
        .doesNotContain(foreign);
    kube.resources(PBServer.class).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(volumeInCloud(foreign).path("properties").path("size").asInt())
        .as("still there, unchanged")
        .isEqualTo(10);
    assertThat(serverDeletes()).noneMatch(q -> q.contains("deleteVolumes=true"));
  }

  @Test
  void aQueuedInlineVolumeWhoseAnswerIsLostEndsAsExactlyOneVolume() {
    String name = unique("lostvol");
    apply(newObject(name));
    awaitReady(name);
    String route = createRoute() + "/{serverId}/volumes";
    // the strict reading: a queued create's volume is neither listed nor readable until it ran
    sim.faults().lateVisibility(true).holdRequests(true).dropResponses("POST", route, 1);
    edit(name, x -> x.getSpec().setVolumes(new ArrayList<>(List.of(volume("data", 5)))));
    eventually().until(() -> sim.calls().count("POST", route) == 1);
    // longer than the recovery window (2 s here): the marked create in the log, still queued,
    // means wait
    eventually().pollDelay(java.time.Duration.ofSeconds(4)).until(() -> true);
    assertThat(sim.calls().count("POST", route)).as("not sent again while queued").isEqualTo(1);
    sim.faults().releaseRequests();
    awaitReady(name);
    List<String> onServer = new ArrayList<>();
    serverJson(serverId(name))
        .path("entities")
        .path("volumes")
        .path("items")
        .forEach(v -> onServer.add(v.path("id").asText()));
    assertThat(onServer).as("exactly one volume on the server").hasSize(1);
    assertThat(sim.calls().count("POST", route)).as("never created again").isEqualTo(1);
    assertThat(get(name).getStatus().getVolumes())
        .extracting(PBServerStatus.Item::getId)
        .containsExactly(onServer.get(0));
    assertThat(get(name).getStatus().getPendingCreate()).isNull();
  }

  @Test
  void anInlineNicAndARuleWhoseAnswersAreLostEndAsExactlyOneEach() {
    String name = unique("lostnic");
    apply(newObject(name));
    awaitReady(name);
    String nics = createRoute() + "/{serverId}/nics";
    String rules = nics + "/{nicId}/firewallrules";
    sim.faults().lateVisibility(true).dropResponses("POST", nics, 1);
    edit(name, x -> x.getSpec().setNics(new ArrayList<>(List.of(nic("eth0", 1)))));
    awaitReady(name);
    assertThat(serverJson(serverId(name)).path("entities").path("nics").path("items").size())
        .isEqualTo(1);
    assertThat(sim.calls().count("POST", nics)).isEqualTo(1);
    String nicId = get(name).getStatus().getNics().get(0).getId();
    sim.faults().dropResponses("POST", rules, 1);
    edit(
        name,
        x ->
            x.getSpec()
                .getNics()
                .get(0)
                .setFirewallRules(
                    new ArrayList<>(List.of(rule("ssh", FirewallRuleSpec.Protocol.TCP, 22)))));
    eventually()
        .untilAsserted(
            () ->
                assertThat(get(name).getStatus().getNics().get(0).getFirewallRules())
                    .extracting(NamedId::getName)
                    .containsExactly("ssh"));
    awaitReady(name);
    assertThat(ruleNamesInCloud(nicId)).containsExactly("ssh");
    assertThat(sim.calls().count("POST", rules)).isEqualTo(1);
  }

  @Test
  void aPBVolumeDoesNotAttachToAServerBeingDeleted() {
    String name = unique("dying");
    apply(newObject(name));
    awaitReady(name);
    String serverId = serverId(name);
    String vol = unique("late");
    kube.resource(separateVolume(vol, null)).create();
    eventually()
        .untilAsserted(
            () ->
                assertThat(volumeObject(vol).getStatus())
                    .isNotNull()
                    .extracting(x -> x.getId())
                    .isNotNull());
    // the PBServer stays being deleted (another finalizer) while its server stays in the cloud,
    // not BUSY (paused: orphaned)
    edit(
        name,
        x -> {
          x.getMetadata().getFinalizers().add("example.com/hold");
          annotate(x, "profitbricks.com/paused", "true");
        });
    awaitPaused(name);
    kube.resources(PBServer.class).inNamespace(NS).withName(name).delete();
    eventually()
        .until(
            () ->
                get(name).getMetadata().getDeletionTimestamp() != null
                    && !get(name)
                        .getMetadata()
                        .getFinalizers()
                        .contains("profitbricks.com/finalizer"));
    long attaches = sim.calls().count("POST", createRoute() + "/{serverId}/volumes");
    edit(kube, PBVolume.class, NS, vol, v -> v.getSpec().setServerRef(new LocalRef(name)));
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        volumeObject(vol)
                            .getStatus()
                            .condition("Ready")
                            .map(c -> c.getMessage())
                            .orElse(""))
                    .contains("is being deleted"));
    assertThat(sim.calls().count("POST", createRoute() + "/{serverId}/volumes"))
        .isEqualTo(attaches);
    assertThat(serverJson(serverId).path("entities").path("volumes").path("items").size()).isZero();
    edit(name, x -> x.getMetadata().getFinalizers().remove("example.com/hold"));
    kube.resource(volumeObject(vol)).delete();
  }
}
