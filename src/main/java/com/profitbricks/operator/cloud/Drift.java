package com.profitbricks.operator.cloud;

import java.util.List;

/**
 * The difference between spec and cloud: the properties to PATCH (null when nothing mutable
 * differs), the names of the mutable fields in it, and the immutable fields that differ, each as
 * {@code field (spec X, cloud Y)}.
 */
public record Drift<P>(P patch, List<String> changed, List<String> immutable) {
  public static <P> Drift<P> none() {
    return new Drift<>(null, List.of(), List.of());
  }

  public boolean isEmpty() {
    return patch == null && immutable.isEmpty();
  }
}
