package com.profitbricks.client;

import java.util.function.Supplier;

/**
 * Runs code that may write to the cloud without letting a write leave the process: inside {@link
 * #run}, every call other than a GET made on this thread through any client is stopped before it
 * takes a rate-limit token or touches the network, and raised as a {@link PlannedWrite} that
 * carries the call exactly as it would have been sent. A preview is therefore computed by the same
 * code that sends, and cannot send by mistake.
 */
public final class Rehearsal {
  private static final ThreadLocal<Boolean> ON = new ThreadLocal<>();

  private Rehearsal() {}

  /** Runs {@code work} with every write stopped before it is sent. */
  public static <T> T run(Supplier<T> work) {
    Boolean outer = ON.get();
    ON.set(Boolean.TRUE);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        ON.remove();
      }
    }
  }

  /** Whether writes on this thread are being rehearsed. */
  public static boolean active() {
    return ON.get() != null;
  }
}
