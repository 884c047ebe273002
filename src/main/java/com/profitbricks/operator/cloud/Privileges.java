package com.profitbricks.operator.cloud;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which privilege a user most likely lacks when the cloud answers 403 (facts §13a E9): group
 * privileges for creating datacenters and reserving IPs, otherwise the edit (or read) right of the
 * share that gives the user the datacenter or IP block. Pure: table-tested.
 */
public final class Privileges {
  private static final Pattern DATACENTER = Pattern.compile("/datacenters/([^/?]+)");
  private static final Pattern IP_BLOCK = Pattern.compile("/ipblocks/([^/?]+)");

  private Privileges() {}

  /** A sentence naming the likely missing privilege for {@code method} on {@code url}. */
  public static String hint(String method, String url) {
    String path = url == null ? "" : url.replaceAll("\\?.*$", "");
    boolean write = method != null && !method.equalsIgnoreCase("GET");
    if (write && method.equalsIgnoreCase("POST") && path.endsWith("/datacenters")) {
      return "the group privilege 'Create Data Center' (createDataCenter)";
    }
    if (write && method.equalsIgnoreCase("POST") && path.endsWith("/ipblocks")) {
      return "the group privilege 'Reserve IP' (reserveIp)";
    }
    Matcher dc = DATACENTER.matcher(path);
    if (dc.find()) {
      return write
          ? "edit rights on datacenter "
              + dc.group(1)
              + " (a group share with editPrivilege; with secAuthProtection also 2-factor"
              + " authentication)"
          : "read access to datacenter " + dc.group(1) + " (a group share)";
    }
    Matcher block = IP_BLOCK.matcher(path);
    if (block.find()) {
      return (write ? "edit rights on IP block " : "read access to IP block ")
          + block.group(1)
          + " (a group share"
          + (write ? " with editPrivilege)" : ")");
    }
    return "the privilege for " + method + " " + path;
  }
}
