package com.profitbricks.operator;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.simulator.CloudSimulator;

/** Makes cloud resources directly (as a user of the cloud console would), outside the operator. */
public final class TestClouds {
  public final ProfitBricksClient client;

  public TestClouds(CloudSimulator sim) {
    client =
        ProfitBricksClient.builder()
            .baseUrl(sim.baseUrl())
            .credentials(Credentials.basic("console@example.com", "pw"))
            .build();
  }

  public String datacenter(String location) {
    var a =
        client
            .datacenters()
            .create(
                Datacenter.of(Datacenter.Properties.create("console", location, "made by hand")));
    client
        .requests()
        .waitForCompletion(
            a.requestId(), java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(10), 10);
    return a.resource().id();
  }

  public String lan(String datacenterId, String name) {
    var a = client.lans().create(datacenterId, Lan.of(Lan.Properties.create(name, false)));
    client
        .requests()
        .waitForCompletion(
            a.requestId(), java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(10), 10);
    return a.resource().id();
  }

  public String server(String datacenterId) {
    var a =
        client
            .servers()
            .create(
                datacenterId,
                com.profitbricks.client.model.Server.of(
                    com.profitbricks.client.model.Server.Properties.create("console", 1, 1024)));
    client
        .requests()
        .waitForCompletion(
            a.requestId(), java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(10), 10);
    return a.resource().id();
  }

  public String volume(String datacenterId) {
    var a =
        client
            .volumes()
            .create(
                datacenterId,
                com.profitbricks.client.model.Volume.of(
                    com.profitbricks.client.model.Volume.Properties.blank(
                        "console", 10, "HDD", "LINUX")));
    client
        .requests()
        .waitForCompletion(
            a.requestId(), java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(10), 10);
    return a.resource().id();
  }

  public String nic(String datacenterId, String serverId) {
    var a =
        client
            .nics()
            .create(
                datacenterId,
                serverId,
                com.profitbricks.client.model.Nic.of(
                    com.profitbricks.client.model.Nic.Properties.create("console", 1, true, null)));
    client
        .requests()
        .waitForCompletion(
            a.requestId(), java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(10), 10);
    return a.resource().id();
  }

  public String ipBlock(String location, int size) {
    var a =
        client.ipBlocks().reserve(IpBlock.of(IpBlock.Properties.create("console", location, size)));
    client
        .requests()
        .waitForCompletion(
            a.requestId(), java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(10), 10);
    return a.resource().id();
  }

  /** A firewall rule made by hand (as in the console); {@code port} null: any port. */
  public String rule(
      String dc, String server, String nic, String name, String protocol, Integer port) {
    var a =
        client
            .firewallRules()
            .create(
                dc,
                server,
                nic,
                com.profitbricks.client.model.FirewallRule.of(
                    new com.profitbricks.client.model.FirewallRule.Properties(
                        name, protocol, null, null, null, null, null, port, port, null)));
    client
        .requests()
        .waitForCompletion(
            a.requestId(), java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(10), 10);
    return a.resource().id();
  }
}
