package com.profitbricks.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** The state of a cloud request. {@link #UNKNOWN} stands for a value this client does not know. */
public enum RequestState {
  QUEUED,
  RUNNING,
  DONE,
  FAILED,
  @JsonEnumDefaultValue
  UNKNOWN;

  public boolean isFinal() {
    return this == DONE || this == FAILED;
  }
}
