package com.profitbricks.operator.cloud;

import java.util.List;
import java.util.Objects;

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

  /** The wanted value when it differs from the cloud's (recording the field), else null. */
  public static <T> T differs(List<String> changed, String field, T want, T cloud) {
    if (Objects.equals(want, cloud)) {
      return null;
    }
    changed.add(field);
    return want;
  }

  /** Records an immutable field that differs as {@code field (spec X, cloud Y)}. */
  public static void immutableDiff(List<String> out, String field, Object want, Object cloud) {
    if (!Objects.equals(want, cloud)) {
      out.add(field + " (spec " + want + ", cloud " + cloud + ")");
    }
  }
}
