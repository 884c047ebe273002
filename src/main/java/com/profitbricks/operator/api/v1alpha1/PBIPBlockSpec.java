package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What a PBIPBlock should be. */
@JsonClassDescription(
    "What the IP block should be. location and size cannot change; name is patched.")
public class PBIPBlockSpec extends CommonSpec {
  @Required
  @Pattern("^[a-z]{2}/[a-z]{3}$")
  @ValidationRule(
      value = "self == oldSelf",
      message = "location is immutable: reserve a new PBIPBlock in the other location")
  @JsonPropertyDescription(
      "Where the addresses are reserved, e.g. de/fra. Users of the addresses must be in the same location. Immutable.")
  private String location;

  @Required
  @Min(1)
  @Max(64)
  @ValidationRule(
      value = "self == oldSelf",
      message = "size is immutable: reserve a new PBIPBlock of the other size")
  @JsonPropertyDescription("How many addresses to reserve. Immutable.")
  private Integer size;

  @Size(max = 255)
  @JsonPropertyDescription("Name in the cloud; defaults to the object's name.")
  private String name;

  public String getLocation() {
    return location;
  }

  public void setLocation(String location) {
    this.location = location;
  }

  public Integer getSize() {
    return size;
  }

  public void setSize(Integer size) {
    this.size = size;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
