package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The addresses the simulated cloud gives out, all from documentation ranges: reserved ones of IP
 * blocks, public ones of NICs that name none, and private ones.
 */
final class Addresses {
  /** Reserved public addresses (IP blocks): offset in the two documentation ranges. */
  private final TreeSet<Integer> reserved = new TreeSet<>();

  private int dynamicIp;
  private int privateIp;

  /** A public address for a NIC in a public LAN that names none (from 192.0.2.0/24). */
  String dynamicPublicIp() {
    dynamicIp = dynamicIp % 250 + 1;
    return "192.0.2." + dynamicIp;
  }

  /** Given out by {@link #dynamicPublicIp()}: not reserved, so a stop takes it back. */
  static boolean isDynamicPublic(String ip) {
    return ip.startsWith("192.0.2.");
  }

  String privateIp() {
    privateIp++;
    return "10.7." + (privateIp / 250) % 250 + "." + (privateIp % 250 + 2);
  }

  /** Reserves {@code size} consecutive addresses from 203.0.113.0/24 and 198.51.100.0/24. */
  List<String> reserveIps(int size) {
    for (int start = 1; start + size <= 511; start++) {
      if (start < 255 && start + size > 255) {
        continue; // a block does not straddle the two ranges
      }
      boolean free = true;
      for (int i = start; i < start + size && free; i++) {
        free = !reserved.contains(i) && i != 255 && i != 256;
      }
      if (free) {
        List<String> ips = new ArrayList<>();
        for (int i = start; i < start + size; i++) {
          reserved.add(i);
          ips.add(i < 256 ? "203.0.113." + i : "198.51.100." + (i - 256));
        }
        return ips;
      }
    }
    throw new ApiError(422, "220", "No more IP addresses available to reserve");
  }

  void releaseIps(JsonNode ips) {
    for (JsonNode ip : ips) {
      String s = ip.asText();
      if (s.startsWith("203.0.113.")) {
        reserved.remove(Integer.parseInt(s.substring(10)));
      } else if (s.startsWith("198.51.100.")) {
        reserved.remove(256 + Integer.parseInt(s.substring(11)));
      }
    }
  }

  static boolean isReservablePublic(String ip) {
    return ip.startsWith("203.0.113.") || ip.startsWith("198.51.100.");
  }

  void clearReservations() {
    reserved.clear();
  }
}
