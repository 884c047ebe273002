package com.profitbricks.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.api.v1alpha1.PBNicSpec;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec → body and spec ↔ cloud drift, per kind, as tables. */
class MappingTest {
  static PBDatacenterSpec dc(String name, String description, String location, Boolean sec) {
    PBDatacenterSpec s = new PBDatacenterSpec();
    s.setName(name);
    s.setDescription(description);
    s.setLocation(location);
    s.setSecAuthProtection(sec);
    return s;
  }

  static Datacenter.Properties cloudDc(
      String name, String description, String location, Boolean sec) {
    return new Datacenter.Properties(name, description, location, 3, List.of("SSD"), sec, null);
  }

  record DcCase(
      String name,
      PBDatacenterSpec spec,
      Datacenter.Properties cloud,
      List<String> changed,
      List<String> immutable) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<DcCase> datacenters() {
    return List.of(
        new DcCase(
            "in sync",
            dc(null, "d", "de/fra", null),
            cloudDc("obj", "d", "de/fra", false),
            List.of(),
            List.of()),
        new DcCase(
            "name defaults to the object's",
            dc(null, null, "de/fra", null),
            cloudDc("other", null, "de/fra", false),
            List.of("name"),
            List.of()),
        new DcCase(
            "unset description is not managed",
            dc("obj", null, "de/fra", null),
            cloudDc("obj", "set in console", "de/fra", true),
            List.of(),
            List.of()),
        new DcCase(
            "description drift",
            dc("obj", "want", "de/fra", null),
            cloudDc("obj", "console", "de/fra", false),
            List.of("description"),
            List.of()),
        new DcCase(
            "secAuthProtection drift",
            dc("obj", null, "de/fra", true),
            cloudDc("obj", null, "de/fra", false),
            List.of("secAuthProtection"),
            List.of()),
        new DcCase(
            "location is immutable",
            dc("obj", null, "us/las", null),
            cloudDc("obj", null, "de/fra", false),
            List.of(),
            List.of("location (spec us/las, cloud de/fra)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datacenters")
  void datacenterDrift(DcCase c) {
    Drift<Datacenter.Properties> d = Mapping.datacenterDrift(c.spec(), "obj", c.cloud());
    assertThat(d.changed()).isEqualTo(c.changed());
    assertThat(d.immutable()).isEqualTo(c.immutable());
    assertThat(d.patch() == null).isEqualTo(c.changed().isEmpty());
    if (d.patch() != null) {
      assertThat(d.patch().location()).as("an immutable field is never patched").isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datacenters")
  void datacenterBodyCarriesTheSpec(DcCase c) {
    Datacenter.Properties body = Mapping.datacenter(c.spec(), "obj");
    assertThat(body.name()).isEqualTo(c.spec().getName() == null ? "obj" : c.spec().getName());
    assertThat(body.location()).isEqualTo(c.spec().getLocation());
    assertThat(body.version()).as("read-only fields are not sent").isNull();
  }

  record LanCase(
      String name,
      String specName,
      Boolean specPublic,
      String cloudName,
      Boolean cloudPublic,
      List<String> changed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<LanCase> lans() {
    return List.of(
        new LanCase("in sync", "l", true, "l", true, List.of()),
        new LanCase("public unset means private", "l", null, "l", false, List.of()),
        new LanCase("cloud null public is private", "l", false, "l", null, List.of()),
        new LanCase("made public", "l", true, "l", false, List.of("public")),
        new LanCase("renamed in console", null, null, "console", false, List.of("name")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lans")
  void lanDrift(LanCase c) {
    PBLanSpec spec = new PBLanSpec();
    spec.setName(c.specName());
    spec.setIsPublic(c.specPublic());
    Drift<Lan.Properties> d =
        Mapping.lanDrift(spec, "obj", Lan.Properties.create(c.cloudName(), c.cloudPublic()));
    assertThat(d.changed()).isEqualTo(c.changed());
    assertThat(d.immutable()).isEmpty();
  }

  record IpCase(
      String name,
      String location,
      int size,
      String specName,
      IpBlock.Properties cloud,
      List<String> changed,
      int immutable) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<IpCase> ipBlocks() {
    return List.of(
        new IpCase(
            "in sync",
            "de/fra",
            2,
            null,
            new IpBlock.Properties(List.of("a", "b"), "de/fra", 2, "obj", null),
            List.of(),
            0),
        new IpCase(
            "renamed",
            "de/fra",
            2,
            "new",
            new IpBlock.Properties(List.of("a", "b"), "de/fra", 2, "obj", null),
            List.of("name"),
            0),
        new IpCase(
            "resized",
            "de/fra",
            4,
            null,
            new IpBlock.Properties(List.of("a", "b"), "de/fra", 2, "obj", null),
            List.of(),
            1),
        new IpCase(
            "moved and resized",
            "de/txl",
            4,
            null,
            new IpBlock.Properties(List.of("a", "b"), "de/fra", 2, "obj", null),
            List.of(),
            2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ipBlocks")
  void ipBlockDrift(IpCase c) {
    PBIPBlockSpec spec = new PBIPBlockSpec();
    spec.setLocation(c.location());
    spec.setSize(c.size());
    spec.setName(c.specName());
    Drift<IpBlock.Properties> d = Mapping.ipBlockDrift(spec, "obj", c.cloud());
    assertThat(d.changed()).isEqualTo(c.changed());
    assertThat(d.immutable()).hasSize(c.immutable());
    if (d.patch() != null) {
      assertThat(d.patch().size()).isNull();
      assertThat(d.patch().location()).isNull();
    }
  }

  // ---------------------------------------------------------------- NIC addresses from an IP block

  record BlockCase(String name, List<Integer> indexes, List<String> picked, String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<String> BLOCK = List.of("203.0.113.1", "203.0.113.2", "203.0.113.3");

  static List<BlockCase> blockPicks() {
    return List.of(
        new BlockCase("no indexes: the first address", null, List.of("203.0.113.1"), null),
        new BlockCase("empty indexes: the first address", List.of(), List.of("203.0.113.1"), null),
        new BlockCase(
            "indexes in the order given",
            List.of(2, 0),
            List.of("203.0.113.3", "203.0.113.1"),
            null),
        new BlockCase(
            "index past the end",
            List.of(3),
            null,
            "spec.indexes has 3, but the IP block holds 3 address(es): use 0 to 2"),
        new BlockCase("negative index", List.of(-1), null, "spec.indexes has -1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blockPicks")
  void nicAddressesFromAnIpBlock(BlockCase c) {
    if (c.error() == null) {
      assertThat(Mapping.blockAddresses(BLOCK, c.indexes())).isEqualTo(c.picked());
    } else {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Mapping.blockAddresses(BLOCK, c.indexes()))
          .withMessageContaining(c.error());
    }
  }

  @Test
  void aNicBodyCarriesTheResolvedAddressesAndLan() {
    PBNicSpec spec = new PBNicSpec();
    spec.setIps(List.of("10.0.0.9")); // ignored: the caller resolved the addresses
    var body = Mapping.nic(spec, "obj", 4, List.of("203.0.113.2"));
    assertThat(body.ips()).containsExactly("203.0.113.2");
    assertThat(body.lan()).isEqualTo(4);
    assertThat(body.name()).isEqualTo("obj");
    assertThat(body.dhcp()).isTrue();
    var cloud = body;
    assertThat(Mapping.nicDrift(spec, "obj", 4, List.of("203.0.113.2"), null, cloud).changed())
        .isEmpty();
    assertThat(Mapping.nicDrift(spec, "obj", 4, List.of("203.0.113.3"), null, cloud).changed())
        .containsExactly("ips");
  }

  record NicIpsCase(
      String name,
      List<String> spec,
      List<String> applied,
      List<String> cloud,
      List<String> patch) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<NicIpsCase> nicIpsCases() {
    return Stream.of(
        new NicIpsCase(
            "same set, other order",
            List.of("10.0.0.1", "10.0.0.2"),
            null,
            List.of("10.0.0.2", "10.0.0.1"),
            null),
        new NicIpsCase(
            "another address", List.of("10.0.0.1"), null, List.of("10.0.0.2"), List.of("10.0.0.1")),
        new NicIpsCase("never fixed: the cloud's are kept", null, null, List.of("10.0.0.7"), null),
        new NicIpsCase(
            "fixed ones dropped: given back with []",
            null,
            List.of("10.0.0.1"),
            List.of("10.0.0.1"),
            List.of()),
        new NicIpsCase(
            "dropped and already given back",
            List.of(),
            List.of("10.0.0.1"),
            List.of("10.0.0.9"),
            null));
  }

  @ParameterizedTest
  @MethodSource("nicIpsCases")
  void nicAddressesCompareAsSetsAndDroppedOnesAreGivenBack(NicIpsCase c) {
    InlineNic n = new InlineNic();
    n.setName("n");
    n.setLan(1);
    n.setIps(c.spec());
    Nic.Properties cloud =
        new Nic.Properties("n", null, c.cloud(), true, 1, null, null, null, null);
    var d = Mapping.inlineNicDrift(n, c.applied(), cloud);
    assertThat(d.patch() == null ? null : d.patch().ips()).isEqualTo(c.patch());
  }

  @Test
  void fixedAddressesAreRememberedUntilTheCloudHoldsNoneOfThem() {
    List<String> a = List.of("10.0.0.1");
    assertThat(Mapping.fixedIps(a, null, List.of())).isEqualTo(a);
    assertThat(Mapping.fixedIps(null, a, List.of("10.0.0.1"))).isEqualTo(a);
    assertThat(Mapping.fixedIps(List.of(), a, List.of("10.0.0.5"))).isNull();
    assertThat(Mapping.fixedIps(null, null, List.of("10.0.0.1"))).isNull();
  }

  @Test
  void anAliasVolumeIsComparedWithTheAliasItWasCreatedFromNeverWithTheRead() {
    PBVolumeSpec spec = new PBVolumeSpec();
    spec.setSize(10);
    spec.setImageAlias("ubuntu:latest");
    spec.setType(PBVolumeSpec.VolumeType.SSD);
    // what a real read shows: the resolved image id, no alias, SSD as SSD Premium (E1, E5)
    Volume.Properties cloud =
        Volume.Properties.builder()
            .name("v")
            .size(10.0)
            .type("SSD Premium")
            .image("6e3e2b3c-image-id")
            .availabilityZone("AUTO")
            .build();
    assertThat(Mapping.volumeDrift(spec, "v", "ubuntu:latest", cloud).immutable()).isEmpty();
    assertThat(Mapping.volumeDrift(spec, "v", null, cloud).immutable()).isEmpty();
    spec.setImageAlias("debian:latest");
    assertThat(Mapping.volumeDrift(spec, "v", "ubuntu:latest", cloud).immutable())
        .containsExactly("imageAlias (spec debian:latest, created from ubuntu:latest)");
    spec.setImageAlias(null);
    spec.setImage("other-image");
    assertThat(Mapping.volumeDrift(spec, "v", null, cloud).immutable())
        .containsExactly("image (spec other-image, cloud 6e3e2b3c-image-id)");
  }

  @Test
  void publicImagesNeedAGigabyteOfRam() {
    assertThat(Mapping.hotPlugRam(512, Stream.of("ubuntu:latest")))
        .contains("spec.ram is 512 MiB")
        .contains("set spec.ram to 1024 or more");
    assertThat(Mapping.hotPlugRam(1024, Stream.of("ubuntu:latest"))).isNull();
    assertThat(Mapping.hotPlugRam(512, Stream.of((String) null))).isNull();
  }

  record PrivilegeCase(String method, String url, String hint) {}

  static Stream<PrivilegeCase> privilegeCases() {
    String base = "https://api.ionos.com/cloudapi/v6";
    return Stream.of(
        new PrivilegeCase("POST", base + "/datacenters", "createDataCenter"),
        new PrivilegeCase("POST", base + "/ipblocks", "reserveIp"),
        new PrivilegeCase(
            "POST", base + "/datacenters/dc-1/servers", "edit rights on datacenter dc-1"),
        new PrivilegeCase("DELETE", base + "/ipblocks/ip-1?x=1", "edit rights on IP block ip-1"),
        new PrivilegeCase(
            "GET", base + "/datacenters/dc-2?depth=8", "read access to datacenter dc-2"));
  }

  @ParameterizedTest
  @MethodSource("privilegeCases")
  void aRefusalFor403NamesTheLikelyMissingPrivilege(PrivilegeCase c) {
    assertThat(Privileges.hint(c.method(), c.url())).contains(c.hint());
  }

  @Test
  void aRuleFieldTheSpecDropsIsClearedWithANullNotByReplacingTheRule() {
    FirewallRuleSpec r = new FirewallRuleSpec();
    r.setName("ssh");
    r.setProtocol(FirewallRuleSpec.Protocol.TCP);
    r.setPortRangeStart(22);
    r.setPortRangeEnd(22);
    FirewallRule.Properties cloud =
        new FirewallRule.Properties(
            "ssh", "TCP", null, "10.1.1.1", null, null, null, 22, 22, "INGRESS");
    var d = Mapping.ruleDrift(r, cloud);
    assertThat(d.immutable()).isEmpty();
    assertThat(d.changed()).containsExactly("sourceIp (any)");
    assertThat(d.patch().clear()).containsExactly("sourceIp");
    r.setProtocol(FirewallRuleSpec.Protocol.UDP);
    assertThat(Mapping.ruleDrift(r, cloud).immutable())
        .as("only another protocol needs a new rule")
        .containsExactly("protocol (spec UDP, cloud TCP)");
  }
}
