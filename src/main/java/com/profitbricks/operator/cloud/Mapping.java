package com.profitbricks.operator.cloud;

import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
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

  // ---------------------------------------------------------------- volume

  /** The create body; the image password comes from a Secret and is passed in, never stored. */
  public static Volume.Properties volume(
      PBVolumeSpec spec, String objectName, String imagePassword) {
    return Volume.Properties.builder()
        .name(nameOf(spec.getName(), objectName))
        .size(spec.getSize() == null ? null : spec.getSize().doubleValue())
        .type(spec.getType() == null ? null : spec.getType().wire())
        .image(spec.getImage())
        .imageAlias(spec.getImageAlias())
        .licenceType(
            spec.getLicenceType() == null || spec.getImage() != null || spec.getImageAlias() != null
                ? null
                : spec.getLicenceType().name())
        .bus(spec.getBus() == null ? null : spec.getBus().name())
        .availabilityZone(
            spec.getAvailabilityZone() == null ? null : spec.getAvailabilityZone().name())
        .sshKeys(spec.getSshKeys())
        .imagePassword(imagePassword)
        .build();
  }

  public static Drift<Volume.Properties> volumeDrift(
      PBVolumeSpec spec, String objectName, Volume.Properties cloud) {
    List<String> immutable = new ArrayList<>();
    immutableDiff(
        immutable, "type", spec.getType() == null ? "HDD" : spec.getType().wire(), cloud.type());
    immutableDiff(
        immutable,
        "availabilityZone",
        spec.getAvailabilityZone() == null ? "AUTO" : spec.getAvailabilityZone().name(),
        cloud.availabilityZone());
    if (spec.getImageAlias() != null) {
      immutableDiff(immutable, "imageAlias", spec.getImageAlias(), cloud.imageAlias());
    } else if (spec.getImage() != null) {
      immutableDiff(immutable, "image", spec.getImage(), cloud.image());
    }
    double want = spec.getSize() == null ? 0 : spec.getSize();
    double have = cloud.size() == null ? 0 : cloud.size();
    if (want < have) {
      immutable.add(
          "size (spec "
              + spec.getSize()
              + " GB, cloud "
              + cloud.size()
              + " GB: a volume can only grow)");
    }
    List<String> changed = new ArrayList<>();
    String name = differs(changed, "name", nameOf(spec.getName(), objectName), cloud.name());
    Double size = want > have ? differs(changed, "size", want, have) : null;
    // bus reads null while the volume is not attached: only a set bus of an attached volume is
    // compared
    String bus =
        spec.getBus() == null || cloud.bus() == null
            ? null
            : differs(changed, "bus", spec.getBus().name(), cloud.bus());
    Volume.Properties patch =
        changed.isEmpty()
            ? null
            : Volume.Properties.builder().name(name).size(size).bus(bus).build();
    return new Drift<>(patch, changed, immutable);
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
