package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** An item declared by name in a spec, and its cloud id. */
public class NamedId {
  @JsonPropertyDescription("The item's name in the spec.")
  private String name;

  @JsonPropertyDescription("The item's cloud id.")
  private String id;

  public NamedId() {}

  public NamedId(String name, String id) {
    this.name = name;
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamedId n && Objects.equals(name, n.name) && Objects.equals(id, n.id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, id);
  }
}
