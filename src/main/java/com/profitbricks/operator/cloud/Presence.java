package com.profitbricks.operator.cloud;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What reads showed of datacenters and IP blocks being there. A datacenter the cloud answered 404
 * for twice is gone for a while: ids are the cloud's UUIDs and never come back, so the children of
 * a deleted datacenter need not each ask again (a storm of 404s when a datacenter with hundreds of
 * objects is deleted); a listing that shows one again, or a write into it, forgets it.
 */
final class Presence {
  /** How long a datacenter counts as gone before it is read again. */
  static final Duration GONE_FOR = Duration.ofMinutes(5);

  /** Items per page of the whole listings of datacenters and IP blocks. */
  static final int LISTING_PAGE = 1000;

  private final Map<String, Long> gone = new ConcurrentHashMap<>();

  /** When a read last showed each datacenter or IP block there (its end, {@code nanoTime}). */
  private final Map<String, Long> present = new ConcurrentHashMap<>();

  void seen(String id) {
    present.put(id, System.nanoTime());
  }

  /**
   * A whole listing shows {@code id} gone when it came in one page (no page skipped an item while
   * others were deleted) and began after a read last showed it there (not a listing from before it
   * was made). Otherwise absence is confirmed by a read of its own: a 404 per deleted resource is
   * what this spares.
   */
  boolean absenceShown(View<?> listing, int size, String id) {
    Long seen = present.get(id);
    boolean shown = size < LISTING_PAGE && seen != null && listing.atNanos() - seen > 0;
    if (shown) {
      present.remove(id);
    }
    return shown;
  }

  /**
   * Gone for a while: a datacenter said 404 twice is not asked for again by each of its children,
   * but not for ever either, so a wrong 404 heals at the next read after {@link #GONE_FOR}.
   */
  boolean isGone(String id) {
    Long since = gone.get(id);
    if (since == null) {
      return false;
    }
    if (System.nanoTime() - since > GONE_FOR.toNanos()) {
      gone.remove(id, since);
      return false;
    }
    return true;
  }

  void gone(String id) {
    if (gone.size() > 10_000) {
      gone.clear();
    }
    gone.put(id, System.nanoTime());
  }

  void forget(String id) {
    gone.remove(id);
  }
}
