package com.profitbricks.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.PBLanStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The status builder against the kstatus rules Flux and Argo CD apply. */
class ConditionsTest {
  static final Clock T0 = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final Clock T1 = Clock.fixed(Instant.parse("2026-01-01T01:00:00Z"), ZoneOffset.UTC);

  @Test
  void everyReasonIsAValidConditionReason() {
    for (String r : Reasons.ALL) {
      assertThat(r).matches("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");
    }
  }

  /** kstatus, as Flux computes it from our conditions. */
  static String kstatus(CommonStatus s, long generation) {
    if (s.getObservedGeneration() == null || s.getObservedGeneration() != generation) {
      return "InProgress";
    }
    Map<String, String> c =
        s.getConditions().stream()
            .collect(Collectors.toMap(Condition::getType, Condition::getStatus));
    if ("True".equals(c.get("Reconciling"))) {
      return "InProgress";
    }
    if ("True".equals(c.get("Stalled"))) {
      return "Failed";
    }
    return "True".equals(c.get("Ready")) ? "Current" : "InProgress";
  }

  static List<Object[]> outcomes() {
    return List.of(
        new Object[] {Outcome.ready("ok"), "Current", "True"},
        new Object[] {
          Outcome.progressing(Reasons.WAITING_FOR_REQUEST, "request is RUNNING"),
          "InProgress",
          "False"
        },
        new Object[] {
          Outcome.progressing(Reasons.DEPENDENCY_NOT_READY, "parent"), "InProgress", "False"
        },
        new Object[] {
          Outcome.progressing(Reasons.CLOUD_API_UNAVAILABLE, "503"), "InProgress", "False"
        },
        new Object[] {Outcome.stalled(Reasons.CLOUD_REJECTED, "422"), "Failed", "False"},
        new Object[] {
          Outcome.stalled(Reasons.IMMUTABLE_FIELD_CHANGED, "location"), "Failed", "False"
        },
        new Object[] {Outcome.stalled(Reasons.REQUEST_FAILED, "FAILED"), "Failed", "False"},
        // writes held by a human (preview, Observe): not Ready, neither in progress nor stuck
        new Object[] {Outcome.held(Reasons.PLANNED, "1 call"), "InProgress", "False"},
        new Object[] {Outcome.held(Reasons.DRIFTED, "cores"), "InProgress", "False"});
  }

  @ParameterizedTest
  @MethodSource("outcomes")
  void outcomesMapToKstatus(Outcome o, String kstatus, String ready) {
    CommonStatus s = new CommonStatus();
    Conditions.apply(s, 3, o, T0);
    assertThat(kstatus(s, 3)).isEqualTo(kstatus);
    assertThat(s.condition("Ready").orElseThrow().getStatus()).isEqualTo(ready);
    assertThat(s.getConditions())
        .hasSize(3)
        .allMatch(c -> c.getObservedGeneration() == 3 && o.reason().equals(c.getReason()));
    assertThat(s.getConditions().stream().filter(c -> c.getStatus().equals("True")).count())
        .as("never Reconciling and Stalled at once")
        .isLessThanOrEqualTo(1);
    assertThat(kstatus(s, 4))
        .as("a newer generation is InProgress until observed")
        .isEqualTo("InProgress");
  }

  @Test
  void heldWritesAreNeitherReconcilingNorStalled() {
    CommonStatus s = new CommonStatus();
    Conditions.apply(s, 2, Outcome.held(Reasons.DRIFTED, "cores differ"), T0);
    assertThat(s.condition("Reconciling").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(s.condition("Stalled").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(s.condition("Ready").orElseThrow().getMessage()).isEqualTo("cores differ");
    assertThat(s.getObservedGeneration()).as("the spec was looked at").isEqualTo(2);
  }

  @Test
  void aMessageLongerThanTheCrdAllowsIsCut() {
    PBLanStatus st = new PBLanStatus();
    Conditions.apply(
        st,
        1,
        Outcome.stalled(Reasons.CLOUD_REJECTED, "x".repeat(Conditions.MAX_MESSAGE + 10)),
        java.time.Clock.systemUTC());
    assertThat(st.condition("Ready").orElseThrow().getMessage())
        .hasSize(Conditions.MAX_MESSAGE)
        .endsWith("...");
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
    CommonStatus s = new CommonStatus();
    Conditions.apply(s, 1, Outcome.progressing(Reasons.CREATING, "a"), T0);
    Conditions.apply(s, 1, Outcome.progressing(Reasons.WAITING_FOR_REQUEST, "b"), T1);
    assertThat(s.condition("Ready").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(s.condition("Ready").orElseThrow().getReason())
        .isEqualTo(Reasons.WAITING_FOR_REQUEST);
    Conditions.apply(s, 1, Outcome.ready("ok"), T1);
    assertThat(s.condition("Ready").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T01:00:00Z");
    assertThat(s.condition("Reconciling").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T01:00:00Z");
    assertThat(s.condition("Stalled").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void aReconcileThatChangesNothingGivesAnEqualStatus() {
    CommonStatus a = new CommonStatus();
    Conditions.apply(a, 2, Outcome.ready("ok"), T0);
    CommonStatus b = new CommonStatus();
    b.setConditions(a.getConditions());
    b.setObservedGeneration(2L);
    Conditions.apply(b, 2, Outcome.ready("ok"), T1);
    assertThat(b).isEqualTo(a);
  }

  @Test
  void pausedKeepsReadyAsItWasAndNeverReportsANewSpecAsApplied() {
    CommonStatus s = new CommonStatus();
    Conditions.apply(s, 1, Outcome.ready("ok"), T0);
    Condition ready = s.condition("Ready").orElseThrow();
    // the spec changed (generation 2) while paused: nothing of it was applied
    Conditions.apply(s, 2, Outcome.paused(), T1);
    assertThat(s.condition("Ready").orElseThrow()).as("Ready untouched").isEqualTo(ready);
    assertThat(s.condition("Ready").orElseThrow().getObservedGeneration()).isEqualTo(1);
    Condition reconciling = s.condition("Reconciling").orElseThrow();
    assertThat(reconciling.getStatus()).isEqualTo("False");
    assertThat(reconciling.getReason()).isEqualTo(Reasons.PAUSED);
    assertThat(reconciling.getObservedGeneration()).isEqualTo(2);
    assertThat(s.condition("Stalled").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(s.getObservedGeneration()).as("the generation last acted on").isEqualTo(1);
    assertThat(kstatus(s, 2)).as("Flux does not read it as converged").isEqualTo("InProgress");
  }

  @Test
  void anObjectPausedFromTheStartIsUnknownAndNotObserved() {
    CommonStatus s = new CommonStatus();
    Conditions.apply(s, 1, Outcome.paused(), T0);
    assertThat(s.condition("Ready").orElseThrow().getStatus()).isEqualTo("Unknown");
    assertThat(s.condition("Ready").orElseThrow().getReason()).isEqualTo(Reasons.PAUSED);
    assertThat(s.getObservedGeneration()).isEqualTo(-1);
    assertThat(kstatus(s, 1)).isEqualTo("InProgress");
  }
}
