package com.profitbricks.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;

/**
 * The cloud's clock as this client last saw it: the local clock plus the offset the latest answer's
 * {@code Date} header showed. Times the cloud records (a request's {@code createdDate}, the request
 * log's {@code filter.createdAfter}) must be compared with this clock, never with the host's: a
 * host 90 s ahead of the cloud would otherwise search the request log from after the very create it
 * looks for. Until the first answer it is the local clock.
 *
 * <p>{@code Date} has a resolution of one second and is stamped before the answer travels, so the
 * offset is known to a second or two; {@link #TOLERANCE} is the margin to allow when comparing.
 */
public final class CloudClock extends Clock {
  /** The margin to allow when comparing a time of this clock with one the cloud recorded. */
  public static final Duration TOLERANCE = Duration.ofMinutes(1);

  private final Clock local;
  private volatile Duration offset = Duration.ZERO;
  private volatile boolean synced;

  CloudClock(Clock local) {
    this.local = local;
  }

  /** Learns the offset from an answer's {@code Date} header ({@code null}: nothing to learn). */
  void observe(Date cloudNow) {
    if (cloudNow != null) {
      offset = Duration.between(local.instant(), cloudNow.toInstant());
      synced = true;
    }
  }

  /** Whether an answer has shown the cloud's time yet (before that this is the local clock). */
  public boolean isSynced() {
    return synced;
  }

  /** How far the cloud's clock is ahead of the local one (negative: behind). */
  public Duration offset() {
    return offset;
  }

  @Override
  public Instant instant() {
    return local.instant().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(this, Duration.ZERO).withZone(zone);
  }
}
