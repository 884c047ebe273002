package com.profitbricks.operator.kinds.nic;

import com.profitbricks.client.model.Nic;
import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.PBNicSpec;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.devices.DeviceMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * A PBNic's spec as a create body and against the NIC as read: the same as a PBServer's inline NIC
 * ({@link DeviceMapping}) once its LAN and addresses are resolved. Pure: table-tested.
 */
public final class NicMapping {
  private NicMapping() {}

  /**
   * A PBNic's create body, with its LAN number resolved from lan or lanRef and its addresses from
   * ips or ipBlockRef.
   */
  public static Nic.Properties nic(PBNicSpec spec, String objectName, int lan, List<String> ips) {
    return DeviceMapping.inlineNic(asInline(spec, objectName, lan, ips));
  }

  public static Drift<Nic.Properties> nicDrift(
      PBNicSpec spec,
      String objectName,
      int lan,
      List<String> ips,
      List<String> appliedIps,
      Nic.Properties cloud) {
    Drift<Nic.Properties> d =
        DeviceMapping.inlineNicDrift(asInline(spec, objectName, lan, ips), appliedIps, cloud);
    List<String> changed = new ArrayList<>(d.changed());
    String name =
        Drift.differs(changed, "name", CloudName.of(spec.getName(), objectName), cloud.name());
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

  private static InlineNic asInline(PBNicSpec spec, String objectName, int lan, List<String> ips) {
    InlineNic n = new InlineNic();
    n.setName(CloudName.of(spec.getName(), objectName));
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
}
