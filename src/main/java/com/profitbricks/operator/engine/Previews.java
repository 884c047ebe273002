package com.profitbricks.operator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.profitbricks.client.PlannedWrite;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.Plan;
import com.profitbricks.operator.api.v1alpha1.PlannedCall;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Passes that send nothing: with the {@value CloudReconcilerEngine#PREVIEW} annotation or the
 * Observe management policy a pass runs its gates as always (reads included) but each write is
 * stopped before it is sent ({@link com.profitbricks.client.Rehearsal}) and becomes {@code
 * status.plan}.
 */
final class Previews {
  /** Body fields whose values come from Secrets or may hold them: never shown in a plan. */
  private static final Set<String> SECRET =
      Set.of("imagePassword", "password", "sshKeys", "userData");

  private Previews() {}

  /** Whether the object's writes are held: the preview annotation, or Observe. */
  static boolean rehearsing(CustomResource<? extends CommonSpec, ?> cr) {
    return cr.getSpec().isObserveOnly() || previewWanted(cr);
  }

  static boolean previewWanted(CustomResource<?, ?> cr) {
    return "true".equalsIgnoreCase(Wakeups.annotation(cr, CloudReconcilerEngine.PREVIEW));
  }

  /** The outcome of a pass whose write the preview annotation holds. */
  static Outcome heldByPreview(String sending, String removeTo) {
    return Outcome.held(
        Reasons.PLANNED,
        CloudReconcilerEngine.PREVIEW
            + " is \"true\", nothing was sent: "
            + sending
            + "; remove the annotation to "
            + removeTo);
  }

  /** The plan of one stopped write. */
  static Plan planned(long generation, PlannedWrite w) {
    PlannedCall call = call(w);
    return new Plan(generation, call.toString(), List.of(call));
  }

  /** The plan of a pass that would send nothing, with the outcome's words. */
  static Plan nothing(long generation, boolean ready, String why) {
    return new Plan(generation, ready ? "nothing to do" : "nothing to send now: " + why, List.of());
  }

  static PlannedCall call(PlannedWrite w) {
    Map<String, String> fields = new LinkedHashMap<>();
    flatten("", w.body(), fields);
    return new PlannedCall(w.method(), w.path(), fields);
  }

  /** The body's leaves by their dotted path; arrays by index; secrets masked. */
  private static void flatten(String at, JsonNode n, Map<String, String> out) {
    if (n == null || n.isNull()) {
      return;
    }
    if (n.isObject()) {
      n.fields()
          .forEachRemaining(
              e -> {
                String key = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
                if (SECRET.contains(e.getKey()) && !e.getValue().isNull()) {
                  out.put(key, "(secret)");
                } else {
                  flatten(key, e.getValue(), out);
                }
              });
    } else if (n.isArray()) {
      if (n.isEmpty()) {
        out.put(at, "[]");
      }
      for (int i = 0; i < n.size(); i++) {
        flatten(at + "[" + i + "]", n.get(i), out);
      }
    } else {
      out.put(at, n.asText());
    }
  }
}
