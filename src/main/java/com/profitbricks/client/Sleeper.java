package com.profitbricks.client;

import java.time.Duration;

/** How the client waits (backoff, Retry-After, rate limiting). Replaceable in tests. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  Sleeper SYSTEM =
      d -> {
        if (!d.isNegative() && !d.isZero()) {
          Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
      };
}
