package com.profitbricks.operator.kinds.server;

import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBServerStatus;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.Demand;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.devices.DeviceMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * A PBServer's spec as a create body and against the server as read, and its inline volumes as
 * volumes (through {@link DeviceMapping}, the same as a PBVolume). Pure: table-tested.
 */
public final class ServerMapping {
  private ServerMapping() {}

  /**
   * What the server's next write adds to the contract: its cores and RAM beyond what {@code
   * observed} has (all of them before the create, {@code observed} null), and each inline volume
   * that has no recorded id yet (the create makes them, later ones are added one by one).
   */
  public static Demand demand(PBServerSpec spec, PBServerStatus status, Server observed) {
    long cores = spec.getCores() == null ? 0 : spec.getCores();
    long ram = spec.getRam() == null ? 0 : spec.getRam();
    Server.Properties had = observed == null ? null : observed.properties();
    long hadCores = had == null || had.cores() == null ? 0 : had.cores();
    long hadRam = had == null || had.ram() == null ? 0 : had.ram();
    Demand d = Demand.server(cores, ram, cores - hadCores, ram - hadRam);
    for (InlineVolume v : spec.getVolumes() == null ? List.<InlineVolume>of() : spec.getVolumes()) {
      if (InlineRecords.recordedId(status.getVolumes(), v.getName()) == null) {
        long size = v.getSize() == null ? 0 : v.getSize();
        d = d.plus(Demand.volume(v.getType() == null ? "HDD" : v.getType().name(), size, size));
      }
    }
    return d;
  }

  public static Server.Properties server(PBServerSpec spec, String objectName) {
    Server.Properties p =
        Server.Properties.create(
            CloudName.of(spec.getName(), objectName),
            spec.getCores() == null ? 0 : spec.getCores(),
            spec.getRam() == null ? 0 : spec.getRam());
    if (spec.getAvailabilityZone() != null) {
      p = p.withAvailabilityZone(spec.getAvailabilityZone().name());
    }
    return spec.getCpuFamily() == null ? p : p.withCpuFamily(spec.getCpuFamily());
  }

  public static Drift<Server.Properties> serverDrift(
      PBServerSpec spec, String objectName, Server.Properties cloud) {
    List<String> immutable = new ArrayList<>();
    Drift.immutableDiff(
        immutable,
        "availabilityZone",
        spec.getAvailabilityZone() == null ? "AUTO" : spec.getAvailabilityZone().name(),
        cloud.availabilityZone());
    List<String> changed = new ArrayList<>();
    String name =
        Drift.differs(changed, "name", CloudName.of(spec.getName(), objectName), cloud.name());
    Integer cores = Drift.differs(changed, "cores", spec.getCores(), cloud.cores());
    Integer ram = Drift.differs(changed, "ram", spec.getRam(), cloud.ram());
    String family =
        spec.getCpuFamily() == null
            ? null
            : Drift.differs(changed, "cpuFamily", spec.getCpuFamily(), cloud.cpuFamily());
    Server.Properties patch =
        changed.isEmpty()
            ? null
            : new Server.Properties(name, cores, ram, null, null, null, null, family, null, null);
    return new Drift<>(patch, changed, immutable);
  }

  /**
   * The cloud's rule for public images (facts §13a E4): they are RAM hot-plug capable, and a server
   * with such a volume needs 1024 MiB. Image ids are left to the cloud: only it knows whether one
   * is public. Null when the rule holds, else what to change.
   */
  public static String hotPlugRam(Integer ram, java.util.stream.Stream<String> aliases) {
    if (ram == null || ram >= 1024) {
      return null;
    }
    return aliases
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .map(
            a ->
                "spec.ram is "
                    + ram
                    + " MiB, but a server with a volume from a public image ("
                    + a
                    + ") needs at least 1024 MiB: set spec.ram to 1024 or more")
        .orElse(null);
  }

  /**
   * An inline volume's create body; the password is read from its Secret by the caller. {@code
   * bootOrder} PRIMARY or NONE: with more than one volume the cloud boots from none by itself (E6).
   */
  public static Volume.Properties inlineVolume(
      InlineVolume v, String imagePassword, String bootOrder) {
    PBVolumeSpec spec = new PBVolumeSpec();
    spec.setName(v.getName());
    spec.setSize(v.getSize());
    spec.setType(v.getType());
    spec.setImage(v.getImage());
    spec.setImageAlias(v.getImageAlias());
    spec.setLicenceType(v.getLicenceType());
    spec.setBus(v.getBus());
    spec.setAvailabilityZone(v.getAvailabilityZone());
    spec.setSshKeys(v.getSshKeys());
    Volume.Properties p = DeviceMapping.volume(spec, v.getName(), imagePassword);
    return bootOrder == null ? p : p.withBootOrder(bootOrder);
  }

  /** Size growth and bus of an inline volume; a shrink is left to the immutable report. */
  public static Drift<Volume.Properties> inlineVolumeDrift(
      InlineVolume v, String createdAlias, Volume.Properties cloud) {
    PBVolumeSpec spec = new PBVolumeSpec();
    spec.setName(v.getName());
    spec.setSize(v.getSize());
    spec.setType(
        v.getType() == null
            ? PBVolumeSpec.VolumeType.valueOf(
                cloud.type() == null
                    ? "HDD"
                    : cloud.type().replace(' ', '_').toUpperCase(java.util.Locale.ROOT))
            : v.getType());
    spec.setBus(v.getBus());
    // an unset zone is the cloud's choice, not a difference
    spec.setAvailabilityZone(
        v.getAvailabilityZone() != null || cloud.availabilityZone() == null
            ? v.getAvailabilityZone()
            : PBVolumeSpec.VolumeZone.valueOf(cloud.availabilityZone()));
    spec.setImageAlias(v.getImageAlias());
    Drift<Volume.Properties> d = DeviceMapping.volumeDrift(spec, v.getName(), createdAlias, cloud);
    List<String> immutable =
        d.immutable().stream().map(x -> "volumes[" + v.getName() + "]." + x).toList();
    return new Drift<>(d.patch(), d.changed(), immutable);
  }
}
