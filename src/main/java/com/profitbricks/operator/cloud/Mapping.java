package com.profitbricks.operator.cloud;

import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.api.v1alpha1.PBNicSpec;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
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
  public static String nameOf(String specName, String objectName) {
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

  /**
   * The spec against the volume as read. The image alias is create-only: a read never shows it (it
   * shows the resolved image id, facts §13a E1), so it is compared with {@code createdAlias}, the
   * alias the volume was created from, never with the read. Passwords and SSH keys are not compared
   * at all.
   */
  public static Drift<Volume.Properties> volumeDrift(
      PBVolumeSpec spec, String objectName, String createdAlias, Volume.Properties cloud) {
    List<String> immutable = new ArrayList<>();
    immutableDiff(
        immutable,
        "type",
        volumeType(spec.getType() == null ? "HDD" : spec.getType().wire()),
        volumeType(cloud.type()));
    immutableDiff(
        immutable,
        "availabilityZone",
        spec.getAvailabilityZone() == null ? "AUTO" : spec.getAvailabilityZone().name(),
        cloud.availabilityZone());
    if (spec.getImageAlias() != null) {
      if (createdAlias != null && !createdAlias.equals(spec.getImageAlias())) {
        immutable.add(
            "imageAlias (spec " + spec.getImageAlias() + ", created from " + createdAlias + ")");
      }
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

  /** One name for one disk type: the cloud creates an {@code SSD} as {@code SSD Premium} (E5). */
  public static String volumeType(String type) {
    return "SSD".equals(type) ? "SSD Premium" : type;
  }

  // ---------------------------------------------------------------- server

  public static Server.Properties server(PBServerSpec spec, String objectName) {
    Server.Properties p =
        Server.Properties.create(
            nameOf(spec.getName(), objectName),
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
    immutableDiff(
        immutable,
        "availabilityZone",
        spec.getAvailabilityZone() == null ? "AUTO" : spec.getAvailabilityZone().name(),
        cloud.availabilityZone());
    List<String> changed = new ArrayList<>();
    String name = differs(changed, "name", nameOf(spec.getName(), objectName), cloud.name());
    Integer cores = differs(changed, "cores", spec.getCores(), cloud.cores());
    Integer ram = differs(changed, "ram", spec.getRam(), cloud.ram());
    String family =
        spec.getCpuFamily() == null
            ? null
            : differs(changed, "cpuFamily", spec.getCpuFamily(), cloud.cpuFamily());
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
    Volume.Properties p = volume(spec, v.getName(), imagePassword);
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
    Drift<Volume.Properties> d = volumeDrift(spec, v.getName(), createdAlias, cloud);
    List<String> immutable =
        d.immutable().stream().map(x -> "volumes[" + v.getName() + "]." + x).toList();
    return new Drift<>(d.patch(), d.changed(), immutable);
  }

  public static Nic.Properties inlineNic(InlineNic n) {
    return new Nic.Properties(
        n.getName(),
        null,
        n.getIps() == null || n.getIps().isEmpty() ? null : n.getIps(),
        n.getDhcp() == null ? Boolean.TRUE : n.getDhcp(),
        n.getLan(),
        n.getFirewallActive(),
        n.getFirewallType() == null ? null : n.getFirewallType().name(),
        null,
        null);
  }

  /**
   * The spec against the NIC as read. {@code appliedIps} are the fixed addresses the operator set
   * before: when the spec drops them and the NIC still holds one, an empty list is sent, which
   * gives the NIC addresses of the cloud's choosing (facts §13a E10). Addresses compare as sets:
   * the cloud may list them in another order.
   */
  public static Drift<Nic.Properties> inlineNicDrift(
      InlineNic n, List<String> appliedIps, Nic.Properties cloud) {
    List<String> changed = new ArrayList<>();
    Integer lan = differs(changed, "lan", n.getLan(), cloud.lan());
    Boolean dhcp =
        differs(changed, "dhcp", n.getDhcp() == null ? Boolean.TRUE : n.getDhcp(), cloud.dhcp());
    List<String> have = cloud.ips() == null ? List.of() : cloud.ips();
    List<String> ips;
    if (n.getIps() != null && !n.getIps().isEmpty()) {
      ips =
          new java.util.HashSet<>(n.getIps()).equals(new java.util.HashSet<>(have))
              ? null
              : differs(changed, "ips", n.getIps(), have);
    } else if (appliedIps != null && have.stream().anyMatch(appliedIps::contains)) {
      changed.add("ips (fixed addresses given back)");
      ips = List.of();
    } else {
      ips = null;
    }
    Boolean firewall =
        n.getFirewallActive() == null
            ? null
            : differs(changed, "firewallActive", n.getFirewallActive(), cloud.firewallActive());
    String type =
        n.getFirewallType() == null
            ? null
            : differs(changed, "firewallType", n.getFirewallType().name(), cloud.firewallType());
    Nic.Properties patch =
        changed.isEmpty()
            ? null
            : new Nic.Properties(null, null, ips, dhcp, lan, firewall, type, null, null);
    return new Drift<>(patch, changed, List.of());
  }

  // ---------------------------------------------------------------- NIC

  /**
   * A PBNic's create body, with its LAN number resolved from lan or lanRef and its addresses from
   * ips or ipBlockRef.
   */
  public static Nic.Properties nic(PBNicSpec spec, String objectName, int lan, List<String> ips) {
    return inlineNic(asInline(spec, objectName, lan, ips));
  }

  public static Drift<Nic.Properties> nicDrift(
      PBNicSpec spec,
      String objectName,
      int lan,
      List<String> ips,
      List<String> appliedIps,
      Nic.Properties cloud) {
    Drift<Nic.Properties> d =
        inlineNicDrift(asInline(spec, objectName, lan, ips), appliedIps, cloud);
    List<String> changed = new ArrayList<>(d.changed());
    String name = differs(changed, "name", nameOf(spec.getName(), objectName), cloud.name());
    if (changed.isEmpty()) {
      return Drift.none();
    }
    Nic.Properties base =
        d.patch() == null
            ? new Nic.Properties(null, null, null, null, null, null, null, null, null)
            : d.patch();
    return new Drift<>(
        new Nic.Properties(
            name,
            null,
            base.ips(),
            base.dhcp(),
            base.lan(),
            base.firewallActive(),
            base.firewallType(),
            null,
            null),
        changed,
        List.of());
  }

  /**
   * What to remember as a NIC's fixed addresses after a read: the spec's while it sets some; after
   * it stops, the earlier ones until the NIC no longer holds any of them (given back); else null.
   */
  public static List<String> fixedIps(
      List<String> wanted, List<String> recorded, List<String> cloud) {
    if (wanted != null && !wanted.isEmpty()) {
      return wanted;
    }
    return recorded != null && cloud != null && cloud.stream().anyMatch(recorded::contains)
        ? recorded
        : null;
  }

  private static InlineNic asInline(PBNicSpec spec, String objectName, int lan, List<String> ips) {
    InlineNic n = new InlineNic();
    n.setName(nameOf(spec.getName(), objectName));
    n.setLan(lan);
    n.setDhcp(spec.getDhcp());
    n.setIps(ips);
    n.setFirewallActive(spec.getFirewallActive());
    n.setFirewallType(spec.getFirewallType());
    return n;
  }

  /**
   * The addresses of an IP block a NIC takes: {@code indexes} (default the first) into the block's
   * reserved {@code ips}. Throws IllegalArgumentException naming the index that is out of range.
   */
  public static List<String> blockAddresses(List<String> blockIps, List<Integer> indexes) {
    List<Integer> picks = indexes == null || indexes.isEmpty() ? List.of(0) : indexes;
    List<String> out = new ArrayList<>();
    for (Integer i : picks) {
      if (i == null || i < 0 || i >= blockIps.size()) {
        throw new IllegalArgumentException(
            "spec.indexes has "
                + i
                + ", but the IP block holds "
                + blockIps.size()
                + " address(es): use 0 to "
                + (blockIps.size() - 1));
      }
      out.add(blockIps.get(i));
    }
    return out;
  }

  // ---------------------------------------------------------------- firewall rule

  public static FirewallRule.Properties rule(FirewallRuleSpec r) {
    return new FirewallRule.Properties(
        r.getName(),
        r.getProtocol() == null ? null : r.getProtocol().name(),
        r.getSourceMac() == null ? null : r.getSourceMac().toLowerCase(java.util.Locale.ROOT),
        r.getSourceIp(),
        r.getTargetIp(),
        r.getIcmpCode(),
        r.getIcmpType(),
        r.getPortRangeStart(),
        r.getPortRangeEnd(),
        r.getType() == null ? null : r.getType().name());
  }

  /** A rule's PATCH: the values to set, and the properties to set to null ("any"). */
  public record RulePatch(FirewallRule.Properties set, List<String> clear) {}

  /**
   * What to PATCH on a rule; {@code immutable} lists what only a new rule can fix (another
   * protocol). A field the spec no longer sets is cleared in the PATCH with an explicit null, which
   * the API takes as "any" (facts §13a E10).
   */
  public static Drift<RulePatch> ruleDrift(FirewallRuleSpec r, FirewallRule.Properties cloud) {
    FirewallRule.Properties want = rule(r);
    List<String> replace = new ArrayList<>();
    immutableDiff(replace, "protocol", want.protocol(), cloud.protocol());
    List<String> changed = new ArrayList<>();
    List<String> clear = new ArrayList<>();
    String mac =
        settable(
            changed,
            clear,
            "sourceMac",
            want.sourceMac(),
            cloud.sourceMac() == null
                ? null
                : cloud.sourceMac().toLowerCase(java.util.Locale.ROOT));
    String sourceIp = settable(changed, clear, "sourceIp", want.sourceIp(), cloud.sourceIp());
    String targetIp = settable(changed, clear, "targetIp", want.targetIp(), cloud.targetIp());
    Integer start =
        settable(changed, clear, "portRangeStart", want.portRangeStart(), cloud.portRangeStart());
    Integer end =
        settable(changed, clear, "portRangeEnd", want.portRangeEnd(), cloud.portRangeEnd());
    Integer icmpType = settable(changed, clear, "icmpType", want.icmpType(), cloud.icmpType());
    Integer icmpCode = settable(changed, clear, "icmpCode", want.icmpCode(), cloud.icmpCode());
    String type =
        differs(
            changed,
            "type",
            want.type() == null ? "INGRESS" : want.type(),
            cloud.type() == null ? "INGRESS" : cloud.type());
    RulePatch patch =
        changed.isEmpty()
            ? null
            : new RulePatch(
                new FirewallRule.Properties(
                    null, null, mac, sourceIp, targetIp, icmpCode, icmpType, start, end, type),
                clear);
    return new Drift<>(patch, changed, replace);
  }

  /** The wanted value when it differs; a value the spec no longer sets goes to {@code clear}. */
  private static <T> T settable(
      List<String> changed, List<String> clear, String field, T want, T cloud) {
    if (want == null && cloud != null) {
      changed.add(field + " (any)");
      clear.add(field);
      return null;
    }
    return differs(changed, field, want, cloud);
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
