package com.profitbricks.operator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step after CRD generation that puts the printer columns in the order kubectl shows them: the
 * CRD generator sorts them by JSON path, which put AGE first and the 36-character ID before READY.
 * {@code kubectl get} shows READY REASON STATE AGE; {@code -o wide} adds ID, REQUEST, MESSAGE and
 * the kind's own outputs (priority 1). It works on the generator's text, so nothing else changes.
 * The build runs it on {@code target/kubernetes} right after generation (pom.xml, execution
 * crd-columns); tests apply it to what Quarkus generated while they run.
 */
public final class CrdColumns {
  /** The columns in the order kubectl shows them; a column not named here goes last. */
  static final List<String> ORDER =
      List.of("Ready", "Reason", "State", "Age", "ID", "Request", "Planned", "Message");

  private static final Pattern NAME = Pattern.compile("(?m)^\\s+name: \"([^\"]+)\"$");

  private CrdColumns() {}

  /** Puts the columns of every generated CRD in the folder given in order, in place. */
  public static void main(String[] args) throws java.io.IOException {
    try (java.util.stream.Stream<java.nio.file.Path> files =
        java.nio.file.Files.list(java.nio.file.Path.of(args[0]))) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith("-v1.yml")).toList()) {
        String crd = java.nio.file.Files.readString(f);
        String ordered = ordered(crd);
        if (!ordered.equals(crd)) {
          java.nio.file.Files.writeString(f, ordered);
        }
      }
    }
  }

  static String ordered(String crd) {
    String[] lines = crd.split("\n", -1);
    int start = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].endsWith("- additionalPrinterColumns:")) {
        start = i + 1;
        break;
      }
    }
    if (start < 0) {
      return crd;
    }
    String item = lines[start].substring(0, lines[start].indexOf('-'));
    String more = item + "  ";
    List<String> columns = new ArrayList<>();
    int end = start;
    for (; end < lines.length; end++) {
      if (lines[end].startsWith(item + "- ")) {
        columns.add(lines[end]);
      } else if (lines[end].startsWith(more)) {
        columns.set(columns.size() - 1, columns.get(columns.size() - 1) + "\n" + lines[end]);
      } else {
        break;
      }
    }
    columns.sort(Comparator.comparingInt(CrdColumns::rank));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < start; i++) {
      out.append(lines[i]).append('\n');
    }
    columns.forEach(c -> out.append(c).append('\n'));
    for (int i = end; i < lines.length; i++) {
      out.append(lines[i]).append(i == lines.length - 1 ? "" : "\n");
    }
    return out.toString();
  }

  private static int rank(String column) {
    Matcher m = NAME.matcher(column);
    int at = m.find() ? ORDER.indexOf(m.group(1)) : -1;
    return at < 0 ? ORDER.size() : at;
  }
}
