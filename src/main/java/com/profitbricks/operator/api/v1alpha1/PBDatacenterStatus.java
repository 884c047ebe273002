package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.List;
import java.util.Objects;

/** Status of a PBDatacenter. */
@SchemaCustomizer(value = StatusSchema.class, input = StatusSchema.CONDITIONS)
@JsonClassDescription(
    "What the operator last saw in the cloud and the progress of its latest request. Read the Ready, Reconciling and Stalled conditions; their reasons are listed in the README.")
public class PBDatacenterStatus extends CommonStatus {
  @JsonPropertyDescription(
      "The datacenter's version in the cloud; it grows with every change inside.")
  private Integer version;

  @JsonPropertyDescription("Features of the datacenter's location.")
  private List<String> features;

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  public List<String> getFeatures() {
    return features;
  }

  public void setFeatures(List<String> features) {
    this.features = features;
  }

  @Override
  protected boolean kindEquals(CommonStatus other) {
    PBDatacenterStatus o = (PBDatacenterStatus) other;
    return Objects.equals(version, o.version) && Objects.equals(features, o.features);
  }
}
