package com.profitbricks.testing.strict;

import java.util.List;

/**
 * Who makes a request, as the API server's authenticator would say: a user name and its groups. A
 * ServiceAccount's token authenticates as {@code system:serviceaccount:<namespace>:<name>} in the
 * groups {@code system:serviceaccounts}, {@code system:serviceaccounts:<namespace>} and {@code
 * system:authenticated}.
 */
public record Subject(String name, List<String> groups) {
  /** Whoever plays the cluster's administrator (kubectl of the person running the test). */
  public static final Subject ADMIN =
      new Subject("kubernetes-admin", List.of("system:masters", "system:authenticated"));

  private static final String SA_PREFIX = "system:serviceaccount:";

  public static Subject of(String name) {
    if (name.startsWith(SA_PREFIX)) {
      String[] nsAndName = name.substring(SA_PREFIX.length()).split(":", 2);
      if (nsAndName.length != 2) {
        throw new IllegalArgumentException("not system:serviceaccount:<namespace>:<name>: " + name);
      }
      return serviceAccount(nsAndName[0], nsAndName[1]);
    }
    return new Subject(name, List.of("system:authenticated"));
  }

  public static Subject serviceAccount(String namespace, String name) {
    return new Subject(
        SA_PREFIX + namespace + ":" + name,
        List.of(
            "system:serviceaccounts",
            "system:serviceaccounts:" + namespace,
            "system:authenticated"));
  }

  public boolean isServiceAccount() {
    return name.startsWith(SA_PREFIX);
  }

  /** The ServiceAccount's namespace ({@code null} for a user). */
  public String serviceAccountNamespace() {
    return isServiceAccount() ? name.substring(SA_PREFIX.length()).split(":", 2)[0] : null;
  }

  /** The ServiceAccount's own name ({@code null} for a user). */
  public String serviceAccountName() {
    return isServiceAccount() ? name.substring(SA_PREFIX.length()).split(":", 2)[1] : null;
  }

  /** How RBAC's reasons name the subject: {@code ServiceAccount "ns/name"} or {@code User "x"}. */
  String describe() {
    return isServiceAccount()
        ? "ServiceAccount \"" + serviceAccountName() + "/" + serviceAccountNamespace() + "\""
        : "User \"" + name + "\"";
  }
}
