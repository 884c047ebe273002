package com.profitbricks.operator.cloud;

import java.time.Duration;
import java.util.function.Function;

/**
 * The oldest view the pass on this thread may use beyond the read cache's TTL: one whose read began
 * after the floor ({@code nanoTime}: the end of the object's own latest request), and recent.
 * Unset: the TTL alone decides.
 *
 * <p>An object still converging that is woken because a neighbour changed in Kubernetes (a LAN got
 * its id, a NIC was made) learns nothing from a new read of a datacenter whose cloud state its own
 * requests and the request log tell it about: what it did is in any view read after its request
 * ended, and what somebody else did through the API drops the view (the request log's check).
 */
final class PassFloor {
  private final ThreadLocal<Long> floor = new ThreadLocal<>();

  /** When this floor was made: every view of its reader was read later. */
  private final long born = System.nanoTime();

  /**
   * Sets the floor from the object's latest request: none, any view of this process; one whose end
   * this process saw, a view begun after it; any other (in flight, ended before this process, not
   * sent yet), none: the TTL alone.
   */
  void from(String requestId, boolean hasRequest, Function<String, Long> endSeen) {
    if (!hasRequest) {
      floor.set(born);
    } else {
      set(requestId == null ? null : endSeen.apply(requestId));
    }
  }

  /** Sets the floor of this thread's pass; null leaves it unset. */
  void set(Long nanos) {
    if (nanos == null) {
      floor.remove();
    } else {
      floor.set(nanos);
    }
  }

  void clear() {
    floor.remove();
  }

  boolean allows(View<?> view, Duration recent) {
    Long f = floor.get();
    return f != null
        && view.atNanos() - f > 0
        && System.nanoTime() - view.atNanos() < recent.toNanos();
  }
}
