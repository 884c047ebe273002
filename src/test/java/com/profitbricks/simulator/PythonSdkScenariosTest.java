package com.profitbricks.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.RequestFailedException;
import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Image;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.client.model.LoadBalancer;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.RequestState;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import com.profitbricks.testing.SimulatorHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scenarios of the Python SDK README, done with the Java client against the simulator. */
class PythonSdkScenariosTest {
  SimulatorHarness h;
  ProfitBricksClient pb;

  @BeforeEach
  void start() {
    h = new SimulatorHarness();
    pb = h.client;
  }

  @AfterEach
  void stop() {
    h.assertContract();
    h.close();
  }

  String datacenter(String location) {
    Accepted<Datacenter> a =
        pb.datacenters()
            .create(
                Datacenter.of(
                    Datacenter.Properties.create("datacenter1", location, "My New Datacenter")));
    pb.requests().waitForCompletion(a);
    return a.resource().id();
  }

  String image(String location, String alias) {
    return pb.images().list().itemsOrEmpty().stream()
        .filter(
            i ->
                location.equals(i.properties().location())
                    && i.properties().imageAliases().contains(alias))
        .map(Image::id)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void createASimpleDatacenterAndListIt() {
    String dc = datacenter("de/fkb");
    Datacenter got = pb.datacenters().get(dc);
    assertThat(got.properties().name()).isEqualTo("datacenter1");
    assertThat(got.properties().description()).isEqualTo("My New Datacenter");
    assertThat(got.metadata().state()).isEqualTo("AVAILABLE");
    assertThat(pb.datacenters().list().itemsOrEmpty())
        .extracting(Datacenter::id)
        .containsExactly(dc);
  }

  @Test
  void reserveAnIpBlock() {
    Accepted<IpBlock> a =
        pb.ipBlocks().reserve(IpBlock.of(IpBlock.Properties.create(null, "de/fra", 5)));
    assertThat(a.resource().properties().ips())
        .hasSize(5)
        .allMatch(ip -> ip.startsWith("203.0.113.") || ip.startsWith("198.51.100."));
    pb.requests().waitForCompletion(a);
    assertThat(pb.ipBlocks().get(a.resource().id()).metadata().state()).isEqualTo("AVAILABLE");
  }

  @Test
  void createASimpleServer() {
    String dc = datacenter("de/fra");
    Accepted<Server> a =
        pb.servers().create(dc, Server.of(Server.Properties.create("server1", 4, 4096)));
    assertThat(a.resource().properties().vmState()).as("null in the create answer").isNull();
    pb.requests().waitForCompletion(a);
    Server s = pb.servers().get(dc, a.resource().id());
    assertThat(s.properties().vmState()).isEqualTo("RUNNING");
    assertThat(s.properties().cpuFamily()).as("the cloud's choice").isNotBlank();
  }

  @Test
  void createAServerWithTwoVolumesAndTwoNicsInOneRequest() {
    String dc = datacenter("de/fra");
    h.sim.calls().reset();
    Server composite =
        Server.of(
            Server.Properties.create("server1", 4, 4096).withCpuFamily("INTEL_SKYLAKE"),
            new Server.Entities(
                null,
                Collection.of(
                    Volume.of(
                        Volume.Properties.builder()
                            .name("volume1")
                            .size(56.0)
                            .image(image("de/fra", "ubuntu:latest"))
                            .bus("VIRTIO")
                            .sshKeys(List.of("ssh-rsa AAAAB3NzaC1yc2EAAAADAQ"))
                            .imagePassword("s3cr3tpass0rd")
                            .availabilityZone("ZONE_3")
                            // v6 boots from several volumes only by bootOrder (facts §13a E6)
                            .bootOrder("PRIMARY")
                            .build()),
                    Volume.of(
                        Volume.Properties.builder()
                            .name("volume2")
                            .size(56.0)
                            .type("SSD")
                            .bus("VIRTIO")
                            .licenceType("OTHER")
                            .bootOrder("NONE")
                            .build())),
                Collection.of(
                    Nic.of(
                        Nic.Properties.create("nic1", 1, true, List.of("10.2.2.3"))
                            .withFirewall(true, null)),
                    Nic.of(
                        Nic.Properties.create("nic2", 1, true, List.of("10.2.3.4"))
                            .withFirewall(true, null)))));
    Accepted<Server> a = pb.servers().create(dc, composite);
    pb.requests().waitForCompletion(a);
    assertThat(h.sim.calls().count("POST", "*"))
        .as("one request for the whole server")
        .isEqualTo(1);
    Server s = pb.servers().get(dc, a.resource().id(), com.profitbricks.client.Query.depth(3));
    assertThat(s.entities().volumes().itemsOrEmpty())
        .extracting(v -> v.properties().name())
        .containsExactlyInAnyOrder("volume1", "volume2");
    assertThat(s.entities().nics().itemsOrEmpty())
        .extracting(n -> n.properties().ips().get(0))
        .containsExactlyInAnyOrder("10.2.2.3", "10.2.3.4");
    assertThat(s.properties().bootVolume().id())
        .isEqualTo(
            s.entities().volumes().itemsOrEmpty().stream()
                .filter(v -> v.properties().name().equals("volume1"))
                .findFirst()
                .orElseThrow()
                .id());
  }

  @Test
  void createAComplexDatacenterInOneRequest() {
    FirewallRule ssh =
        FirewallRule.of(
            new FirewallRule.Properties(
                "Open SSH port",
                "TCP",
                "01:23:45:67:89:00",
                null,
                null,
                null,
                null,
                22,
                null,
                null));
    FirewallRule ping = FirewallRule.of(FirewallRule.Properties.icmp("Allow PING", null, 8, 0));
    Nic nic1 =
        Nic.of(
            Nic.Properties.create("nic1", 1, true, List.of("10.2.2.3")).withFirewall(true, null),
            List.of(ssh, ping));
    Nic nic2 =
        Nic.of(
            Nic.Properties.create("nic2", 1, true, List.of("10.2.3.4")).withFirewall(true, null),
            List.of(ssh, ping));
    String img = image("de/fkb", "ubuntu:latest");
    Volume volume1 =
        Volume.of(
            Volume.Properties.builder()
                .name("volume1")
                .size(56.0)
                .image(img)
                .bus("VIRTIO")
                .imagePassword("s3cr3tpass0rd")
                .build());
    Volume volume2 =
        Volume.of(
            Volume.Properties.builder()
                .name("volume2")
                .size(56.0)
                .image(img)
                .bus("VIRTIO")
                .imagePassword("s3cr3tpass0rd")
                .build());
    Server server1 =
        Server.of(
            Server.Properties.create("server1", 4, 4096),
            new Server.Entities(null, Collection.of(volume1), Collection.of(nic1, nic2)));
    Datacenter d =
        Datacenter.of(
            Datacenter.Properties.create("datacenter1", "de/fkb", "my DC"),
            new Datacenter.Entities(
                Collection.of(server1),
                Collection.of(volume2),
                Collection.of(LoadBalancer.of(new LoadBalancer.Properties("My LB", null, null))),
                Collection.of(
                    Lan.of(Lan.Properties.create("public Lan 4", true)),
                    Lan.of(Lan.Properties.create("public Lan 4", true)))));
    Accepted<Datacenter> a = pb.datacenters().create(d);
    assertThat(a.resource().entities().servers().itemsOrEmpty()).isNotEmpty();
    assertThat(a.resource().entities().volumes().itemsOrEmpty()).hasSize(2);
    var status = pb.requests().waitForCompletion(a);
    assertThat(status.targets().size()).isGreaterThan(5);
    assertThat(h.sim.calls().count("POST", "*")).isEqualTo(1);
    String dc = a.resource().id();
    assertThat(pb.lans().list(dc).itemsOrEmpty())
        .extracting(l -> l.properties().isPublic())
        .containsExactly(true, true);
    Server s = pb.servers().list(dc).itemsOrEmpty().get(0);
    assertThat(
            pb.firewallRules()
                .list(dc, s.id(), pb.nics().list(dc, s.id()).itemsOrEmpty().get(0).id())
                .itemsOrEmpty())
        .hasSize(2);
    // the README's balanced NIC ids can only exist afterwards: add them now
    String lb = pb.loadBalancers().list(dc).itemsOrEmpty().get(0).id();
    for (Nic n : pb.nics().list(dc, s.id()).itemsOrEmpty()) {
      pb.requests().waitForCompletion(pb.loadBalancers().addBalancedNic(dc, lb, n.id()));
    }
    assertThat(pb.loadBalancers().balancedNics(dc, lb).itemsOrEmpty()).hasSize(2);
  }

  @Test
  void deleteADatacenterDestroysEverythingInIt() {
    String dc = datacenter("de/fra");
    pb.requests()
        .waitForCompletion(
            pb.servers()
                .create(
                    dc,
                    Server.of(
                        Server.Properties.create("s", 1, 1024),
                        new Server.Entities(
                            null,
                            Collection.of(
                                Volume.of(Volume.Properties.blank("v", 10, "HDD", "LINUX"))),
                            Collection.of(Nic.of(Nic.Properties.create("n", 1, null, null)))))));
    assertThat(h.sim.resourceCount()).isEqualTo(5);
    pb.requests().waitForCompletion(pb.datacenters().delete(dc));
    assertThat(h.sim.resourceCount()).isZero();
  }

  @Test
  void updateCoresMemoryAndDisk() {
    String dc = datacenter("de/fra");
    Accepted<Server> s = pb.servers().create(dc, Server.of(Server.Properties.create("s", 4, 4096)));
    Accepted<Volume> v =
        pb.volumes().create(dc, Volume.of(Volume.Properties.blank("data", 50, "HDD", "OTHER")));
    pb.requests().waitForCompletion(v);
    Accepted<Server> patched =
        pb.servers()
            .update(
                dc,
                s.resource().id(),
                new Server.Properties(null, 16, 2048, null, null, null, null, null, null, null));
    assertThat(patched.resource().properties().cores())
        .as("the 202 shows the change")
        .isEqualTo(16);
    pb.requests().waitForCompletion(patched);
    pb.requests()
        .waitForCompletion(
            pb.volumes()
                .update(
                    dc,
                    v.resource().id(),
                    Volume.Properties.patch("Resized storage to 100 GB", 100.0)));
    assertThat(pb.servers().get(dc, s.resource().id()).properties().ram()).isEqualTo(2048);
    Volume resized = pb.volumes().get(dc, v.resource().id());
    assertThat(resized.properties().size()).isEqualTo(100.0);
    assertThat(resized.properties().name()).isEqualTo("Resized storage to 100 GB");
  }

  @Test
  void listServersVolumesAndDatacenters() {
    String dc = datacenter("us/las");
    pb.requests()
        .waitForCompletion(
            pb.servers().create(dc, Server.of(Server.Properties.create("a", 1, 1024))));
    pb.requests()
        .waitForCompletion(
            pb.servers().create(dc, Server.of(Server.Properties.create("b", 1, 1024))));
    pb.requests()
        .waitForCompletion(
            pb.volumes().create(dc, Volume.of(Volume.Properties.blank("v", 10, "HDD", "LINUX"))));
    assertThat(pb.datacenters().list().itemsOrEmpty()).hasSize(1);
    assertThat(pb.servers().list(dc).itemsOrEmpty())
        .extracting(x -> x.properties().name())
        .containsExactly("a", "b");
    assertThat(pb.volumes().list(dc).itemsOrEmpty())
        .extracting(x -> x.properties().name())
        .containsExactly("v");
  }

  @Test
  void addAnAdditionalNicToAnExistingServer() {
    String dc = datacenter("de/fra");
    Accepted<Server> s =
        pb.servers()
            .create(
                dc,
                Server.of(
                    Server.Properties.create("s", 1, 1024),
                    new Server.Entities(
                        null,
                        null,
                        Collection.of(Nic.of(Nic.Properties.create("first", 1, true, null))))));
    pb.requests().waitForCompletion(s);
    Accepted<Nic> n =
        pb.nics()
            .create(
                dc,
                s.resource().id(),
                Nic.of(
                    Nic.Properties.create("nic1", 1, true, List.of("10.2.2.3", "10.2.3.4"))
                        .withFirewall(true, null)));
    pb.requests().waitForCompletion(n);
    assertThat(pb.nics().list(dc, s.resource().id()).itemsOrEmpty()).hasSize(2);
    assertThat(pb.nics().get(dc, s.resource().id(), n.resource().id()).properties().ips())
        .containsExactly("10.2.2.3", "10.2.3.4");
  }

  @Test
  void pollARequestToDoneAndToFailed() {
    Accepted<Datacenter> ok =
        pb.datacenters().create(Datacenter.of(Datacenter.Properties.create("ok", "de/fra", null)));
    assertThat(pb.requests().status(ok.requestId()).state())
        .isIn(RequestState.QUEUED, RequestState.RUNNING, RequestState.DONE);
    assertThat(pb.requests().waitForCompletion(ok).state()).isEqualTo(RequestState.DONE);
    h.sim
        .faults()
        .failRequests("POST", "/datacenters", 1, "The datacenter could not be provisioned");
    Accepted<Datacenter> bad =
        pb.datacenters().create(Datacenter.of(Datacenter.Properties.create("bad", "de/fra", null)));
    assertThatThrownBy(() -> pb.requests().waitForCompletion(bad))
        .isInstanceOfSatisfying(
            RequestFailedException.class,
            e -> assertThat(e.cloudMessage()).isEqualTo("The datacenter could not be provisioned"));
  }
}
