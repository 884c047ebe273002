package com.profitbricks.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.api.v1alpha1.PBNicSpec;
import java.util.List;
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
    assertThat(Mapping.nicDrift(spec, "obj", 4, List.of("203.0.113.2"), cloud).changed()).isEmpty();
    assertThat(Mapping.nicDrift(spec, "obj", 4, List.of("203.0.113.3"), cloud).changed())
        .containsExactly("ips");
  }
}
