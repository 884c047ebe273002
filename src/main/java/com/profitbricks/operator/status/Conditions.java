package com.profitbricks.operator.status;

import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes an {@link Outcome} into Ready, Reconciling and Stalled. Pure: the same status and outcome
 * give the same conditions; {@code lastTransitionTime} moves only when a condition's status flips,
 * so a converged object's status never churns.
 */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";

  /** metav1.Condition's limit on a message, also in the CRDs. */
  public static final int MAX_MESSAGE = 32768;

  private Conditions() {}

  /**
   * A paused object applied nothing of a newer spec: Ready stays exactly as it was (its status,
   * reason and observedGeneration), and so does status.observedGeneration, so kubectl wait, kstatus
   * (Flux) and the Argo CD check never read a spec the operator did not act on as converged.
   * Reconciling and Stalled say Paused at the current generation.
   */
  public static void apply(CommonStatus status, long generation, Outcome o, Clock clock) {
    boolean paused = o.kind() == Outcome.Kind.PAUSED;
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    List<Condition> old = status.getConditions() == null ? List.of() : status.getConditions();
    String message = o.message() == null ? "" : o.message();
    if (message.length() > MAX_MESSAGE) {
      // the CRD caps it as metav1.Condition does; a longer one would make the API server refuse
      // the whole status write
      message = message.substring(0, MAX_MESSAGE - 3) + "...";
    }
    List<Condition> next = new ArrayList<>();
    Optional<Condition> ready = paused ? find(old, READY) : Optional.empty();
    if (ready.isPresent()) {
      next.add(ready.get());
    } else {
      String readyStatus =
          switch (o.kind()) {
            case READY -> "True";
            case PAUSED -> "Unknown";
            default -> "False";
          };
      next.add(condition(old, READY, readyStatus, o.reason(), message, generation, now));
    }
    if (!paused) {
      status.setObservedGeneration(generation);
    } else if (status.getObservedGeneration() == null) {
      // the CRD's default: not acted on yet
      status.setObservedGeneration(-1L);
    }
    next.add(
        condition(
            old,
            RECONCILING,
            o.kind() == Outcome.Kind.PROGRESSING ? "True" : "False",
            o.reason(),
            o.kind() == Outcome.Kind.PROGRESSING || paused ? message : "",
            generation,
            now));
    next.add(
        condition(
            old,
            STALLED,
            o.kind() == Outcome.Kind.STALLED ? "True" : "False",
            o.reason(),
            o.kind() == Outcome.Kind.STALLED ? message : "",
            generation,
            now));
    status.setConditions(next);
  }

  private static Condition condition(
      List<Condition> old,
      String type,
      String status,
      String reason,
      String message,
      long generation,
      String now) {
    Optional<Condition> prev = find(old, type);
    String since =
        prev.filter(p -> status.equals(p.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now);
    Condition c = new Condition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setMessage(message);
    c.setObservedGeneration(generation);
    c.setLastTransitionTime(since);
    return c;
  }

  static Optional<Condition> find(List<Condition> list, String type) {
    return list.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(CommonStatus status, String type) {
    return status != null
        && status.condition(type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  public static String reason(CommonStatus status, String type) {
    return status == null ? null : status.condition(type).map(Condition::getReason).orElse(null);
  }
}
