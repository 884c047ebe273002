package com.profitbricks.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/** The shipped installs as a cluster would get them, for tests outside this package. */
public final class Installs {
  /** The ServiceAccount deploy/base runs the operator as. */
  public static final String BASE_SUBJECT =
      "system:serviceaccount:profitbricks-operator:profitbricks-operator";

  public static final String BASE_NAMESPACE = "profitbricks-operator";

  private Installs() {}

  /** What {@code kubectl kustomize deploy/base} renders (read from the files without kubectl). */
  public static List<JsonNode> base() throws Exception {
    return RbacTest.kustomize(Path.of("deploy", "base"));
  }
}
