package com.profitbricks.operator.cloud;

import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Spec to request bodies and spec against observed properties, per kind. Pure functions: no client
 * calls, no Kubernetes; table-tested in MappingTest.
 */
public final class Mapping {
  private Mapping() {}

  /** Name in the cloud: the spec's, or else the object's. */
  static String nameOf(String specName, String objectName) {
    return specName == null || specName.isBlank() ? objectName : specName;
  }

  // ---------------------------------------------------------------- datacenter

  public static Datacenter.Properties datacenter(PBDatacenterSpec spec, String objectName) {
    return new Datacenter.Properties(
        nameOf(spec.getName(), objectName),
        spec.getDescription(),
        spec.getLocation(),
        null,
        null,
        spec.getSecAuthProtection(),
        null);
  }

  public static Drift<Datacenter.Properties> datacenterDrift(
      PBDatacenterSpec spec, String objectName, Datacenter.Properties cloud) {
    Datacenter.Properties want = datacenter(spec, objectName);
    List<String> immutable = new ArrayList<>();
    immutableDiff(immutable, "location", want.location(), cloud.location());
    List<String> changed = new ArrayList<>();
    String name = differs(changed, "name", want.name(), cloud.name());
    String description =
        want.description() == null
            ? null
            : differs(changed, "description", want.description(), cloud.description());
    Boolean sec =
        want.secAuthProtection() == null
            ? null
            : differs(
                changed, "secAuthProtection", want.secAuthProtection(), cloud.secAuthProtection());
    Datacenter.Properties patch =
        changed.isEmpty()
            ? null
            : new Datacenter.Properties(name, description, null, null, null, sec, null);
    return new Drift<>(patch, changed, immutable);
  }

  // ---------------------------------------------------------------- LAN

  public static Lan.Properties lan(PBLanSpec spec, String objectName) {
    return Lan.Properties.create(
        nameOf(spec.getName(), objectName), Boolean.TRUE.equals(spec.getIsPublic()));
  }

  public static Drift<Lan.Properties> lanDrift(
      PBLanSpec spec, String objectName, Lan.Properties cloud) {
    Lan.Properties want = lan(spec, objectName);
    List<String> changed = new ArrayList<>();
    String name = differs(changed, "name", want.name(), cloud.name());
    Boolean isPublic =
        differs(changed, "public", want.isPublic(), Boolean.TRUE.equals(cloud.isPublic()));
    return new Drift<>(
        changed.isEmpty() ? null : Lan.Properties.create(name, isPublic), changed, List.of());
  }

  // ---------------------------------------------------------------- IP block

  public static IpBlock.Properties ipBlock(PBIPBlockSpec spec, String objectName) {
    return IpBlock.Properties.create(
        nameOf(spec.getName(), objectName),
        spec.getLocation(),
        spec.getSize() == null ? 0 : spec.getSize());
  }

  public static Drift<IpBlock.Properties> ipBlockDrift(
      PBIPBlockSpec spec, String objectName, IpBlock.Properties cloud) {
    IpBlock.Properties want = ipBlock(spec, objectName);
    List<String> immutable = new ArrayList<>();
    immutableDiff(immutable, "location", want.location(), cloud.location());
    immutableDiff(immutable, "size", want.size(), cloud.size());
    List<String> changed = new ArrayList<>();
    String name = differs(changed, "name", want.name(), cloud.name());
    return new Drift<>(
        changed.isEmpty() ? null : IpBlock.Properties.rename(name), changed, immutable);
  }

  // ---------------------------------------------------------------- helpers

  /** The wanted value when it differs from the cloud's (recording the field), else null. */
  private static <T> T differs(List<String> changed, String field, T want, T cloud) {
    if (Objects.equals(want, cloud)) {
      return null;
    }
    changed.add(field);
    return want;
  }

  private static void immutableDiff(List<String> out, String field, Object want, Object cloud) {
    if (!Objects.equals(want, cloud)) {
      out.add(field + " (spec " + want + ", cloud " + cloud + ")");
    }
  }
}
