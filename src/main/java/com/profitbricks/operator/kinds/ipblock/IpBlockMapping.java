package com.profitbricks.operator.kinds.ipblock;

import com.profitbricks.client.model.IpBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.Drift;
import java.util.ArrayList;
import java.util.List;

/** A PBIPBlock's spec as a reservation body, and against the block as read. Pure: table-tested. */
public final class IpBlockMapping {
  private IpBlockMapping() {}

  public static IpBlock.Properties ipBlock(PBIPBlockSpec spec, String objectName) {
    return IpBlock.Properties.create(
        CloudName.of(spec.getName(), objectName),
        spec.getLocation(),
        spec.getSize() == null ? 0 : spec.getSize());
  }

  public static Drift<IpBlock.Properties> ipBlockDrift(
      PBIPBlockSpec spec, String objectName, IpBlock.Properties cloud) {
    IpBlock.Properties want = ipBlock(spec, objectName);
    List<String> immutable = new ArrayList<>();
    Drift.immutableDiff(immutable, "location", want.location(), cloud.location());
    Drift.immutableDiff(immutable, "size", want.size(), cloud.size());
    List<String> changed = new ArrayList<>();
    String name = Drift.differs(changed, "name", want.name(), cloud.name());
    return new Drift<>(
        changed.isEmpty() ? null : IpBlock.Properties.rename(name), changed, immutable);
  }
}
