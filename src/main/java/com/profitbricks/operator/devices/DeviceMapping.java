package com.profitbricks.operator.devices;

import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.Drift;
import java.util.ArrayList;
import java.util.List;

/**
 * What a volume, a NIC and a firewall rule are in the cloud, whichever object declares them (a
 * PBVolume or PBNic of its own, or an inline item of a PBServer): create bodies, and the spec
 * against what a read shows. Pure: table-tested.
 */
public final class DeviceMapping {
  private DeviceMapping() {}

  /** The create body; the image password comes from a Secret and is passed in, never stored. */
  public static Volume.Properties volume(
      PBVolumeSpec spec, String objectName, String imagePassword) {
    return Volume.Properties.builder()
        .name(CloudName.of(spec.getName(), objectName))
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
    Drift.immutableDiff(
        immutable,
        "type",
        volumeType(spec.getType() == null ? "HDD" : spec.getType().wire()),
        volumeType(cloud.type()));
    Drift.immutableDiff(
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
      Drift.immutableDiff(immutable, "image", spec.getImage(), cloud.image());
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
    String name =
        Drift.differs(changed, "name", CloudName.of(spec.getName(), objectName), cloud.name());
    Double size = want > have ? Drift.differs(changed, "size", want, have) : null;
    // bus reads null while the volume is not attached: only a set bus of an attached volume is
    // compared
    String bus =
        spec.getBus() == null || cloud.bus() == null
            ? null
            : Drift.differs(changed, "bus", spec.getBus().name(), cloud.bus());
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
    Integer lan = Drift.differs(changed, "lan", n.getLan(), cloud.lan());
    Boolean dhcp =
        Drift.differs(
            changed, "dhcp", n.getDhcp() == null ? Boolean.TRUE : n.getDhcp(), cloud.dhcp());
    List<String> have = cloud.ips() == null ? List.of() : cloud.ips();
    List<String> ips;
    if (n.getIps() != null && !n.getIps().isEmpty()) {
      ips =
          new java.util.HashSet<>(n.getIps()).equals(new java.util.HashSet<>(have))
              ? null
              : Drift.differs(changed, "ips", n.getIps(), have);
    } else if (appliedIps != null && have.stream().anyMatch(appliedIps::contains)) {
      changed.add("ips (fixed addresses given back)");
      ips = List.of();
    } else {
      ips = null;
    }
    Boolean firewall =
        n.getFirewallActive() == null
            ? null
            : Drift.differs(
                changed, "firewallActive", n.getFirewallActive(), cloud.firewallActive());
    String type =
        n.getFirewallType() == null
            ? null
            : Drift.differs(
                changed, "firewallType", n.getFirewallType().name(), cloud.firewallType());
    Nic.Properties patch =
        changed.isEmpty()
            ? null
            : new Nic.Properties(null, null, ips, dhcp, lan, firewall, type, null, null);
    return new Drift<>(patch, changed, List.of());
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
    Drift.immutableDiff(replace, "protocol", want.protocol(), cloud.protocol());
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
        Drift.differs(
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
    return Drift.differs(changed, field, want, cloud);
  }
}
