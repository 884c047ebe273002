package com.profitbricks.client.model;

import java.util.List;

/**
 * A block storage volume. {@code imagePassword} is write-only: the API always reads it back as
 * {@code null}, and the client never logs it.
 */
public record Volume(
    String id, String type, String href, Metadata metadata, Properties properties) {

  public static Volume of(Properties properties) {
    return new Volume(null, null, null, null, properties);
  }

  /**
   * A reference to an existing volume: the body of {@code ServerApi.attachVolume}. The v6 API
   * refuses it among a composite server create's volumes, which must be whole volumes.
   */
  public static Volume ref(String id) {
    return new Volume(id, null, null, null, null);
  }

  public record Properties(
      String name,
      String type,
      Double size,
      String availabilityZone,
      String image,
      String imagePassword,
      String imageAlias,
      List<String> sshKeys,
      String bus,
      String licenceType,
      Boolean cpuHotPlug,
      Boolean ramHotPlug,
      Boolean nicHotPlug,
      Boolean nicHotUnplug,
      Boolean discVirtioHotPlug,
      Boolean discVirtioHotUnplug,
      Long deviceNumber,
      Integer pciSlot,
      String backupunitId,
      String userData,
      String bootServer,
      String bootOrder) {

    /** A blank volume: no image, so a licence type is required. */
    public static Properties blank(String name, double sizeGb, String diskType, String licence) {
      return builder().name(name).size(sizeGb).type(diskType).licenceType(licence).build();
    }

    /** A volume from a public image alias such as {@code ubuntu:latest}. */
    public static Properties fromImageAlias(
        String name, double sizeGb, String alias, String imagePassword, List<String> sshKeys) {
      return builder()
          .name(name)
          .size(sizeGb)
          .imageAlias(alias)
          .imagePassword(imagePassword)
          .sshKeys(sshKeys)
          .build();
    }

    public static Builder builder() {
      return new Builder();
    }

    /** The same volume with a {@code bootOrder} (see {@link Builder#bootOrder}). */
    public Properties withBootOrder(String order) {
      return new Properties(
          name,
          type,
          size,
          availabilityZone,
          image,
          imagePassword,
          imageAlias,
          sshKeys,
          bus,
          licenceType,
          cpuHotPlug,
          ramHotPlug,
          nicHotPlug,
          nicHotUnplug,
          discVirtioHotPlug,
          discVirtioHotUnplug,
          deviceNumber,
          pciSlot,
          backupunitId,
          userData,
          bootServer,
          order);
    }

    /**
     * Only for a patch of these fields: {@code size}, {@code name}, {@code bus}, hot-plug flags.
     */
    public static Properties patch(String name, Double size) {
      return builder().name(name).size(size).build();
    }

    /** Builder, since a volume has many optional fields. */
    public static final class Builder {
      private String name;
      private String type;
      private Double size;
      private String availabilityZone;
      private String image;
      private String imagePassword;
      private String imageAlias;
      private List<String> sshKeys;
      private String bus;
      private String licenceType;
      private String bootOrder;

      public Builder name(String v) {
        name = v;
        return this;
      }

      public Builder type(String v) {
        type = v;
        return this;
      }

      public Builder size(Double v) {
        size = v;
        return this;
      }

      public Builder availabilityZone(String v) {
        availabilityZone = v;
        return this;
      }

      public Builder image(String v) {
        image = v;
        return this;
      }

      public Builder imagePassword(String v) {
        imagePassword = v;
        return this;
      }

      public Builder imageAlias(String v) {
        imageAlias = v;
        return this;
      }

      public Builder sshKeys(List<String> v) {
        sshKeys = v == null || v.isEmpty() ? null : List.copyOf(v);
        return this;
      }

      public Builder bus(String v) {
        bus = v;
        return this;
      }

      public Builder licenceType(String v) {
        licenceType = v;
        return this;
      }

      /**
       * {@code PRIMARY} boots from this volume (all other volumes of the server must be {@code
       * NONE}), {@code NONE} never; {@code AUTO} (the default) boots from it only when the server
       * has no other volume or CD-ROM.
       */
      public Builder bootOrder(String v) {
        bootOrder = v;
        return this;
      }

      public Properties build() {
        return new Properties(
            name,
            type,
            size,
            availabilityZone,
            image,
            imagePassword,
            imageAlias,
            sshKeys,
            bus,
            licenceType,
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
            bootOrder);
      }
    }
  }
}
