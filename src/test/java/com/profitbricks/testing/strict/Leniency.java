package com.profitbricks.testing.strict;

/**
 * What a {@code StrictKubernetes} can be told to let pass although kube-apiserver refuses it: each
 * one a known difference between the operator (or a library) and a real API server, named so that a
 * test that needs it says so, and removed once the difference is gone. What it let pass is recorded
 * ({@code StrictKubernetes.tolerated()}).
 */
public enum Leniency {
  /**
   * A JSON patch {@code replace} of a key the stored object lacks acts as an {@code add}. A real
   * server (evanphx/json-patch) answers 422 "replace operation does not apply: doc is missing key".
   * The operator's status writes do this: its status classes serialize unset fields as null
   * ({@code @JsonInclude(ALWAYS)} on CommonStatus), the operator SDK diffs that against the new
   * status, so setting a field gives {@code replace /status/<field>}; but the server stores no null
   * of a field whose schema is not nullable (and a new object's status is only the CRD default
   * {@code {observedGeneration: -1}}), so the key is not there.
   */
  JSON_PATCH_REPLACE_OF_MISSING_KEY
}
