package com.profitbricks.testing;

import com.profitbricks.operator.config.OperatorConfig;
import java.time.Duration;

/** The test profile's settings, without CDI. */
public final class TestConfig implements OperatorConfig {
  private final Duration readCacheTtl;

  /** Without a shared read cache: every pass reads afresh. */
  public TestConfig() {
    this(Duration.ZERO);
  }

  /** With a shared datacenter view kept for {@code readCacheTtl}. */
  public TestConfig(Duration readCacheTtl) {
    this.readCacheTtl = readCacheTtl;
  }

  @Override
  public Api api() {
    return null;
  }

  @Override
  public Duration driftInterval() {
    return Duration.ofSeconds(5);
  }

  @Override
  public Poll poll() {
    return new Poll() {
      @Override
      public Duration initial() {
        return Duration.ofMillis(200);
      }

      @Override
      public Duration max() {
        return Duration.ofSeconds(2);
      }

      @Override
      public Duration requests() {
        return Duration.ofMillis(200);
      }
    };
  }

  @Override
  public Backoff backoff() {
    return new Backoff() {
      @Override
      public Duration initial() {
        return Duration.ofMillis(200);
      }

      @Override
      public Duration max() {
        return Duration.ofSeconds(5);
      }
    };
  }

  @Override
  public Duration progressDeadline() {
    return Duration.ofMinutes(10);
  }

  @Override
  public Duration readCacheTtl() {
    return readCacheTtl;
  }

  @Override
  public Duration recoveryWindow() {
    return Duration.ofSeconds(2);
  }

  @Override
  public Simulator simulator() {
    return null;
  }

  @Override
  public LeaderElection leaderElection() {
    return null;
  }
}
