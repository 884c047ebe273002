package com.profitbricks.operator.status;

/**
 * Where a reconcile left an object, in the three kstatus shapes: converged (Ready), in progress
 * (Reconciling), or stuck until a human acts (Stalled). Paused keeps Ready's status as it was.
 */
public record Outcome(Kind kind, String reason, String message) {
  public enum Kind {
    READY,
    PROGRESSING,
    STALLED,
    PAUSED,
    /**
     * Calls are due but held by a human's choice (a preview, an observed-only object): not Ready,
     * and neither in progress nor stuck (Argo CD shows it Suspended).
     */
    HELD
  }

  public static Outcome ready(String message) {
    return new Outcome(Kind.READY, Reasons.AVAILABLE, message);
  }

  public static Outcome progressing(String reason, String message) {
    return new Outcome(Kind.PROGRESSING, reason, message);
  }

  public static Outcome stalled(String reason, String message) {
    return new Outcome(Kind.STALLED, reason, message);
  }

  public static Outcome held(String reason, String message) {
    return new Outcome(Kind.HELD, reason, message);
  }

  public static Outcome paused() {
    return new Outcome(
        Kind.PAUSED,
        Reasons.PAUSED,
        "profitbricks.com/paused is \"true\": no cloud calls until it is removed");
  }
}
