package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.Objects;

/** Status of a PBVolume. */
@SchemaCustomizer(value = StatusSchema.class, input = StatusSchema.CONDITIONS)
@JsonClassDescription(
    "The volume's id, the server it is attached to and its device number, what it was created from, the conditions and the latest request.")
public class PBVolumeStatus extends CommonStatus implements InDatacenterStatus {
  @JsonPropertyDescription(
      "Cloud id of the datacenter the volume is in (resolved from the reference).")
  private String datacenterId;

  @JsonPropertyDescription("Cloud id of the server the volume is attached to, if any.")
  private String attachedServerId;

  @JsonPropertyDescription("The volume's device number (LUN) on its server, if attached.")
  private Long deviceNumber;

  @JsonPropertyDescription(
      "The image alias the volume was created from. A read of the volume never shows it (only the resolved image id), so changes of spec.imageAlias are detected against this.")
  private String imageAlias;

  @JsonPropertyDescription(
      "The id of the image the volume was created from, as the cloud resolved it.")
  private String image;

  public String getDatacenterId() {
    return datacenterId;
  }

  public void setDatacenterId(String datacenterId) {
    this.datacenterId = datacenterId;
  }

  public String getAttachedServerId() {
    return attachedServerId;
  }

  public void setAttachedServerId(String attachedServerId) {
    this.attachedServerId = attachedServerId;
  }

  public Long getDeviceNumber() {
    return deviceNumber;
  }

  public void setDeviceNumber(Long deviceNumber) {
    this.deviceNumber = deviceNumber;
  }

  public String getImageAlias() {
    return imageAlias;
  }

  public void setImageAlias(String imageAlias) {
    this.imageAlias = imageAlias;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  @Override
  protected boolean kindEquals(CommonStatus other) {
    PBVolumeStatus o = (PBVolumeStatus) other;
    return Objects.equals(datacenterId, o.datacenterId)
        && Objects.equals(attachedServerId, o.attachedServerId)
        && Objects.equals(deviceNumber, o.deviceNumber)
        && Objects.equals(imageAlias, o.imageAlias)
        && Objects.equals(image, o.image);
  }
}
