package com.profitbricks.operator.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cannot be adopted without a write is held back, and what depends on it names it by id. */
class ExportPlanTest {
  static final String DC = "d0000000-0000-4000-8000-000000000000";
  static final String SERVER = "50000000-0000-4000-8000-000000000000";
  static final String NIC = "40000000-0000-4000-8000-000000000000";

  @TempDir Path tmp;

  /** A server without a name (the operator would name it) with a NIC whose rules share a name. */
  static CloudSnapshot snapshot() {
    FirewallRule r1 =
        new FirewallRule(
            "r1",
            null,
            null,
            null,
            new FirewallRule.Properties("ssh", "TCP", null, null, null, null, null, 22, 22, null));
    FirewallRule r2 =
        new FirewallRule(
            "r2",
            null,
            null,
            null,
            new FirewallRule.Properties("ssh", "TCP", null, null, null, null, null, 23, 23, null));
    Nic nic =
        new Nic(
            NIC,
            null,
            null,
            null,
            new Nic.Properties("eth0", null, List.of("10.0.0.5"), true, 1, true, "INGRESS", 1, 1),
            new Nic.Entities(Collection.of(r1, r2)));
    Nic plain =
        new Nic(
            "41000000-0000-4000-8000-000000000000",
            null,
            null,
            null,
            new Nic.Properties("eth1", null, List.of(), false, 1, null, null, 2, 2),
            null);
    Server server =
        new Server(
            SERVER,
            null,
            null,
            null,
            new Server.Properties("", 1, 1024, "AUTO", "RUNNING", null, null, "INTEL", null, null),
            new Server.Entities(null, null, Collection.of(nic, plain)));
    Datacenter dc =
        new Datacenter(
            DC,
            null,
            null,
            null,
            new Datacenter.Properties("lab", null, "de/fra", 1, null, false, null),
            new Datacenter.Entities(Collection.of(server), null, null, null));
    return new CloudSnapshot(List.of(dc), List.of(), Map.of());
  }

  @Test
  void anUnnamedServerAndRulesOfOneNameAreHeldBackAndTheirDependentsUseIds() throws Exception {
    ExportPlan plan = ExportPlan.of(snapshot(), false);
    Manifest server = plan.servers.get(SERVER);
    Manifest nic = plan.nics.get(NIC);
    Manifest plain = plan.nics.get("41000000-0000-4000-8000-000000000000");

    assertThat(server.heldBack()).isTrue();
    assertThat(String.join(" ", server.blockers)).contains("no name in the cloud");
    assertThat(nic.heldBack()).isTrue();
    assertThat(String.join(" ", nic.blockers)).contains("two firewall rules are named ssh");
    assertThat(plain.heldBack()).isFalse();
    assertThat(plain.spec.path("serverId").asText())
        .as("the PBServer is not applied: a serverRef would wait for it forever")
        .isEqualTo(SERVER);
    assertThat(plain.spec.has("serverRef")).isFalse();
    assertThat(plain.spec.path("lan").asInt()).as("no PBLan for LAN 1 in the cloud").isEqualTo(1);
    assertThat(plain.spec.path("dhcp").asBoolean()).isFalse();
    assertThat(plain.name).isEqualTo("server-eth1");

    List<String> files =
        ExportFolder.write(tmp.resolve("out"), plan.all(), null, ExportReport.text(plan, false));
    assertThat(files)
        .contains("held-back/server-server.yaml", "held-back/nic-server-eth0.yaml")
        .contains("nic-server-eth1.yaml", "datacenter-lab.yaml");
    var k =
        new ObjectMapper(new YAMLFactory())
            .readTree(tmp.resolve("out/kustomization.yaml").toFile());
    assertThat(k.path("resources").toString())
        .contains("nic-server-eth1.yaml")
        .doesNotContain("held-back");
    assertThat(Files.readString(tmp.resolve("out/held-back/server-server.yaml")))
        .startsWith("# Exported from the cloud")
        .contains("# HELD BACK");
    assertThat(Files.readString(tmp.resolve("out/NOTES.md"))).contains("## Held back");
  }

  @Test
  void wrongArgumentsAndMissingCredentialsAreExitCodeTwoWithoutAStackTrace() {
    Map<String, String> creds = Map.of("PROFITBRICKS_TOKEN", "t");
    assertThat(run(new String[] {"--out", "x"}, creds)).contains("2|").contains("--all");
    assertThat(run(new String[] {"--all", "--datacenter", DC, "--out", "x"}, creds)).contains("2|");
    assertThat(run(new String[] {"--datacenter", "nope", "--out", "x"}, creds))
        .contains("2|")
        .contains("not a datacenter id");
    assertThat(run(new String[] {"--all", "--out", "x", "--bogus"}, creds))
        .contains("unknown argument --bogus");
    assertThat(run(new String[] {"--all", "--out", "x"}, Map.of()))
        .contains("2|")
        .contains("PROFITBRICKS_USERNAME");
    assertThat(run(new String[] {"--all", "--out", "x", "--namespace", "Bad_NS"}, creds))
        .contains("2|");
    assertThat(run(new String[] {"--help"}, Map.of())).startsWith("0|").contains("Usage:");
  }

  /** "code|stdout stderr" of one in-process run. */
  private static String run(String[] args, Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        ExportMain.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\tat ").doesNotContain("Exception");
    return code + "|" + text;
  }
}
