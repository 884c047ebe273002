package com.profitbricks.operator.export;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The command line of {@link ExportMain}, checked before anything is read. */
record ExportOptions(
    List<String> datacenters,
    boolean all,
    Path out,
    String namespace,
    boolean observe,
    String deletionPolicy,
    String apiUrl,
    Credentials credentials) {

  static final String USAGE =
      """
      Usage: export (--datacenter <id>)... | --all  --out <dir> [options]

        --datacenter <id>     a datacenter to export (repeatable)
        --all                 every datacenter of the contract, and every IP block
        --out <dir>           a new or empty folder for the manifests
        --namespace <ns>      metadata.namespace of every object (default: none, so the
                              namespace you apply to)
        --observe             managementPolicy: Observe in every spec (the operator only reads)
        --deletion-policy <p> Delete or Orphan in every spec (default: none, so Delete)
        --api-url <url>       the Cloud API (default $PROFITBRICKS_API_URL, else
                              https://api.ionos.com/cloudapi/v6)
        --help                this text

      Credentials: PROFITBRICKS_USERNAME and PROFITBRICKS_PASSWORD, or PROFITBRICKS_TOKEN
      (IONOS_USERNAME, IONOS_PASSWORD and IONOS_TOKEN work too).
      Exit codes: 0 written, 1 the Cloud API or the folder failed, 2 wrong arguments,
      credentials or datacenter id.
      """;

  static final Pattern UUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

  /** A mistake in the command line or the environment: said in words, exit code 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** The options, or null when help was asked for. */
  static ExportOptions parse(String[] args, Map<String, String> env) {
    List<String> dcs = new ArrayList<>();
    boolean all = false;
    boolean observe = false;
    String out = null;
    String ns = null;
    String policy = null;
    String url = env(env, "PROFITBRICKS_API_URL", "IONOS_API_URL");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help", "-h" -> {
          return null;
        }
        case "--all" -> all = true;
        case "--observe" -> observe = true;
        case "--datacenter" -> dcs.add(value(args, ++i, a));
        case "--out" -> out = value(args, ++i, a);
        case "--namespace" -> ns = value(args, ++i, a);
        case "--deletion-policy" -> policy = value(args, ++i, a);
        case "--api-url" -> url = value(args, ++i, a);
        default -> throw new UsageException("unknown argument " + a + "\n\n" + USAGE);
      }
    }
    if (all == !dcs.isEmpty()) {
      throw new UsageException("give --datacenter <id> (one or more) or --all\n\n" + USAGE);
    }
    for (String id : dcs) {
      if (!UUID.matcher(id).matches()) {
        throw new UsageException(id + " is not a datacenter id (a UUID)");
      }
    }
    if (out == null) {
      throw new UsageException("give --out <dir>, a new or empty folder\n\n" + USAGE);
    }
    if (ns != null && !DNS_LABEL.matcher(ns).matches()) {
      throw new UsageException(ns + " is not a namespace name (a DNS-1123 label)");
    }
    if (policy != null && !List.of("Delete", "Orphan").contains(policy)) {
      throw new UsageException("--deletion-policy takes Delete or Orphan, not " + policy);
    }
    return new ExportOptions(
        dcs, all, Path.of(out), ns, observe, policy, baseUrl(url), credentials(env));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value\n\n" + USAGE);
    }
    return args[i];
  }

  private static String env(Map<String, String> env, String name, String alias) {
    String v = env.get(name);
    v = v == null || v.isBlank() ? env.get(alias) : v;
    return v == null || v.isBlank() ? null : v;
  }

  static Credentials credentials(Map<String, String> env) {
    String token = env(env, "PROFITBRICKS_TOKEN", "IONOS_TOKEN");
    if (token != null) {
      return Credentials.token(token);
    }
    String user = env(env, "PROFITBRICKS_USERNAME", "IONOS_USERNAME");
    String password = env(env, "PROFITBRICKS_PASSWORD", "IONOS_PASSWORD");
    if (user != null && password != null) {
      return Credentials.basic(user, password);
    }
    throw new UsageException(
        "no Cloud API credentials: set PROFITBRICKS_USERNAME and PROFITBRICKS_PASSWORD, or"
            + " PROFITBRICKS_TOKEN");
  }

  /**
   * As the operator takes its API URL: a bare host ({@code https://api.ionos.com}) gets the v6
   * path, any other path is kept as given (a proxy).
   */
  static String baseUrl(String configured) {
    if (configured == null) {
      return ProfitBricksClient.DEFAULT_BASE_URL;
    }
    String url = configured.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new UsageException(configured + " is not a URL");
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new UsageException(configured + " is not an http(s) URL");
    }
    return uri.getPath() == null || uri.getPath().isEmpty() ? url + "/cloudapi/v6" : url;
  }
}
