package com.profitbricks.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.LabelApi;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.Query;
import com.profitbricks.client.RequestFilter;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Image;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.client.model.LoadBalancer;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Snapshot;
import com.profitbricks.client.model.Volume;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.SimulatorHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Sends every request the client can send to the simulator and validates each request body and each
 * answer against the official OpenAPI description. Writes the covered operations, one {@code METHOD
 * /path/template} per line as the description spells it, to {@code
 * target/contract/client-operations.txt}. Skipped when the description is absent.
 */
class ClientContractTest {

  @Test
  void everyClientOperationValidatesAgainstTheOfficialDescription() throws IOException {
    assumeThat(OpenApiContract.load())
        .as(
            "the OpenAPI description is not at "
                + OpenApiContract.specPath().toAbsolutePath()
                + "; contract test skipped")
        .isNotNull();
    try (SimulatorHarness h = new SimulatorHarness(SimConfig.builder().build())) {
      exerciseEverything(h.client);
      h.assertContract();
      Set<String> covered = h.recorder.covered();
      Path out = Path.of("target", "contract", "client-operations.txt");
      Files.createDirectories(out.getParent());
      Files.write(out, covered);
      assertThat(covered).hasSizeGreaterThanOrEqualTo(60);
      for (String op : covered) {
        String[] parts = op.split(" ", 2);
        assertThat(OpenApiContract.load().find(parts[0], parts[1].replaceAll("\\{[^}]+}", "x")))
            .as(op)
            .isNotNull();
      }
    }
  }

  /** Calls every client method once, in an order that makes each call meaningful. */
  static void exerciseEverything(ProfitBricksClient pb) {
    assertThat(pb.info().version()).isEqualTo("6.0");
    assertThat(pb.contracts().list().itemsOrEmpty()).hasSize(1);
    assertThat(pb.locations().list().itemsOrEmpty())
        .extracting(l -> l.id())
        .contains("de/fra", "us/las");
    assertThat(pb.locations().listRegion("de").itemsOrEmpty()).isNotEmpty();
    assertThat(pb.locations().get("de/fra").properties().imageAliases()).contains("ubuntu:latest");
    List<Image> images = pb.images().list().itemsOrEmpty();
    Image cdrom =
        images.stream()
            .filter(
                i ->
                    "CDROM".equals(i.properties().imageType())
                        && "de/fra".equals(i.properties().location()))
            .findFirst()
            .orElseThrow();
    assertThat(pb.images().get(cdrom.id()).properties().isPublic()).isTrue();
    // public images cannot be changed: the three image writes answer 403, still validated
    Assertions.assertThatThrownBy(() -> pb.images().update(cdrom.id(), null))
        .isInstanceOf(CloudApiException.class);
    Assertions.assertThatThrownBy(() -> pb.images().replace(cdrom.id(), cdrom.properties()))
        .isInstanceOf(CloudApiException.class);
    Assertions.assertThatThrownBy(() -> pb.images().delete(cdrom.id()))
        .isInstanceOf(CloudApiException.class);

    Accepted<Datacenter> dcA =
        pb.datacenters()
            .create(
                Datacenter.of(
                    Datacenter.Properties.create("contract", "de/fra", "every operation")));
    String dc = dcA.resource().id();
    pb.requests().waitForCompletion(dcA);
    assertThat(pb.datacenters().list().itemsOrEmpty()).extracting(Datacenter::id).contains(dc);
    assertThat(pb.datacenters().get(dc).properties().location()).isEqualTo("de/fra");
    pb.requests()
        .waitForCompletion(
            pb.datacenters()
                .update(
                    dc, new Datacenter.Properties(null, "patched", null, null, null, null, null)));
    pb.requests()
        .waitForCompletion(
            pb.datacenters()
                .replace(dc, Datacenter.Properties.create("contract", "de/fra", "replaced")));

    Accepted<Server> srvA =
        pb.servers()
            .create(
                dc,
                Server.of(
                    Server.Properties.create("web", 2, 2048),
                    new Server.Entities(
                        null,
                        com.profitbricks.client.model.Collection.of(
                            Volume.of(
                                Volume.Properties.fromImageAlias(
                                    "boot", 10, "ubuntu:latest", "Secret1234", null))),
                        com.profitbricks.client.model.Collection.of(
                            Nic.of(
                                Nic.Properties.create("nic0", 1, true, null),
                                List.of(
                                    FirewallRule.of(
                                        FirewallRule.Properties.tcp("ssh", null, 22, 22))))))));
    String srv = srvA.resource().id();
    pb.requests().waitForCompletion(srvA);
    assertThat(pb.servers().list(dc).itemsOrEmpty()).hasSize(1);
    assertThat(pb.servers().get(dc, srv).properties().vmState()).isEqualTo("RUNNING");
    pb.requests()
        .waitForCompletion(
            pb.servers()
                .update(
                    dc,
                    srv,
                    new Server.Properties(
                        null, 4, 4096, null, null, null, null, null, null, null)));
    pb.requests()
        .waitForCompletion(pb.servers().replace(dc, srv, Server.Properties.create("web", 4, 4096)));
    pb.requests().waitForCompletion(pb.servers().stop(dc, srv));
    pb.requests().waitForCompletion(pb.servers().start(dc, srv));
    pb.requests().waitForCompletion(pb.servers().reboot(dc, srv));

    Accepted<Volume> volA =
        pb.volumes().create(dc, Volume.of(Volume.Properties.blank("data", 20, "HDD", "OTHER")));
    String vol = volA.resource().id();
    pb.requests().waitForCompletion(volA);
    assertThat(pb.volumes().list(dc).itemsOrEmpty()).hasSize(2);
    assertThat(pb.volumes().get(dc, vol).properties().size()).isEqualTo(20.0);
    pb.requests()
        .waitForCompletion(pb.volumes().update(dc, vol, Volume.Properties.patch(null, 30.0)));
    pb.requests()
        .waitForCompletion(
            pb.volumes().replace(dc, vol, Volume.Properties.blank("data", 30, "HDD", "OTHER")));
    pb.requests().waitForCompletion(pb.servers().attachVolume(dc, srv, vol));
    assertThat(pb.servers().attachedVolumes(dc, srv).itemsOrEmpty()).hasSize(2);
    assertThat(pb.servers().attachedVolume(dc, srv, vol).properties().deviceNumber()).isNotNull();
    Accepted<Snapshot> snapA = pb.volumes().createSnapshot(dc, vol, "snap", "before resize");
    String snap = snapA.resource().id();
    pb.requests().waitForCompletion(snapA);
    assertThat(pb.snapshots().list().itemsOrEmpty()).extracting(Snapshot::id).contains(snap);
    assertThat(pb.snapshots().get(snap).properties().size()).isEqualTo(30.0);
    pb.requests()
        .waitForCompletion(pb.snapshots().update(snap, Snapshot.Properties.rename("snap2", null)));
    pb.requests()
        .waitForCompletion(
            pb.snapshots().replace(snap, Snapshot.Properties.rename("snap3", "replaced")));
    pb.requests().waitForCompletion(pb.volumes().restoreSnapshot(dc, vol, snap));
    pb.requests().waitForCompletion(pb.servers().detachVolume(dc, srv, vol));

    pb.requests().waitForCompletion(pb.servers().attachCdrom(dc, srv, cdrom.id()));
    assertThat(pb.servers().attachedCdroms(dc, srv).itemsOrEmpty()).hasSize(1);
    assertThat(pb.servers().attachedCdrom(dc, srv, cdrom.id()).id()).isEqualTo(cdrom.id());
    pb.requests().waitForCompletion(pb.servers().detachCdrom(dc, srv, cdrom.id()));

    Accepted<Lan> lanA = pb.lans().create(dc, Lan.of(Lan.Properties.create("public", true)));
    String lan = lanA.resource().id();
    pb.requests().waitForCompletion(lanA);
    assertThat(pb.lans().list(dc).itemsOrEmpty()).hasSize(2);
    assertThat(pb.lans().get(dc, lan).properties().isPublic()).isTrue();
    pb.requests()
        .waitForCompletion(pb.lans().update(dc, lan, Lan.Properties.create("renamed", null)));
    pb.requests()
        .waitForCompletion(pb.lans().replace(dc, lan, Lan.Properties.create("replaced", true)));

    Accepted<Nic> nicA =
        pb.nics()
            .create(
                dc, srv, Nic.of(Nic.Properties.create("nic1", Integer.parseInt(lan), true, null)));
    String nic = nicA.resource().id();
    pb.requests().waitForCompletion(nicA);
    assertThat(pb.nics().list(dc, srv).itemsOrEmpty()).hasSize(2);
    assertThat(pb.nics().get(dc, srv, nic).properties().mac()).isNotBlank();
    pb.requests()
        .waitForCompletion(
            pb.nics()
                .update(
                    dc,
                    srv,
                    nic,
                    new Nic.Properties("nic1b", null, null, null, null, true, null, null, null)));
    pb.requests()
        .waitForCompletion(
            pb.nics()
                .replace(
                    dc,
                    srv,
                    nic,
                    Nic.Properties.create("nic1c", Integer.parseInt(lan), true, null)));
    assertThat(pb.lans().members(dc, lan).itemsOrEmpty()).extracting(Nic::id).contains(nic);
    assertThat(pb.lans().member(dc, lan, nic).id()).isEqualTo(nic);
    String nic0 =
        pb.nics().list(dc, srv).itemsOrEmpty().stream()
            .map(Nic::id)
            .filter(id -> !id.equals(nic))
            .findFirst()
            .orElseThrow();
    pb.requests().waitForCompletion(pb.lans().addMember(dc, lan, nic0));

    Accepted<FirewallRule> ruleA =
        pb.firewallRules()
            .create(
                dc, srv, nic, FirewallRule.of(FirewallRule.Properties.icmp("ping", null, 8, 0)));
    String rule = ruleA.resource().id();
    pb.requests().waitForCompletion(ruleA);
    assertThat(pb.firewallRules().list(dc, srv, nic).itemsOrEmpty()).hasSize(1);
    assertThat(pb.firewallRules().get(dc, srv, nic, rule).properties().protocol())
        .isEqualTo("ICMP");
    pb.requests()
        .waitForCompletion(
            pb.firewallRules()
                .update(
                    dc,
                    srv,
                    nic,
                    rule,
                    new FirewallRule.Properties(
                        "ping2", null, null, null, null, null, null, null, null, null)));
    pb.requests()
        .waitForCompletion(
            pb.firewallRules()
                .replace(
                    dc,
                    srv,
                    nic,
                    rule,
                    FirewallRule.Properties.icmp("ping3", "203.0.113.9", 8, 0)));
    pb.requests().waitForCompletion(pb.firewallRules().delete(dc, srv, nic, rule));

    Accepted<LoadBalancer> lbA =
        pb.loadBalancers()
            .create(dc, LoadBalancer.of(new LoadBalancer.Properties("lb", null, true)));
    String lb = lbA.resource().id();
    pb.requests().waitForCompletion(lbA);
    assertThat(pb.loadBalancers().list(dc).itemsOrEmpty()).hasSize(1);
    assertThat(pb.loadBalancers().get(dc, lb).properties().ip()).isNotNull();
    pb.requests()
        .waitForCompletion(
            pb.loadBalancers().update(dc, lb, new LoadBalancer.Properties("lb2", null, null)));
    pb.requests()
        .waitForCompletion(
            pb.loadBalancers().replace(dc, lb, new LoadBalancer.Properties("lb3", null, true)));
    pb.requests().waitForCompletion(pb.loadBalancers().addBalancedNic(dc, lb, nic));
    assertThat(pb.loadBalancers().balancedNics(dc, lb).itemsOrEmpty()).hasSize(1);
    assertThat(pb.loadBalancers().balancedNic(dc, lb, nic).id()).isEqualTo(nic);
    pb.requests().waitForCompletion(pb.loadBalancers().removeBalancedNic(dc, lb, nic));
    pb.requests().waitForCompletion(pb.loadBalancers().delete(dc, lb));

    Accepted<IpBlock> ipA =
        pb.ipBlocks().reserve(IpBlock.of(IpBlock.Properties.create("ips", "de/fra", 2)));
    String ip = ipA.resource().id();
    assertThat(ipA.resource().properties().ips()).hasSize(2);
    pb.requests().waitForCompletion(ipA);
    assertThat(pb.ipBlocks().list().itemsOrEmpty()).hasSize(1);
    assertThat(pb.ipBlocks().get(ip).properties().size()).isEqualTo(2);
    pb.requests().waitForCompletion(pb.ipBlocks().update(ip, IpBlock.Properties.rename("ips2")));
    pb.requests()
        .waitForCompletion(
            pb.ipBlocks().replace(ip, new IpBlock.Properties(null, "de/fra", 2, "ips3", null)));

    for (LabelApi.Owner owner :
        List.of(
            LabelApi.datacenter(dc),
            LabelApi.server(dc, srv),
            LabelApi.volume(dc, vol),
            LabelApi.snapshot(snap),
            LabelApi.ipBlock(ip))) {
      pb.labels().create(owner, "owner", "uid-1");
      assertThat(pb.labels().list(owner).itemsOrEmpty()).hasSize(1);
      assertThat(pb.labels().get(owner, "owner").properties().value()).isEqualTo("uid-1");
      assertThat(pb.labels().put(owner, "owner", "uid-2").properties().value()).isEqualTo("uid-2");
      pb.labels().delete(owner, "owner");
    }

    assertThat(pb.requests().list().itemsOrEmpty()).isNotEmpty();
    String anyRequest = dcA.requestId();
    assertThat(pb.requests().get(anyRequest).properties().method()).isEqualTo("POST");
    assertThat(
            pb.requests()
                .list(RequestFilter.create().method("DELETE").query(Query.depth(1)))
                .itemsOrEmpty())
        .allMatch(r -> r.properties().method().equals("DELETE"));

    pb.requests().waitForCompletion(pb.ipBlocks().release(ip));
    pb.requests().waitForCompletion(pb.snapshots().delete(snap));
    pb.requests().waitForCompletion(pb.nics().delete(dc, srv, nic));
    pb.requests().waitForCompletion(pb.volumes().delete(dc, vol));
    pb.requests().waitForCompletion(pb.servers().delete(dc, srv));
    pb.requests().waitForCompletion(pb.lans().delete(dc, lan));
    pb.requests().waitForCompletion(pb.datacenters().delete(dc));
    Assertions.assertThatThrownBy(() -> pb.datacenters().get(dc))
        .isInstanceOf(CloudApiException.NotFoundException.class);
  }
}
