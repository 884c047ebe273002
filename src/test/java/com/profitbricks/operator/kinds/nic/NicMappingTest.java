package com.profitbricks.operator.kinds.nic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.profitbricks.operator.api.v1alpha1.PBNicSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A PBNic's addresses from an IP block, body and drift, as tables. */
class NicMappingTest {
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
      assertThat(NicMapping.blockAddresses(BLOCK, c.indexes())).isEqualTo(c.picked());
    } else {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> NicMapping.blockAddresses(BLOCK, c.indexes()))
          .withMessageContaining(c.error());
    }
  }

  @Test
  void aNicBodyCarriesTheResolvedAddressesAndLan() {
    PBNicSpec spec = new PBNicSpec();
    spec.setIps(List.of("10.0.0.9")); // ignored: the caller resolved the addresses
    var body = NicMapping.nic(spec, "obj", 4, List.of("203.0.113.2"));
    assertThat(body.ips()).containsExactly("203.0.113.2");
    assertThat(body.lan()).isEqualTo(4);
    assertThat(body.name()).isEqualTo("obj");
    assertThat(body.dhcp()).isTrue();
    var cloud = body;
    assertThat(NicMapping.nicDrift(spec, "obj", 4, List.of("203.0.113.2"), null, cloud).changed())
        .isEmpty();
    assertThat(NicMapping.nicDrift(spec, "obj", 4, List.of("203.0.113.3"), null, cloud).changed())
        .containsExactly("ips");
  }
}
