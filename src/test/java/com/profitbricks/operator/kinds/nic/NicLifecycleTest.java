package com.profitbricks.operator.kinds.nic;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.operator.LifecycleSuite;
import com.profitbricks.operator.TestClouds;
import com.profitbricks.operator.api.v1alpha1.DeletionPolicy;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.NamedId;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBNicSpec;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class NicLifecycleTest extends LifecycleSuite<PBNic> {
  String datacenterId;
  String serverId;
  String otherServerId;

  @BeforeEach
  void parent() {
    if (datacenterId == null) {
      TestClouds clouds = new TestClouds(embedded.simulator());
      datacenterId = clouds.datacenter("de/fra");
      serverId = clouds.server(datacenterId);
      otherServerId = clouds.server(datacenterId);
      embedded.simulator().calls().reset();
    }
  }

  @Override
  protected Class<PBNic> type() {
    return PBNic.class;
  }

  @Override
  protected PBNic newObject(String name) {
    PBNic n = named(new PBNic(), name);
    PBNicSpec spec = new PBNicSpec();
    spec.setServerId(serverId);
    spec.setLan(1);
    n.setSpec(spec);
    return n;
  }

  @Override
  protected void changeMutable(PBNic r) {
    r.getSpec().setName("changed");
  }

  @Override
  protected String cloudMutable(String id) {
    return nicInCloud(id).path("properties").path("name").asText();
  }

  @Override
  protected void changeImmutable(PBNic r) {
    r.getSpec().setServerId(otherServerId);
  }

  @Override
  protected String createRoute() {
    return "/datacenters/{datacenterId}/servers/{serverId}/nics";
  }

  @Override
  protected String itemRoute() {
    return "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}";
  }

  @Override
  protected long cloudCount() {
    for (var dc : sim.dump().path("datacenters")) {
      for (var s : dc.path("entities").path("servers").path("items")) {
        if (s.path("id").asText().equals(serverId)) {
          return s.path("entities").path("nics").path("items").size();
        }
      }
    }
    return 0;
  }

  @Override
  protected String createInCloud() {
    return new TestClouds(sim).nic(datacenterId, serverId);
  }

  @Test
  void firewallRulesAreCreatedWithTheNicThenPatchedAddedReplacedAndRemoved() {
    String name = unique("fw");
    PBNic n = newObject(name);
    n.getSpec().setFirewallActive(true);
    FirewallRuleSpec ping = rule("ping", FirewallRuleSpec.Protocol.ICMP, null);
    ping.setIcmpType(8);
    ping.setIcmpCode(0);
    n.getSpec()
        .setFirewallRules(
            new java.util.ArrayList<>(
                java.util.List.of(rule("ssh", FirewallRuleSpec.Protocol.TCP, 22), ping)));
    apply(n);
    awaitReady(name);
    String id = get(name).getStatus().getId();
    assertThat(rulesInCloud(id))
        .as(
            sim.calls().counters().toString()
                + io.fabric8.kubernetes.client.utils.Serialization.asYaml(get(name).getStatus()))
        .containsOnlyKeys("ssh", "ping");
    assertThat(get(name).getStatus().getFirewallRules())
        .extracting(NamedId::getName)
        .containsExactlyInAnyOrder("ssh", "ping");
    assertThat(
            sim.calls()
                .count(
                    "POST",
                    "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules"))
        .as("rules go with the NIC's POST")
        .isZero();
    edit(
        name,
        x -> {
          x.getSpec().getFirewallRules().get(0).setPortRangeStart(2222);
          x.getSpec().getFirewallRules().get(0).setPortRangeEnd(2222);
          x.getSpec().getFirewallRules().removeIf(r -> r.getName().equals("ping"));
          x.getSpec().getFirewallRules().add(rule("dns", FirewallRuleSpec.Protocol.UDP, 53));
        });
    eventually()
        .untilAsserted(
            () -> {
              assertThat(rulesInCloud(id)).containsOnlyKeys("ssh", "dns");
              assertThat(
                      rulesInCloud(id)
                          .getOrDefault(
                              "ssh", com.fasterxml.jackson.databind.node.MissingNode.getInstance())
                          .path("portRangeStart")
                          .asInt())
                  .isEqualTo(2222);
            });
    awaitReady(name);
    edit(
        name,
        x ->
            x.getSpec().getFirewallRules().stream()
                .filter(r -> r.getName().equals("dns"))
                .findFirst()
                .orElseThrow()
                .setProtocol(FirewallRuleSpec.Protocol.TCP));
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        rulesInCloud(id)
                            .getOrDefault(
                                "dns",
                                com.fasterxml.jackson.databind.node.MissingNode.getInstance())
                            .path("protocol")
                            .asText())
                    .isEqualTo("TCP"));
    awaitReady(name);
    assertThat(get(name).getStatus().getFirewallRules())
        .extracting(NamedId::getName)
        .containsExactlyInAnyOrder("ssh", "dns");
  }

  /** The test profile's progress deadline is 5 s. */
  @Test
  void aWaitPastTheProgressDeadlineStallsAndStillCompletesWhenTheReferenceComes() {
    String lan = unique("late-lan");
    String nic = unique("late-nic");
    PBNic n = named(new PBNic(), nic);
    PBNicSpec spec = new PBNicSpec();
    spec.setServerId(serverId);
    spec.setLanRef(new LocalRef(lan));
    n.setSpec(spec);
    apply(n);
    awaitCondition(nic, "Reconciling", "True", "DependencyNotReady");
    awaitCondition(nic, "Stalled", "True", "DependencyNotReady");
    assertThat(condition(nic, "Stalled").getMessage())
        .contains("PBLan " + lan)
        .contains("profitbricks.progress-deadline");
    assertThat(sim.calls().count("POST", createRoute())).isZero();
    PBLan l = new PBLan();
    l.setMetadata(new ObjectMetaBuilder().withName(lan).withNamespace(NS).build());
    PBLanSpec ls = new PBLanSpec();
    ls.setDatacenterId(datacenterId);
    l.setSpec(ls);
    kube.resource(l).create();
    awaitReady(nic);
    assertThat(condition(nic, "Stalled").getStatus()).isEqualTo("False");
  }

  @Test
  void aNicAppliedBeforeItsServerAndLanJoinsThemRightAfter() {
    String server = unique("srv");
    String lan = unique("lan");
    String nic = unique("nic");
    PBNic n = named(new PBNic(), nic);
    PBNicSpec spec = new PBNicSpec();
    spec.setServerRef(new LocalRef(server));
    spec.setLanRef(new LocalRef(lan));
    n.setSpec(spec);
    apply(n);
    awaitCondition(nic, "Ready", "False", "DependencyNotReady");
    PBLan l = new PBLan();
    l.setMetadata(new ObjectMetaBuilder().withName(lan).withNamespace(NS).build());
    PBLanSpec ls = new PBLanSpec();
    ls.setDatacenterId(datacenterId);
    ls.setIsPublic(true);
    l.setSpec(ls);
    kube.resource(l).create();
    PBServer s = new PBServer();
    s.setMetadata(new ObjectMetaBuilder().withName(server).withNamespace(NS).build());
    PBServerSpec ss = new PBServerSpec();
    ss.setDatacenterId(datacenterId);
    ss.setCores(1);
    ss.setRam(1024);
    s.setSpec(ss);
    kube.resource(s).create();
    awaitReady(nic);
    String lanNumber =
        kube.resources(PBLan.class).inNamespace(NS).withName(lan).get().getStatus().getId();
    PBNic got = get(nic);
    assertThat(nicInCloud(got.getStatus().getId()).path("properties").path("lan").asText())
        .isEqualTo(lanNumber);
    assertThat(got.getStatus().getMac()).isNotBlank();
    assertThat(got.getStatus().getIps()).isNotEmpty();
    assertThat(got.getStatus().getServerId())
        .isEqualTo(
            kube.resources(PBServer.class)
                .inNamespace(NS)
                .withName(server)
                .get()
                .getStatus()
                .getId());
  }

  PBServer serverObject(String name) {
    PBServer s = new PBServer();
    s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    PBServerSpec ss = new PBServerSpec();
    ss.setDatacenterId(datacenterId);
    ss.setCores(1);
    ss.setRam(1024);
    s.setSpec(ss);
    return s;
  }

  @Test
  void aNicOutlivingItsServerWaitsAndFollowsTheServerCreatedAgain() {
    String server = unique("host");
    String name = unique("follow");
    kube.resource(serverObject(server)).create();
    PBNic n = newObject(name);
    n.getSpec().setServerId(null);
    n.getSpec().setServerRef(new LocalRef(server));
    apply(n);
    awaitReady(name);
    String firstServer = get(name).getStatus().getServerId();

    kube.resources(PBServer.class).inNamespace(NS).withName(server).delete();
    eventually()
        .until(() -> kube.resources(PBServer.class).inNamespace(NS).withName(server).get() == null);
    // while the server object is still being deleted the NIC may first see its cloud server gone
    // ("the parent ... does not exist"); once the object is gone too, it says so (with how long it
    // waited when the server's delete outlasted the test profile's 5 s progress deadline)
    awaitCondition(name, "Ready", "False", "DependencyNotReady");
    eventually()
        .untilAsserted(
            () ->
                assertThat(condition(name, "Ready").getMessage())
                    .startsWith("PBServer " + server + " is gone"));

    kube.resource(serverObject(server)).create();
    eventually()
        .untilAsserted(
            () -> {
              assertThat(get(name).getStatus().getServerId())
                  .as(
                      () ->
                          io.fabric8.kubernetes.client.utils.Serialization.asYaml(get(name))
                              + io.fabric8.kubernetes.client.utils.Serialization.asYaml(
                                  kube.resources(PBServer.class)
                                      .inNamespace(NS)
                                      .withName(server)
                                      .get())
                              + events(name))
                  .isNotEqualTo(firstServer);
              assertThat(condition(name, "Ready").getStatus()).isEqualTo("True");
            });
    String secondServer =
        kube.resources(PBServer.class).inNamespace(NS).withName(server).get().getStatus().getId();
    assertThat(get(name).getStatus().getServerId()).isEqualTo(secondServer);
    assertThat(nicInCloud(get(name).getStatus().getId()).isMissingNode()).isFalse();
    assertThat(events(name)).contains("Vanished");
  }

  @Test
  void aNicWhosePbLanIsGoneIsStillDeletedInTheCloud() {
    String lan = unique("orphanlan");
    PBLan l = new PBLan();
    l.setMetadata(new ObjectMetaBuilder().withName(lan).withNamespace(NS).build());
    PBLanSpec ls = new PBLanSpec();
    ls.setDatacenterId(datacenterId);
    ls.setDeletionPolicy(DeletionPolicy.Orphan);
    l.setSpec(ls);
    kube.resource(l).create();
    String name = unique("lanless");
    PBNic n = newObject(name);
    n.getSpec().setLan(null);
    n.getSpec().setLanRef(new LocalRef(lan));
    apply(n);
    awaitReady(name);
    long nics = cloudCount();
    kube.resources(PBLan.class).inNamespace(NS).withName(lan).delete();
    eventually()
        .until(() -> kube.resources(PBLan.class).inNamespace(NS).withName(lan).get() == null);
    kube.resources(PBNic.class).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(cloudCount()).as("the NIC left the cloud").isEqualTo(nics - 1);
  }

  @Test
  void nicAddressesComeFromAnIpBlock() {
    String block = unique("block");
    String name = unique("fromblock");
    PBNic n = newObject(name);
    n.getSpec().setIpBlockRef(new LocalRef(block));
    n.getSpec().setIndexes(new java.util.ArrayList<>(java.util.List.of(1)));
    apply(n);
    awaitCondition(name, "Ready", "False", "DependencyNotReady");
    assertThat(condition(name, "Ready").getMessage())
        .contains("PBIPBlock " + block + " has no reserved addresses yet");
    assertThat(writes("/datacenters"))
        .as("nothing is created before the addresses are known")
        .isZero();

    PBIPBlock b = new PBIPBlock();
    b.setMetadata(new ObjectMetaBuilder().withName(block).withNamespace(NS).build());
    PBIPBlockSpec bs = new PBIPBlockSpec();
    bs.setLocation("de/fra");
    bs.setSize(3);
    b.setSpec(bs);
    kube.resource(b).create();
    awaitReady(name);
    java.util.List<String> reserved =
        kube.resources(PBIPBlock.class).inNamespace(NS).withName(block).get().getStatus().getIps();
    String id = get(name).getStatus().getId();
    assertThat(nicInCloud(id).path("properties").path("ips").toString())
        .isEqualTo("[\"" + reserved.get(1) + "\"]");
    assertThat(get(name).getStatus().getIps()).containsExactly(reserved.get(1));

    long patches = sim.calls().count("PATCH", itemRoute());
    edit(name, x -> x.getSpec().setIndexes(new java.util.ArrayList<>(java.util.List.of(2, 0))));
    eventually()
        .untilAsserted(
            () ->
                assertThat(get(name).getStatus().getIps())
                    .containsExactly(reserved.get(2), reserved.get(0)));
    awaitReady(name);
    assertThat(sim.calls().count("PATCH", itemRoute())).isEqualTo(patches + 1);

    long writes = writes("/");
    edit(name, x -> x.getSpec().setIndexes(new java.util.ArrayList<>(java.util.List.of(3))));
    awaitCondition(name, "Stalled", "True", "InvalidSpec");
    assertThat(condition(name, "Ready").getMessage())
        .contains("spec.indexes has 3, but the IP block holds 3 address(es): use 0 to 2")
        .contains(block);
    assertThat(writes("/")).as("an index out of range sends nothing").isEqualTo(writes);
  }

  @Test
  void ipsAndAnIpBlockTogetherAreRefusedWithoutACloudCall() {
    String name = unique("both");
    PBNic n = newObject(name);
    n.getSpec().setIps(new java.util.ArrayList<>(java.util.List.of("10.0.0.5")));
    n.getSpec().setIpBlockRef(new LocalRef("some-block"));
    apply(n);
    awaitCondition(name, "Stalled", "True", "InvalidSpec");
    assertThat(condition(name, "Ready").getMessage())
        .isEqualTo("set spec.ips or spec.ipBlockRef, not both");
    assertThat(writes("/")).isZero();
  }

  @Test
  void fixedAddressesDroppedFromTheSpecAreGivenBackToTheCloud() {
    String name = unique("fixed");
    PBNic n = newObject(name);
    n.getSpec().setIps(new java.util.ArrayList<>(java.util.List.of("10.7.7.7")));
    apply(n);
    awaitReady(name);
    String id = get(name).getStatus().getId();
    assertThat(get(name).getStatus().getFixedIps()).containsExactly("10.7.7.7");
    long patches = sim.calls().count("PATCH", itemRoute());
    edit(name, x -> x.getSpec().setIps(null));
    eventually()
        .untilAsserted(
            () ->
                assertThat(nicInCloud(id).path("properties").path("ips").toString())
                    .doesNotContain("10.7.7.7")
                    .contains("."));
    awaitReady(name);
    assertThat(get(name).getStatus().getFixedIps()).isNull();
    assertThat(sim.calls().count("PATCH", itemRoute())).isEqualTo(patches + 1);
  }

  @Test
  void rulesTheSpecDoesNotListAndSameNameDuplicatesAreRemoved() {
    String name = unique("strict");
    PBNic n = newObject(name);
    n.getSpec().setFirewallActive(true);
    n.getSpec()
        .setFirewallRules(
            new java.util.ArrayList<>(
                java.util.List.of(rule("ssh", FirewallRuleSpec.Protocol.TCP, 22))));
    apply(n);
    awaitReady(name);
    String id = get(name).getStatus().getId();
    var clouds = new TestClouds(sim);
    // made in the console: a wider rule with the managed name, and one the spec does not list
    clouds.rule(datacenterId, serverId, id, "ssh", "TCP", null);
    clouds.rule(datacenterId, serverId, id, "console", "ANY", null);
    eventually()
        .atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ruleNamesInCloud(id))
                    .as("only the spec's ssh rule")
                    .containsExactly("ssh"));
    assertThat(rulesInCloud(id).get("ssh").path("portRangeStart").asInt()).isEqualTo(22);
    awaitReady(name);
  }

  @Test
  void aRuleFieldDroppedFromTheSpecIsClearedInOnePatch() {
    String name = unique("widen");
    PBNic n = newObject(name);
    n.getSpec().setFirewallActive(true);
    FirewallRuleSpec ssh = rule("ssh", FirewallRuleSpec.Protocol.TCP, 22);
    ssh.setSourceIp("10.1.1.1");
    n.getSpec().setFirewallRules(new java.util.ArrayList<>(java.util.List.of(ssh)));
    apply(n);
    awaitReady(name);
    String id = get(name).getStatus().getId();
    String rules = "/datacenters/{datacenterId}/servers/{serverId}/nics/{nicId}/firewallrules";
    long posts = sim.calls().count("POST", rules);
    edit(name, x -> x.getSpec().getFirewallRules().get(0).setSourceIp(null));
    eventually()
        .untilAsserted(
            () -> assertThat(rulesInCloud(id).get("ssh").path("sourceIp").isNull()).isTrue());
    awaitReady(name);
    assertThat(sim.calls().count("PATCH", rules + "/{firewallruleId}")).isEqualTo(1);
    assertThat(sim.calls().count("DELETE", rules + "/{firewallruleId}"))
        .as("not replaced")
        .isZero();
    assertThat(sim.calls().count("POST", rules)).isEqualTo(posts);
  }
}
