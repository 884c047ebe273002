package com.profitbricks.operator.kinds.ipblock;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.client.model.IpBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.cloud.Drift;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A PBIPBlock's drift, as a table. */
class IpBlockMappingTest {
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
    Drift<IpBlock.Properties> d = IpBlockMapping.ipBlockDrift(spec, "obj", c.cloud());
    assertThat(d.changed()).isEqualTo(c.changed());
    assertThat(d.immutable()).hasSize(c.immutable());
    if (d.patch() != null) {
      assertThat(d.patch().size()).isNull();
      assertThat(d.patch().location()).isNull();
    }
  }
}
