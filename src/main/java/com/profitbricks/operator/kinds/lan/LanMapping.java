package com.profitbricks.operator.kinds.lan;

import com.profitbricks.client.model.Lan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.Drift;
import java.util.ArrayList;
import java.util.List;

/** A PBLan's spec as a create body, and against the LAN as read. Pure: table-tested. */
public final class LanMapping {
  private LanMapping() {}

  public static Lan.Properties lan(PBLanSpec spec, String objectName) {
    return Lan.Properties.create(
        CloudName.of(spec.getName(), objectName), Boolean.TRUE.equals(spec.getIsPublic()));
  }

  public static Drift<Lan.Properties> lanDrift(
      PBLanSpec spec, String objectName, Lan.Properties cloud) {
    Lan.Properties want = lan(spec, objectName);
    List<String> changed = new ArrayList<>();
    String name = Drift.differs(changed, "name", want.name(), cloud.name());
    Boolean isPublic =
        Drift.differs(changed, "public", want.isPublic(), Boolean.TRUE.equals(cloud.isPublic()));
    return new Drift<>(
        changed.isEmpty() ? null : Lan.Properties.create(name, isPublic), changed, List.of());
  }
}
