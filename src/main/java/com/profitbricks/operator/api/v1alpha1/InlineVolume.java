package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * A volume declared inside a PBServer: created with the server, attached to it, managed with it.
 */
public class InlineVolume {
  @Required
  @Pattern("^[a-zA-Z0-9][-a-zA-Z0-9_.]{0,62}$")
  @JsonPropertyDescription(
      "Name of the volume, unique within the server; it identifies the item across changes.")
  private String name;

  @Required
  @Min(1)
  @Max(65536)
  @JsonPropertyDescription("Size in GB. Can only grow.")
  private Integer size;

  @JsonPropertyDescription(
      "HDD (default), SSD, SSD Standard, SSD Premium or DAS. Fixed at creation.")
  private PBVolumeSpec.VolumeType type;

  @JsonPropertyDescription("Id of an image or snapshot. Fixed at creation.")
  private String image;

  @JsonPropertyDescription("Alias of a public image, e.g. ubuntu:latest. Fixed at creation.")
  private String imageAlias;

  @JsonPropertyDescription("Required without image or imageAlias.")
  private PBVolumeSpec.LicenceType licenceType;

  @JsonPropertyDescription("VIRTIO (default) or IDE.")
  private PBVolumeSpec.Bus bus;

  @JsonPropertyDescription(
      "AUTO, ZONE_1, ZONE_2 or ZONE_3 (HDD only). Immutable; unset leaves the choice to the cloud.")
  private PBVolumeSpec.VolumeZone availabilityZone;

  @JsonPropertyDescription("Public SSH keys for a public image (at creation).")
  private List<String> sshKeys;

  @JsonPropertyDescription("The root password for a public image, from a Secret; never shown.")
  private SecretKeyRef imagePasswordSecretRef;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getSize() {
    return size;
  }

  public void setSize(Integer size) {
    this.size = size;
  }

  public PBVolumeSpec.VolumeType getType() {
    return type;
  }

  public void setType(PBVolumeSpec.VolumeType type) {
    this.type = type;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getImageAlias() {
    return imageAlias;
  }

  public void setImageAlias(String imageAlias) {
    this.imageAlias = imageAlias;
  }

  public PBVolumeSpec.LicenceType getLicenceType() {
    return licenceType;
  }

  public void setLicenceType(PBVolumeSpec.LicenceType licenceType) {
    this.licenceType = licenceType;
  }

  public PBVolumeSpec.Bus getBus() {
    return bus;
  }

  public void setBus(PBVolumeSpec.Bus bus) {
    this.bus = bus;
  }

  public List<String> getSshKeys() {
    return sshKeys;
  }

  public void setSshKeys(List<String> sshKeys) {
    this.sshKeys = sshKeys;
  }

  public SecretKeyRef getImagePasswordSecretRef() {
    return imagePasswordSecretRef;
  }

  public void setImagePasswordSecretRef(SecretKeyRef imagePasswordSecretRef) {
    this.imagePasswordSecretRef = imagePasswordSecretRef;
  }

  public PBVolumeSpec.VolumeZone getAvailabilityZone() {
    return availabilityZone;
  }

  public void setAvailabilityZone(PBVolumeSpec.VolumeZone availabilityZone) {
    this.availabilityZone = availabilityZone;
  }
}
