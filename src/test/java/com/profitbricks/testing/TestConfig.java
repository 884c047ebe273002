package com.profitbricks.testing;

import com.profitbricks.operator.config.OperatorConfig;
import java.time.Duration;

/** The test profile's settings, without CDI. */
public final class TestConfig implements OperatorConfig {
  private final Duration readCacheTtl;
  private final Duration driftInterval;
  private final Duration fullResyncInterval;

  /** Without a shared read cache: every pass reads afresh. */
  public TestConfig() {
    this(Duration.ZERO);
  }

  /** With a shared datacenter view kept for {@code readCacheTtl}. */
  public TestConfig(Duration readCacheTtl) {
    this(readCacheTtl, Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  private TestConfig(Duration readCacheTtl, Duration driftInterval, Duration fullResyncInterval) {
    this.readCacheTtl = readCacheTtl;
    this.driftInterval = driftInterval;
    this.fullResyncInterval = fullResyncInterval;
  }

  /**
   * The same, with the request log listed every {@code drift} and full re-reads every {@code full}.
   */
  public TestConfig intervals(Duration drift, Duration full) {
    return new TestConfig(readCacheTtl, drift, full);
  }

  @Override
  public Api api() {
    return null;
  }

  @Override
  public Duration driftInterval() {
    return driftInterval;
  }

  @Override
  public Duration fullResyncInterval() {
    return fullResyncInterval;
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
  public Duration contractLimitsTtl() {
    return Duration.ofSeconds(60);
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

  @Override
  public CredentialSecrets credentialSecrets() {
    return new CredentialSecrets() {
      @Override
      public Duration refresh() {
        return Duration.ZERO;
      }

      @Override
      public boolean namespaceDefault() {
        return true;
      }

      @Override
      public boolean allowApiUrl() {
        return true;
      }

      @Override
      public boolean required() {
        return false;
      }

      @Override
      public Duration idleClose() {
        return Duration.ofMinutes(1);
      }
    };
  }
}
