package com.profitbricks.client.model;

/** A pointer to another resource, as used for {@code bootVolume} and request targets. */
public record ResourceReference(String id, String type, String href) {
  public static ResourceReference of(String id) {
    return new ResourceReference(id, null, null);
  }
}
