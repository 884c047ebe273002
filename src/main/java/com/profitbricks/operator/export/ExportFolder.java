package com.profitbricks.operator.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes an export: one file per object, a kustomization.yaml listing every object that adopts
 * without a write (so the folder applies as it is), held-back objects under {@code held-back/} (not
 * listed), and NOTES.md with what the manifests cannot say.
 */
final class ExportFolder {
  static final String HELD_BACK = "held-back";
  static final String KUSTOMIZATION = "kustomization.yaml";
  static final String NOTES = "NOTES.md";

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private ExportFolder() {}

  /** The folder must be new or empty: files of an earlier export would be left unlisted in it. */
  static void checkEmpty(Path dir) throws IOException {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(dir + " is a file, not a folder");
      }
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException(
              dir + " is not empty: choose a new or empty folder for the export");
        }
      }
    }
  }

  /** Writes everything; answers the files written, relative to {@code dir}. */
  static List<String> write(Path dir, List<Manifest> manifests, String namespace, String notes)
      throws IOException {
    Files.createDirectories(dir);
    List<String> listed = new ArrayList<>();
    List<String> written = new ArrayList<>();
    for (Manifest m : manifests) {
      String file = m.heldBack() ? HELD_BACK + "/" + m.fileName() : m.fileName();
      Path path = dir.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, text(m, namespace), StandardCharsets.UTF_8);
      written.add(file);
      if (!m.heldBack()) {
        listed.add(file);
      }
    }
    Files.writeString(dir.resolve(KUSTOMIZATION), kustomization(listed), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(NOTES), notes, StandardCharsets.UTF_8);
    written.add(KUSTOMIZATION);
    written.add(NOTES);
    return written;
  }

  /** A kustomization listing {@code resources} in the order given. */
  static String kustomization(List<String> resources) {
    ObjectNode k = JsonNodeFactory.instance.objectNode();
    k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    k.put("kind", "Kustomization");
    ArrayNode r = k.putArray("resources");
    resources.forEach(r::add);
    return "# Every object of this export that adopts its cloud resource without a write;\n"
        + "# "
        + HELD_BACK
        + "/ is left out on purpose (see "
        + NOTES
        + ").\n"
        + yaml(k);
  }

  /** One object: comments for the user, then the object. */
  static String text(Manifest m, String namespace) {
    StringBuilder b = new StringBuilder();
    b.append("# Exported from the cloud: ").append(m.title()).append('\n');
    if (m.heldBack()) {
      b.append("# HELD BACK, not listed in ")
          .append(KUSTOMIZATION)
          .append(": applied as it is, the operator would not leave the resource alone:\n");
      m.blockers.forEach(x -> b.append("#   - ").append(x).append('\n'));
    }
    m.hints.forEach(h -> b.append("# ").append(h).append('\n'));
    if (!m.facts.isEmpty()) {
      b.append("# Not in the spec (reported, not written):\n");
      m.facts.forEach(f -> b.append("#   - ").append(f).append('\n'));
    }
    return b.append(yaml(m.document(namespace))).toString();
  }

  private static String yaml(ObjectNode tree) {
    String s = YAML.asYaml(tree);
    return s.startsWith("---\n") ? s.substring(4) : s;
  }
}
