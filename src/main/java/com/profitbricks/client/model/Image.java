package com.profitbricks.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A public or private image (HDD or CD-ROM). */
public record Image(String id, String type, String href, Metadata metadata, Properties properties) {

  /** A reference to an image, to attach it as a CD-ROM. */
  public static Image ref(String id) {
    return new Image(id, null, null, null, null);
  }

  public record Properties(
      String name,
      String description,
      String location,
      Double size,
      Boolean cpuHotPlug,
      Boolean cpuHotUnplug,
      Boolean ramHotPlug,
      Boolean ramHotUnplug,
      Boolean nicHotPlug,
      Boolean nicHotUnplug,
      Boolean discVirtioHotPlug,
      Boolean discVirtioHotUnplug,
      Boolean discScsiHotPlug,
      Boolean discScsiHotUnplug,
      String licenceType,
      String imageType,
      @JsonProperty("public") Boolean isPublic,
      List<String> imageAliases,
      String cloudInit) {}
}
