package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What a PBLan should be. */
@ValidationRule(
    value = "has(self.datacenterRef) != has(self.datacenterId)",
    message = "set exactly one of datacenterRef or datacenterId")
@ValidationRule(
    value =
        "has(self.datacenterRef) == has(oldSelf.datacenterRef) && has(self.datacenterId) == has(oldSelf.datacenterId)",
    message = "the datacenter of a LAN cannot change: create a new PBLan")
@JsonClassDescription(
    "What the LAN should be: its datacenter (datacenterRef or datacenterId), name and public.")
public class PBLanSpec extends CommonSpec {
  @ValidationRule(
      value = "self.name == oldSelf.name",
      message = "the datacenter of a LAN cannot change: create a new PBLan")
  @JsonPropertyDescription(
      "The PBDatacenter (same namespace) the LAN belongs to. Exactly one of datacenterRef and datacenterId.")
  private LocalRef datacenterRef;

  @Pattern("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
  @ValidationRule(
      value = "self == oldSelf",
      message = "the datacenter of a LAN cannot change: create a new PBLan")
  @JsonPropertyDescription(
      "Cloud id of a datacenter not managed by this cluster. Exactly one of datacenterRef and datacenterId.")
  private String datacenterId;

  @Size(max = 255)
  @JsonPropertyDescription("Name in the cloud; defaults to the object's name.")
  private String name;

  @JsonProperty("public")
  @JsonPropertyDescription("Whether the LAN faces the Internet. Default false.")
  private Boolean isPublic;

  public LocalRef getDatacenterRef() {
    return datacenterRef;
  }

  public void setDatacenterRef(LocalRef datacenterRef) {
    this.datacenterRef = datacenterRef;
  }

  public String getDatacenterId() {
    return datacenterId;
  }

  public void setDatacenterId(String datacenterId) {
    this.datacenterId = datacenterId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  @JsonProperty("public")
  public Boolean getIsPublic() {
    return isPublic;
  }

  @JsonProperty("public")
  public void setIsPublic(Boolean isPublic) {
    this.isPublic = isPublic;
  }
}
