package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** One call of a {@link Plan}: the request exactly as the operator would send it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlannedCall {
  @JsonPropertyDescription("POST, PUT, PATCH or DELETE.")
  private String method;

  @JsonPropertyDescription("Path below the Cloud API's base URL, with its query.")
  private String path;

  @JsonPropertyDescription(
      "The fields the call sends, by their path in the JSON body (for a PATCH: the fields that"
          + " change), with their values; a secret's value (image password, SSH keys, user data)"
          + " is shown as (secret).")
  private Map<String, String> fields = new TreeMap<>();

  public PlannedCall() {}

  public PlannedCall(String method, String path, Map<String, String> fields) {
    this.method = method;
    this.path = path;
    this.fields = new TreeMap<>(fields);
  }

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public Map<String, String> getFields() {
    return fields;
  }

  public void setFields(Map<String, String> fields) {
    this.fields = fields;
  }

  @Override
  public String toString() {
    return method + " " + path + (fields.isEmpty() ? "" : " " + fields.keySet());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlannedCall c
        && Objects.equals(method, c.method)
        && Objects.equals(path, c.path)
        && Objects.equals(fields, c.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, fields);
  }
}
