package com.profitbricks.operator.export;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * What the CRDs and the operator's validation require of a value read from the cloud: a value that
 * fails makes the object a blocker of its own (it could not end Ready as written), never a value
 * made up to pass.
 */
final class Checks {
  static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$");
  static final Pattern MAC = Pattern.compile("^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$");
  static final Pattern RULE_NAME = Pattern.compile("^[a-zA-Z0-9][-a-zA-Z0-9_. ]{0,62}$");
  static final Pattern LOCATION = Pattern.compile("^[a-z]{2}/[a-z]{3}$");
  static final Pattern DATACENTER_NAME = Pattern.compile("^[^@/\\\\|\"']*$");

  private Checks() {}

  /**
   * The cloud name goes into spec.name as it is. A blank one cannot: the operator takes a blank
   * spec.name as "the object's name" and would rename the resource to it.
   */
  static void name(Manifest m, String cloudName) {
    if (cloudName == null || cloudName.isBlank()) {
      m.blockers.add(
          "it has no name in the cloud, and the operator names a resource after its object when"
              + " spec.name is unset: it would rename it to "
              + m.name
              + " (set spec.name to the name you want, then apply)");
      return;
    }
    m.spec.put("name", cloudName);
    if (cloudName.length() > 255) {
      m.blockers.add("its name is longer than the 255 characters spec.name takes");
    }
  }

  /** A value one of {@code allowed}; else a blocker naming {@code field}. */
  static boolean oneOf(Manifest m, String field, String value, Collection<String> allowed) {
    if (value != null && allowed.contains(value)) {
      return true;
    }
    m.blockers.add(
        field
            + " is "
            + (value == null ? "not reported" : value)
            + " in the cloud; spec."
            + field
            + " takes one of "
            + String.join(", ", allowed));
    return false;
  }

  /** A number within [min, max]; else a blocker. */
  static boolean within(Manifest m, String field, Integer value, int min, int max) {
    if (value != null && value >= min && value <= max) {
      return true;
    }
    m.blockers.add(
        field + " is " + value + " in the cloud; spec." + field + " takes " + min + " to " + max);
    return false;
  }

  /** A text matching {@code pattern}; else a blocker. */
  static boolean matches(Manifest m, String field, String value, Pattern pattern) {
    if (value != null && pattern.matcher(value).matches()) {
      return true;
    }
    m.blockers.add(
        field + " is " + value + " in the cloud, which spec." + field + " does not take");
    return false;
  }
}
