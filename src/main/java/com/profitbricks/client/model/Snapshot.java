package com.profitbricks.client.model;

/** A snapshot of a volume, usable as the {@code image} of a new volume. */
public record Snapshot(
    String id, String type, String href, Metadata metadata, Properties properties) {

  public record Properties(
      String name,
      String description,
      String location,
      Double size,
      Boolean secAuthProtection,
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
      String licenceType) {

    public static Properties rename(String name, String description) {
      return new Properties(
          name,
          description,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }
  }
}
