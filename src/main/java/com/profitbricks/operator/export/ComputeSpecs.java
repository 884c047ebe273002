package com.profitbricks.operator.export;

import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.Image;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import java.util.List;

/**
 * Specs of PBServer and PBVolume equal to the cloud in every field ServerMapping, DeviceMapping and
 * the power and attach steps compare. Fields a diff reads with a default when unset
 * (availabilityZone AUTO, type HDD, powerState Running) are written as the cloud has them; a
 * server's volumes and NICs are separate objects, never inline items (a PBServer owns inline items
 * only by ids its own creates recorded).
 */
final class ComputeSpecs {
  static final List<String> SERVER_ZONES = List.of("AUTO", "ZONE_1", "ZONE_2");
  static final List<String> VOLUME_ZONES = List.of("AUTO", "ZONE_1", "ZONE_2", "ZONE_3");
  static final List<String> VOLUME_TYPES =
      List.of("HDD", "SSD", "SSD Standard", "SSD Premium", "DAS");
  static final List<String> LICENCES =
      List.of("UNKNOWN", "WINDOWS", "WINDOWS2016", "WINDOWS2022", "LINUX", "OTHER");
  static final List<String> BUSES = List.of("VIRTIO", "IDE");

  private ComputeSpecs() {}

  static Manifest server(ExportPlan plan, Datacenter dc, Server s, String name) {
    Manifest m = new Manifest(Manifest.SERVER, name, s.id());
    plan.datacenterOf(m, dc.id());
    Server.Properties p = s.properties();
    Checks.name(m, p.name());
    if (Checks.within(m, "cores", p.cores(), 1, 62)) {
      m.spec.put("cores", p.cores());
    }
    if (Checks.within(m, "ram", p.ram(), 256, Integer.MAX_VALUE)) {
      m.spec.put("ram", p.ram());
      if (p.ram() % 256 != 0) {
        m.blockers.add("ram is " + p.ram() + " MiB in the cloud; spec.ram takes multiples of 256");
      }
    }
    if (p.cpuFamily() != null) {
      m.spec.put("cpuFamily", p.cpuFamily());
    }
    if (Checks.oneOf(m, "availabilityZone", p.availabilityZone(), SERVER_ZONES)) {
      m.spec.put("availabilityZone", p.availabilityZone());
    }
    m.spec.put("powerState", powerState(m, p.vmState()));
    if (p.type() != null && !"ENTERPRISE".equals(p.type())) {
      m.facts.add(
          "server type "
              + p.type()
              + (p.templateUuid() == null ? "" : " (template " + p.templateUuid() + ")")
              + ": PBServer has no type field; adopted it stays so, but made again it would be an"
              + " ENTERPRISE server");
    }
    if (p.bootCdrom() != null) {
      m.facts.add(
          "boots from CD-ROM image "
              + p.bootCdrom().id()
              + ": no PBServer field holds a CD-ROM boot, the operator leaves it as it is");
    }
    for (Image cd : Cloud.cdroms(s)) {
      m.facts.add("CD-ROM " + cd.id() + " is attached: no PBServer field holds CD-ROMs");
    }
    return m;
  }

  /** Running or Stopped as the server is; other states are reported, as neither is sent then. */
  private static String powerState(Manifest m, String vmState) {
    if ("SHUTOFF".equals(vmState) || "SHUTDOWN".equals(vmState)) {
      return "Stopped";
    }
    if (!"RUNNING".equals(vmState)) {
      m.facts.add(
          "vmState is "
              + vmState
              + ": written as powerState Running, which starts the server only once it is SHUTOFF"
              + " or SHUTDOWN");
    }
    return "Running";
  }

  /**
   * The server's boot volume as bootVolumeRef when that volume is exported beside it attached to
   * it; the operator then boots from what the server boots from already.
   */
  static void bootVolume(ExportPlan plan, Server s) {
    Manifest server = plan.servers.get(s.id());
    if (s.properties().bootVolume() == null) {
      return;
    }
    String id = s.properties().bootVolume().id();
    Manifest volume = plan.volumes.get(id);
    if (volume != null && !volume.heldBack() && volume.spec.has("serverRef")) {
      ExportPlan.ref(server.spec, "bootVolumeRef", volume.name);
    } else {
      server.facts.add(
          "boots from volume "
              + id
              + ", which is not exported attached to it here: no bootVolumeRef is written, and the"
              + " operator leaves the boot volume as it is");
    }
  }

  static Manifest volume(ExportPlan plan, Datacenter dc, Volume v, String name) {
    Manifest m = new Manifest(Manifest.VOLUME, name, v.id());
    plan.datacenterOf(m, dc.id());
    Volume.Properties p = v.properties();
    Checks.name(m, p.name());
    size(m, p.size());
    if (Checks.oneOf(m, "type", p.type(), VOLUME_TYPES)) {
      m.spec.put("type", p.type());
    }
    if (p.image() != null) {
      m.spec.put("image", p.image());
      image(m, p.image(), plan.snapshot.images().get(p.image()));
    } else if (Checks.oneOf(m, "licenceType", p.licenceType(), LICENCES)) {
      m.spec.put("licenceType", p.licenceType());
    }
    if (p.bus() != null && BUSES.contains(p.bus())) {
      m.spec.put("bus", p.bus());
    }
    if (Checks.oneOf(m, "availabilityZone", p.availabilityZone(), VOLUME_ZONES)) {
      m.spec.put("availabilityZone", p.availabilityZone());
    }
    String server = attachedTo(dc, v.id());
    if (server != null) {
      plan.serverOf(m, server);
    }
    if (p.backupunitId() != null) {
      m.facts.add("backup unit " + p.backupunitId() + ": no PBVolume field holds it");
    }
    return m;
  }

  private static void size(Manifest m, Double size) {
    if (size == null || size != Math.rint(size) || size < 1 || size > 65536) {
      m.blockers.add("size is " + size + " GB in the cloud; spec.size takes whole GB, 1 to 65536");
      return;
    }
    m.spec.put("size", size.intValue());
  }

  /**
   * The image id is written; what else is known of the image is reported, never turned into an
   * alias.
   */
  private static void image(Manifest m, String id, Image image) {
    String known =
        image == null || image.properties() == null
            ? "which these credentials cannot read (deleted, or of another contract)"
            : image.properties().name()
                + (image.properties().imageAliases() == null
                        || image.properties().imageAliases().isEmpty()
                    ? ""
                    : ", whose aliases are now "
                        + String.join(", ", image.properties().imageAliases()));
    m.facts.add(
        "made from image "
            + id
            + " ("
            + known
            + "). The alias it was created with, if any, is never readable: spec.image holds the"
            + " id");
    m.hints.add(
        "The cloud never returns a volume's image password or SSH keys, and none is written here."
            + " They matter only if this volume is ever created again; then add");
    m.hints.add(
        "  imagePasswordSecretRef: {name: <your Secret>, key: <its key>}  or  sshKeys: [...]");
  }

  /** The server the volume is attached to, or null. */
  private static String attachedTo(Datacenter dc, String volumeId) {
    for (Server s : Cloud.servers(dc)) {
      if (Cloud.attachedVolumeIds(s).contains(volumeId)) {
        return s.id();
      }
    }
    return null;
  }
}
