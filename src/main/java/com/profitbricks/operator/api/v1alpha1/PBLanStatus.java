package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.Objects;

/** Status of a PBLan; {@code id} is the LAN number. */
@SchemaCustomizer(value = StatusSchema.class, input = StatusSchema.CONDITIONS)
@JsonClassDescription("The LAN number (id), its datacenter, the conditions and the latest request.")
public class PBLanStatus extends CommonStatus implements InDatacenterStatus {
  @JsonPropertyDescription(
      "Cloud id of the datacenter the LAN is in (resolved from the reference).")
  private String datacenterId;

  public String getDatacenterId() {
    return datacenterId;
  }

  public void setDatacenterId(String datacenterId) {
    this.datacenterId = datacenterId;
  }

  @Override
  protected boolean kindEquals(CommonStatus other) {
    return Objects.equals(datacenterId, ((PBLanStatus) other).datacenterId);
  }
}
