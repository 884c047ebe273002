package com.profitbricks.operator.kinds.server;

import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.devices.RuleSync;
import java.util.HashSet;
import java.util.Set;

/** What a PBServer's spec must hold that the CRD schema cannot say (or that holds with CEL off). */
final class ServerValidation {
  private ServerValidation() {}

  /** Null when the spec is valid, else what to change. */
  static String validate(PBServerSpec s) {
    if ((s.getDatacenterRef() != null) == (s.getDatacenterId() != null)) {
      return "set exactly one of spec.datacenterRef and spec.datacenterId";
    }
    if (s.getCores() == null
        || s.getCores() < 1
        || s.getRam() == null
        || s.getRam() < 256
        || s.getRam() % 256 != 0) {
      return "spec.cores must be at least 1 and spec.ram a multiple of 256 MiB, at least 256";
    }
    String ram =
        ServerMapping.hotPlugRam(
            s.getRam(), InlineItems.volumes(s).stream().map(InlineVolume::getImageAlias));
    if (ram != null) {
      return ram;
    }
    Set<String> names = new HashSet<>();
    for (InlineVolume v : InlineItems.volumes(s)) {
      if (!names.add("v/" + v.getName())) {
        return "spec.volumes has two volumes named "
            + v.getName()
            + "; names identify inline volumes";
      }
      if (v.getImage() == null && v.getImageAlias() == null && v.getLicenceType() == null) {
        return "spec.volumes[" + v.getName() + "] needs an image, an imageAlias or a licenceType";
      }
    }
    for (InlineNic n : InlineItems.nics(s)) {
      if (!names.add("n/" + n.getName())) {
        return "spec.nics has two NICs named " + n.getName() + "; names identify inline NICs";
      }
      if ((n.getLanRef() != null) == (n.getLan() != null)) {
        return "spec.nics[" + n.getName() + "]: set exactly one of lanRef and lan";
      }
      String rules =
          RuleSync.duplicateName(
              n.getFirewallRules(), "spec.nics[" + n.getName() + "].firewallRules");
      if (rules != null) {
        return rules;
      }
    }
    return null;
  }
}
