package com.profitbricks.client.model;

/** A label (key and value) on a datacenter, server, volume, snapshot or IP block. */
public record Label(String id, String type, String href, Metadata metadata, Properties properties) {

  public static Label of(String key, String value) {
    return new Label(null, null, null, null, new Properties(key, value));
  }

  public record Properties(String key, String value) {}
}
