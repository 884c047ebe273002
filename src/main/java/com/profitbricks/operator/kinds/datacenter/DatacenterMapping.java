package com.profitbricks.operator.kinds.datacenter;

import com.profitbricks.client.model.Datacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.Drift;
import java.util.ArrayList;
import java.util.List;

/**
 * A PBDatacenter's spec as a create body, and against the datacenter as read. Pure: table-tested.
 */
public final class DatacenterMapping {
  private DatacenterMapping() {}

  public static Datacenter.Properties datacenter(PBDatacenterSpec spec, String objectName) {
    return new Datacenter.Properties(
        CloudName.of(spec.getName(), objectName),
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
    Drift.immutableDiff(immutable, "location", want.location(), cloud.location());
    List<String> changed = new ArrayList<>();
    String name = Drift.differs(changed, "name", want.name(), cloud.name());
    String description =
        want.description() == null
            ? null
            : Drift.differs(changed, "description", want.description(), cloud.description());
    Boolean sec =
        want.secAuthProtection() == null
            ? null
            : Drift.differs(
                changed, "secAuthProtection", want.secAuthProtection(), cloud.secAuthProtection());
    Datacenter.Properties patch =
        changed.isEmpty()
            ? null
            : new Datacenter.Properties(name, description, null, null, null, sec, null);
    return new Drift<>(patch, changed, immutable);
  }
}
