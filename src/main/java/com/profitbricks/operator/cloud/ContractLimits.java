package com.profitbricks.operator.cloud;

import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.ProfitBricksException;
import com.profitbricks.client.model.Contract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The contract's {@code resourceLimits} ({@code GET /contracts}), read once per TTL, and the writes
 * this operator has sent that the contract's "provisioned" counts may not show yet. A create or
 * growth that would go over a limit is refused here, before a request the cloud would accept and
 * fail minutes later.
 *
 * <p>A write that adds to a contract total is claimed when it is let through, before its send, and
 * counts against what is left for every other object until its object is Ready (or its request
 * failed, or it was deleted) and the limits were read after that: a burst of creates cannot each
 * see the same free capacity. An object holds one claim, its latest. Limits that cannot be read (a
 * user not allowed to list contracts, an outage) are not guessed: nothing is refused then, and the
 * cloud's own answer stands.
 */
public final class ContractLimits {
  private static final Logger LOG = Logger.getLogger(ContractLimits.class);

  /** A write recorded longer ago than this no longer counts as on its way (a leak guard). */
  private static final Duration STALE = Duration.ofMinutes(30);

  private final ProfitBricksClient client;
  private final Duration ttl;
  private final Clock clock;
  private final Object reading = new Object();
  private final Map<String, Sent> sent = new HashMap<>();
  private volatile Map<String, Long> limits;
  private volatile Instant readAt;

  private static final class Sent {
    final Demand demand;
    final Instant at;
    Instant settled;

    Sent(Demand demand, Instant at) {
      this.demand = demand;
      this.at = at;
    }
  }

  /**
   * Limits read through {@code client}, each read serving {@code ttl} on this machine's clock (not
   * the cloud's, whose estimate moves with each answer's Date header).
   */
  public ContractLimits(ProfitBricksClient client, Duration ttl) {
    this(client, ttl, Clock.systemUTC());
  }

  ContractLimits(ProfitBricksClient client, Duration ttl, Clock clock) {
    this.client = client;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Why a write was not let through; {@code waiting} when it fits once writes on their way end. */
  public record Refusal(String message, boolean waiting) {}

  /**
   * Whether {@code demand} of the object {@code key} may be sent: empty when it fits (or the limits
   * are unknown), else why not. Over a limit on its own, it is refused; fitting on its own but not
   * beside what other objects claimed and the limits' provisioned counts may not show yet, it
   * waits. With {@code claim}, a demand let through is recorded at once, before its send: two
   * objects checked at the same moment cannot both take the last room.
   */
  public Optional<Refusal> admit(String key, Demand demand, boolean claim) {
    if (!demand.grows()) {
      return Optional.empty();
    }
    Map<String, Long> l = current();
    synchronized (this) {
      Optional<String> alone = check(l, demand, Demand.NONE);
      if (alone.isPresent()) {
        return Optional.of(new Refusal(alone.get(), false));
      }
      Optional<String> crowded = check(l, demand, onTheWay(key));
      if (crowded.isPresent()) {
        return Optional.of(new Refusal(crowded.get(), true));
      }
      if (claim) {
        sent.put(key, new Sent(demand, clock.instant()));
      }
      return Optional.empty();
    }
  }

  /** The object's last write ended (Ready or FAILED): the next read of the limits includes it. */
  public synchronized void settled(String key) {
    Sent s = sent.get(key);
    if (s != null && s.settled == null) {
      s.settled = clock.instant();
    }
  }

  /** The object is gone, or the cloud refused its write: what it claimed counts no more. */
  public synchronized void forget(String key) {
    sent.remove(key);
  }

  /** A request FAILED: one that names a limit means the limits read may be out of date. */
  public void failed(String message) {
    if (message != null && message.toLowerCase(Locale.ROOT).contains("limit")) {
      readAt = null;
    }
  }

  private synchronized Demand onTheWay(String key) {
    Demand sum = Demand.NONE;
    for (Map.Entry<String, Sent> e : sent.entrySet()) {
      Sent s = e.getValue();
      boolean counted = s.settled == null || readAt == null || !s.settled.isBefore(readAt);
      if (!e.getKey().equals(key) && counted) {
        Demand d = s.demand;
        sum = sum.plus(new Demand(d.cores(), d.ram(), d.hdd(), d.ssd(), d.ips(), 0, 0, 0, 0));
      }
    }
    return sum;
  }

  private Map<String, Long> current() {
    Instant at = readAt;
    if (at != null && clock.instant().isBefore(at.plus(ttl))) {
      return limits;
    }
    synchronized (reading) {
      at = readAt;
      if (at != null && clock.instant().isBefore(at.plus(ttl))) {
        return limits;
      }
      Instant started = clock.instant();
      Map<String, Long> read = read();
      synchronized (this) {
        // settled before this read began: the read's "provisioned" counts them
        sent.values()
            .removeIf(
                s ->
                    (s.settled != null && s.settled.isBefore(started))
                        || s.at.isBefore(started.minus(STALE)));
        limits = read;
        readAt = started;
      }
      return read;
    }
  }

  private Map<String, Long> read() {
    try {
      for (Contract c : client.contracts().list().itemsOrEmpty()) {
        if (c.properties() != null && c.properties().resourceLimits() != null) {
          return Map.copyOf(c.properties().resourceLimits());
        }
      }
      return Map.of();
    } catch (ProfitBricksException e) {
      LOG.infof(
          "The contract's resource limits could not be read (%s); writes are not checked against"
              + " them until they can be",
          e.getMessage());
      return Map.of();
    }
  }

  /**
   * Why {@code demand} does not fit {@code limits} with {@code onTheWay} sent by other objects and
   * not yet in the limits' provisioned counts, or empty. A limit the answer lacks, or one of zero
   * or less, is not checked.
   */
  static Optional<String> check(Map<String, Long> limits, Demand demand, Demand onTheWay) {
    List<String> over = new ArrayList<>();
    perItem(limits, "coresPerServer", demand.largestCores(), "cores for one server", over);
    perItem(limits, "ramPerServer", demand.largestRam(), "MB of RAM for one server", over);
    perItem(limits, "hddLimitPerVolume", demand.largestHdd(), "GB for one HDD volume", over);
    perItem(limits, "ssdLimitPerVolume", demand.largestSsd(), "GB for one SSD volume", over);
    total(limits, "coresPerContract", "coresProvisioned", demand.cores(), onTheWay.cores(), over);
    total(limits, "ramPerContract", "ramProvisioned", demand.ram(), onTheWay.ram(), over);
    total(
        limits, "hddLimitPerContract", "hddVolumeProvisioned", demand.hdd(), onTheWay.hdd(), over);
    total(
        limits, "ssdLimitPerContract", "ssdVolumeProvisioned", demand.ssd(), onTheWay.ssd(), over);
    total(limits, "reservableIps", "reservedIpsOnContract", demand.ips(), onTheWay.ips(), over);
    return over.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "Over the contract's resource limits, nothing was sent: " + String.join("; ", over));
  }

  private static void perItem(
      Map<String, Long> limits, String name, long asked, String what, List<String> over) {
    Long limit = limits.get(name);
    if (limit != null && limit > 0 && asked > limit) {
      over.add(name + " is " + limit + ", the spec asks " + asked + " " + what);
    }
  }

  private static void total(
      Map<String, Long> limits,
      String name,
      String provisionedName,
      long adds,
      long onTheWay,
      List<String> over) {
    Long limit = limits.get(name);
    if (limit == null || limit <= 0 || adds <= 0) {
      return;
    }
    long provisioned = limits.getOrDefault(provisionedName, 0L);
    if (provisioned + onTheWay + adds > limit) {
      over.add(
          name
              + " is "
              + limit
              + ": "
              + provisioned
              + " provisioned, "
              + onTheWay
              + " on the way for other objects, and this spec adds "
              + adds);
    }
  }
}
