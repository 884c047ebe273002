package com.profitbricks.operator.kinds.datacenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.client.model.Datacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.cloud.Drift;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A PBDatacenter's body and drift, as a table. */
class DatacenterMappingTest {
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
    Drift<Datacenter.Properties> d = DatacenterMapping.datacenterDrift(c.spec(), "obj", c.cloud());
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
    Datacenter.Properties body = DatacenterMapping.datacenter(c.spec(), "obj");
    assertThat(body.name()).isEqualTo(c.spec().getName() == null ? "obj" : c.spec().getName());
    assertThat(body.location()).isEqualTo(c.spec().getLocation());
    assertThat(body.version()).as("read-only fields are not sent").isNull();
  }
}
