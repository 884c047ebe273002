package com.profitbricks.operator.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Volumes, NICs and firewall rules as the cloud has them: drift cases. */
class DeviceMappingTest {
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
    var d = DeviceMapping.inlineNicDrift(n, c.applied(), cloud);
    assertThat(d.patch() == null ? null : d.patch().ips()).isEqualTo(c.patch());
  }

  @Test
  void fixedAddressesAreRememberedUntilTheCloudHoldsNoneOfThem() {
    List<String> a = List.of("10.0.0.1");
    assertThat(DeviceMapping.fixedIps(a, null, List.of())).isEqualTo(a);
    assertThat(DeviceMapping.fixedIps(null, a, List.of("10.0.0.1"))).isEqualTo(a);
    assertThat(DeviceMapping.fixedIps(List.of(), a, List.of("10.0.0.5"))).isNull();
    assertThat(DeviceMapping.fixedIps(null, null, List.of("10.0.0.1"))).isNull();
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
    assertThat(DeviceMapping.volumeDrift(spec, "v", "ubuntu:latest", cloud).immutable()).isEmpty();
    assertThat(DeviceMapping.volumeDrift(spec, "v", null, cloud).immutable()).isEmpty();
    spec.setImageAlias("debian:latest");
    assertThat(DeviceMapping.volumeDrift(spec, "v", "ubuntu:latest", cloud).immutable())
        .containsExactly("imageAlias (spec debian:latest, created from ubuntu:latest)");
    spec.setImageAlias(null);
    spec.setImage("other-image");
    assertThat(DeviceMapping.volumeDrift(spec, "v", null, cloud).immutable())
        .containsExactly("image (spec other-image, cloud 6e3e2b3c-image-id)");
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
    var d = DeviceMapping.ruleDrift(r, cloud);
    assertThat(d.immutable()).isEmpty();
    assertThat(d.changed()).containsExactly("sourceIp (any)");
    assertThat(d.patch().clear()).containsExactly("sourceIp");
    r.setProtocol(FirewallRuleSpec.Protocol.UDP);
    assertThat(DeviceMapping.ruleDrift(r, cloud).immutable())
        .as("only another protocol needs a new rule")
        .containsExactly("protocol (spec UDP, cloud TCP)");
  }
}
