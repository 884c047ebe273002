package com.profitbricks.operator.cloud;

/** The name a resource has in the cloud. */
public final class CloudName {
  private CloudName() {}

  /** The spec's name, or else the object's: the cloud needs none unique, so either will do. */
  public static String of(String specName, String objectName) {
    return specName == null || specName.isBlank() ? objectName : specName;
  }
}
