package com.profitbricks.operator.cloud;

/**
 * What one write would add to a contract, in the units of the contract's {@code resourceLimits}:
 * cores, RAM in MB, HDD and SSD capacity in GB, reserved IP addresses. The {@code largest*} fields
 * are the biggest single server or volume the write makes, checked against the per-server and
 * per-volume limits.
 */
public record Demand(
    long cores,
    long ram,
    long hdd,
    long ssd,
    long ips,
    long largestCores,
    long largestRam,
    long largestHdd,
    long largestSsd) {

  public static final Demand NONE = new Demand(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /**
   * A server of {@code cores} and {@code ram} MB, of which {@code addedCores}/{@code addedRam} are
   * new to the contract (all of it for a create, the growth for an update).
   */
  public static Demand server(long cores, long ram, long addedCores, long addedRam) {
    return new Demand(Math.max(0, addedCores), Math.max(0, addedRam), 0, 0, 0, cores, ram, 0, 0);
  }

  /**
   * A volume of {@code size} GB of {@code type} (HDD, SSD, "SSD Standard", "SSD Premium"; DAS and
   * others count against no capacity limit), {@code added} GB of it new to the contract.
   */
  public static Demand volume(String type, long size, long added) {
    long grow = Math.max(0, added);
    if ("HDD".equals(type)) {
      return new Demand(0, 0, grow, 0, 0, 0, 0, size, 0);
    }
    if (type != null && type.startsWith("SSD")) {
      return new Demand(0, 0, 0, grow, 0, 0, 0, 0, size);
    }
    return NONE;
  }

  public static Demand ips(long count) {
    return new Demand(0, 0, 0, 0, Math.max(0, count), 0, 0, 0, 0);
  }

  public Demand plus(Demand o) {
    return new Demand(
        cores + o.cores,
        ram + o.ram,
        hdd + o.hdd,
        ssd + o.ssd,
        ips + o.ips,
        Math.max(largestCores, o.largestCores),
        Math.max(largestRam, o.largestRam),
        Math.max(largestHdd, o.largestHdd),
        Math.max(largestSsd, o.largestSsd));
  }

  /** Adds to a contract total: only then is it checked (a shrink or same size needs no room). */
  public boolean grows() {
    return cores > 0 || ram > 0 || hdd > 0 || ssd > 0 || ips > 0;
  }
}
