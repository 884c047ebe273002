package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What a PBDatacenter should be. */
@JsonClassDescription(
    "What the datacenter should be. location cannot change; name (default: the object's name), description and secAuthProtection are patched when they differ.")
public class PBDatacenterSpec extends CommonSpec {
  @Size(max = 255)
  @Pattern("^[^@/\\\\|\"']*$")
  @JsonPropertyDescription(
      "Name in the cloud; defaults to the object's name. Must not contain @ / \\ | \" or '.")
  private String name;

  @Size(max = 1024)
  @JsonPropertyDescription("Free text, e.g. staging or production.")
  private String description;

  @Required
  @Pattern("^[a-z]{2}/[a-z]{3}$")
  @ValidationRule(
      value = "self == oldSelf",
      message = "location is immutable: create a new PBDatacenter in the other location")
  @JsonPropertyDescription("Where the datacenter lives, e.g. de/fra, de/txl, us/las. Immutable.")
  private String location;

  @JsonPropertyDescription(
      "Require extra protection (two-step verification) for changes in the cloud console.")
  private Boolean secAuthProtection;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getLocation() {
    return location;
  }

  public void setLocation(String location) {
    this.location = location;
  }

  public Boolean getSecAuthProtection() {
    return secAuthProtection;
  }

  public void setSecAuthProtection(Boolean secAuthProtection) {
    this.secAuthProtection = secAuthProtection;
  }
}
