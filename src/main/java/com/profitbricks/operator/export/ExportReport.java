package com.profitbricks.operator.export;

import java.util.List;

/**
 * What an export could not write into a manifest, in words: printed, and kept as NOTES.md beside
 * the manifests.
 */
final class ExportReport {
  private ExportReport() {}

  static String text(ExportPlan plan, boolean observe) {
    List<Manifest> all = plan.all();
    long held = all.stream().filter(Manifest::heldBack).count();
    StringBuilder b = new StringBuilder("# Export notes\n\n");
    b.append("Datacenters: ");
    b.append(
        String.join(
            ", ",
            plan.datacenters.values().stream().map(m -> m.name + " (" + m.cloudId + ")").toList()));
    b.append("\n\n");
    b.append(all.size() - held)
        .append(" object(s) listed in ")
        .append(ExportFolder.KUSTOMIZATION)
        .append(", each with spec.adoptId: applying them adopts the resources without a write.\n");
    if (observe) {
      b.append("Every spec says managementPolicy: Observe: the operator only reads. Once their")
          .append(" status shows what you expect, remove that line (or set Manage).\n");
    }
    if (held > 0) {
      b.append(held)
          .append(" object(s) held back in ")
          .append(ExportFolder.HELD_BACK)
          .append("/, not listed: applied as they are, the operator would change the cloud.")
          .append(" Objects that depend on them name them by cloud id.\n");
    }
    b.append("\n## Held back\n\n");
    section(b, all.stream().filter(Manifest::heldBack).toList(), true);
    b.append("\n## Reported, not written (no spec field holds it)\n\n");
    section(b, all.stream().filter(m -> !m.facts.isEmpty()).toList(), false);
    b.append("\n## Never written\n\n")
        .append("- Passwords: the cloud never returns a volume's image password (nor its SSH")
        .append(" keys); no Secret and no value of one is in this export.\n");
    return b.toString();
  }

  private static void section(StringBuilder b, List<Manifest> ms, boolean blockers) {
    if (ms.isEmpty()) {
      b.append("None.\n");
    }
    for (Manifest m : ms) {
      b.append("- ").append(m.title()).append('\n');
      (blockers ? m.blockers : m.facts).forEach(x -> b.append("  - ").append(x).append('\n'));
    }
  }
}
