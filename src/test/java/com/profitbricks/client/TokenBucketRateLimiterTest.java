package com.profitbricks.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {
  final AtomicLong now = new AtomicLong();
  final List<Duration> waits = new ArrayList<>();
  final TokenBucketRateLimiter limiter =
      new TokenBucketRateLimiter(
          2,
          3,
          now::get,
          d -> {
            waits.add(d);
            now.addAndGet(d.toNanos());
          });

  @Test
  void letsABurstThroughThenPacesAtTheRate() throws Exception {
    for (int i = 0; i < 3; i++) {
      limiter.acquire();
    }
    assertThat(waits).isEmpty();
    limiter.acquire();
    limiter.acquire();
    assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
  }

  @Test
  void refillsWhileIdle() throws Exception {
    for (int i = 0; i < 3; i++) {
      limiter.acquire();
    }
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    for (int i = 0; i < 3; i++) {
      limiter.acquire();
    }
    assertThat(waits).isEmpty();
  }

  @Test
  void slowsToTheApisAverageWhenFewCallsRemainAndRecovers() throws Exception {
    limiter.onResponse(60, 0, 10);
    assertThat(limiter.currentRate()).isEqualTo(1.0);
    limiter.acquire();
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    limiter.onResponse(60, 50, 10);
    assertThat(limiter.currentRate()).isEqualTo(2.0);
  }

  @Test
  void ignoresMissingHeaders() {
    limiter.onResponse(null, null, null);
    assertThat(limiter.currentRate()).isEqualTo(2.0);
  }
}
