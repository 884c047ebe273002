package com.profitbricks.operator.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes names for cloud resources: DNS-1123 labels (lowercase letters, digits and '-', at most
 * 63), derived from the cloud names, unique within one kind, and the same for the same cloud
 * resources whatever order the API lists them in, so that exporting twice gives the same files.
 */
final class KubeNames {
  static final int MAX = 63;

  /** Room left for a suffix that tells apart resources of one name. */
  private static final int BASE_MAX = 50;

  private KubeNames() {}

  /**
   * A resource to name: {@code key} identifies it in the cloud (its id, or the datacenter's and its
   * own for a LAN), {@code base} is the name wanted, {@code suffixes} tell it apart from others of
   * that base, tried in order.
   */
  record Candidate(String key, String base, List<String> suffixes) {}

  /** The DNS-1123 form of a cloud name, or {@code fallback} when nothing of it is left. */
  static String base(String cloudName, String fallback) {
    String s = cloudName == null ? "" : cloudName;
    // é becomes e rather than a dash
    s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    s = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    s = trim(s.length() > BASE_MAX ? s.substring(0, BASE_MAX) : s);
    return s.isEmpty() ? fallback : s;
  }

  /**
   * Names for every candidate, by key. A base only one candidate wants is used as it is; the others
   * get the first of their suffixes no other name has taken.
   */
  static Map<String, String> assign(List<Candidate> candidates) {
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparing(Candidate::key));
    Map<String, Integer> wanted = new HashMap<>();
    sorted.forEach(c -> wanted.merge(c.base(), 1, Integer::sum));
    Map<String, String> names = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (Candidate c : sorted) {
      if (wanted.get(c.base()) == 1) {
        names.put(c.key(), c.base());
        taken.add(c.base());
      }
    }
    for (Candidate c : sorted) {
      if (names.containsKey(c.key())) {
        continue;
      }
      List<String> tries = new ArrayList<>(c.suffixes());
      tries.add(hash(c.key()));
      String name = null;
      for (String suffix : tries) {
        String n = join(c.base(), suffix);
        if (!taken.contains(n)) {
          name = n;
          break;
        }
      }
      for (int i = 2; name == null; i++) {
        String n = join(c.base(), hash(c.key()) + "-" + i);
        name = taken.contains(n) ? null : n;
      }
      names.put(c.key(), name);
      taken.add(name);
    }
    return names;
  }

  /** {@code base-suffix}, the base shortened so that the whole is a valid label. */
  static String join(String base, String suffix) {
    String s = base(suffix, "x");
    String b =
        base.length() + 1 + s.length() > MAX ? base.substring(0, MAX - 1 - s.length()) : base;
    b = trim(b);
    return b.isEmpty() ? s : b + "-" + s;
  }

  /** The first 8 hex digits of an id, a short but (in practice) distinct suffix. */
  static String shortId(String id) {
    String s = id.replace("-", "").toLowerCase(Locale.ROOT);
    return s.length() > 8 ? s.substring(0, 8) : s;
  }

  private static String hash(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        b.append(String.format("%02x", d[i]));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String trim(String s) {
    return s.replaceAll("^-+", "").replaceAll("-+$", "");
  }
}
