package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What a PBVolume should be. */
@ValidationRule(
    value = "has(self.datacenterRef) != has(self.datacenterId)",
    message = "set exactly one of datacenterRef or datacenterId")
@ValidationRule(
    value = "!(has(self.serverRef) && has(self.serverId))",
    message = "set serverRef or serverId, not both")
@ValidationRule(
    value = "!(has(self.image) && has(self.imageAlias))",
    message = "set image or imageAlias, not both")
@ValidationRule(
    value = "has(self.image) || has(self.imageAlias) || has(self.licenceType)",
    message = "a volume without image or imageAlias needs a licenceType")
@ValidationRule(
    value =
        "has(self.image) == has(oldSelf.image) && has(self.imageAlias) == has(oldSelf.imageAlias)",
    message = "the image of a volume cannot change: create a new PBVolume")
@ValidationRule(
    value =
        "has(self.datacenterRef) == has(oldSelf.datacenterRef) && has(self.datacenterId) == has(oldSelf.datacenterId)",
    message = "the datacenter of a volume cannot change: create a new PBVolume")
@ValidationRule(
    value = "has(self.type) == has(oldSelf.type)",
    message =
        "type cannot be added or removed once the volume exists (unset is HDD):"
            + " create a new PBVolume of the type you want")
@ValidationRule(
    value = "has(self.availabilityZone) == has(oldSelf.availabilityZone)",
    message =
        "availabilityZone cannot be added or removed once the volume exists (unset is AUTO):"
            + " create a new PBVolume in the zone you want")
@JsonClassDescription(
    "What the volume should be: its datacenter, size (GB, grows only), type, image or imageAlias (with sshKeys or an image password from a Secret), licenceType, bus, zone and the server to attach to.")
public class PBVolumeSpec extends CommonSpec {
  @ValidationRule(
      value = "self.name == oldSelf.name",
      message = "the datacenter of a volume cannot change: create a new PBVolume")
  @JsonPropertyDescription(
      "The PBDatacenter (same namespace) of the volume. Exactly one of datacenterRef and datacenterId.")
  private LocalRef datacenterRef;

  @Pattern("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
  @ValidationRule(
      value = "self == oldSelf",
      message = "the datacenter of a volume cannot change: create a new PBVolume")
  @JsonPropertyDescription(
      "Cloud id of a datacenter not managed by this cluster. Exactly one of datacenterRef and datacenterId.")
  private String datacenterId;

  @Size(max = 255)
  @JsonPropertyDescription("Name in the cloud; defaults to the object's name.")
  private String name;

  @Required
  @Min(1)
  @Max(65536)
  @ValidationRule(
      value = "self >= oldSelf",
      message = "a volume can only grow: create a new PBVolume to get a smaller one")
  @JsonPropertyDescription("Size in GB. Can only grow.")
  private Integer size;

  @ValidationRule(
      value = "self == oldSelf",
      message = "the type of a volume cannot change: create a new PBVolume")
  @JsonPropertyDescription(
      "HDD (default), SSD, SSD Standard, SSD Premium or DAS. Immutable: set at"
          + " create or never, then not changed.")
  private VolumeType type;

  @ValidationRule(
      value = "self == oldSelf",
      message = "the image of a volume cannot change: create a new PBVolume")
  @JsonPropertyDescription("Id of an image or snapshot to create the volume from. Immutable.")
  private String image;

  @ValidationRule(
      value = "self == oldSelf",
      message = "the image of a volume cannot change: create a new PBVolume")
  @JsonPropertyDescription("Alias of a public image, e.g. ubuntu:latest. Immutable.")
  private String imageAlias;

  @JsonPropertyDescription(
      "UNKNOWN, WINDOWS, WINDOWS2016, WINDOWS2022, LINUX or OTHER. Required without image; given by the image otherwise.")
  private LicenceType licenceType;

  @JsonPropertyDescription("VIRTIO (default) or IDE.")
  private Bus bus;

  @ValidationRule(
      value = "self == oldSelf",
      message = "the zone of a volume cannot change: create a new PBVolume")
  @JsonPropertyDescription(
      "AUTO (default), ZONE_1, ZONE_2 or ZONE_3 (HDD only). Immutable: set at"
          + " create or never, then not changed.")
  private VolumeZone availabilityZone;

  @JsonPropertyDescription(
      "Public SSH keys put on a volume made from a public image (at creation).")
  private List<String> sshKeys;

  @JsonPropertyDescription(
      "The root password for a public image, from a Secret; never shown in status, events or logs.")
  private SecretKeyRef imagePasswordSecretRef;

  @JsonPropertyDescription(
      "The PBServer (same namespace, same datacenter) to attach the volume to; the attach waits until the server exists. Unset (with serverId unset) detaches the volume.")
  private LocalRef serverRef;

  @Pattern("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
  @JsonPropertyDescription(
      "Cloud id of a server in the same datacenter to attach the volume to. Not with serverRef; unset (with serverRef unset) detaches the volume.")
  private String serverId;

  /** Volume types of the v6 API (ISO volumes come from images, not from this operator). */
  public enum VolumeType {
    HDD,
    SSD,
    @com.fasterxml.jackson.annotation.JsonProperty("SSD Standard")
    SSD_STANDARD,
    @com.fasterxml.jackson.annotation.JsonProperty("SSD Premium")
    SSD_PREMIUM,
    DAS;

    public String wire() {
      return switch (this) {
        case SSD_STANDARD -> "SSD Standard";
        case SSD_PREMIUM -> "SSD Premium";
        default -> name();
      };
    }
  }

  public enum LicenceType {
    UNKNOWN,
    WINDOWS,
    WINDOWS2016,
    WINDOWS2022,
    LINUX,
    OTHER
  }

  public enum Bus {
    VIRTIO,
    IDE
  }

  public enum VolumeZone {
    AUTO,
    ZONE_1,
    ZONE_2,
    ZONE_3
  }

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

  public Integer getSize() {
    return size;
  }

  public void setSize(Integer size) {
    this.size = size;
  }

  public VolumeType getType() {
    return type;
  }

  public void setType(VolumeType type) {
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

  public LicenceType getLicenceType() {
    return licenceType;
  }

  public void setLicenceType(LicenceType licenceType) {
    this.licenceType = licenceType;
  }

  public Bus getBus() {
    return bus;
  }

  public void setBus(Bus bus) {
    this.bus = bus;
  }

  public VolumeZone getAvailabilityZone() {
    return availabilityZone;
  }

  public void setAvailabilityZone(VolumeZone availabilityZone) {
    this.availabilityZone = availabilityZone;
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

  public LocalRef getServerRef() {
    return serverRef;
  }

  public void setServerRef(LocalRef serverRef) {
    this.serverRef = serverRef;
  }

  public String getServerId() {
    return serverId;
  }

  public void setServerId(String serverId) {
    this.serverId = serverId;
  }
}
