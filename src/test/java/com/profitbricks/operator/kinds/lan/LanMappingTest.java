package com.profitbricks.operator.kinds.lan;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.client.model.Lan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.cloud.Drift;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A PBLan's drift, as a table. */
class LanMappingTest {
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
        LanMapping.lanDrift(spec, "obj", Lan.Properties.create(c.cloudName(), c.cloudPublic()));
    assertThat(d.changed()).isEqualTo(c.changed());
    assertThat(d.immutable()).isEmpty();
  }
}
