package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.List;
import java.util.Objects;

/** Status of a PBIPBlock. */
@SchemaCustomizer(value = StatusSchema.class, input = StatusSchema.CONDITIONS)
@JsonClassDescription(
    "The reserved addresses (ips), the cloud id, the conditions and the latest request.")
public class PBIPBlockStatus extends CommonStatus {
  @JsonPropertyDescription("The reserved addresses.")
  private List<String> ips;

  public List<String> getIps() {
    return ips;
  }

  public void setIps(List<String> ips) {
    this.ips = ips;
  }

  @Override
  protected boolean kindEquals(CommonStatus other) {
    return Objects.equals(ips, ((PBIPBlockStatus) other).ips);
  }
}
