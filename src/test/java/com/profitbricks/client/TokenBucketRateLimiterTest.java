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

  // ------------------------------------------------------------------ reads first, write turns

  final List<String> woken = new ArrayList<>();

  /** Burst 1, 2 per second, queued writers served only when the test pumps. */
  TokenBucketRateLimiter single(Sleeper sleeper) {
    return new TokenBucketRateLimiter(2, 1, now::get, sleeper, false);
  }

  Runnable wake(String key) {
    return () -> woken.add(key);
  }

  void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void aWriteTurnIsGrantedAtOnceOnlyWhenATokenIsThereAndNobodyIsAhead() throws Exception {
    TokenBucketRateLimiter l = single(d -> {});
    assertThat(l.writeTurn("a", null, wake("a"))).isTrue();
    assertThat(l.writeTurn("b", null, wake("b"))).isFalse();
    assertThat(l.queuedWriters()).isEqualTo(1);
    advance(Duration.ofMillis(500));
    assertThat(l.writeTurn("c", null, wake("c"))).as("b is ahead of c").isFalse();
    l.pump();
    assertThat(woken).containsExactly("b");
    assertThat(l.writeTurn("b", null, wake("b"))).as("the turn set aside for b").isTrue();
  }

  @Test
  void theWriteAfterAGrantedTurnTakesItWithoutWaiting() throws Exception {
    List<Duration> slept = new ArrayList<>();
    TokenBucketRateLimiter l = single(slept::add);
    assertThat(l.writeTurn("a", null, wake("a"))).isTrue();
    l.acquireWrite();
    assertThat(slept).isEmpty();
  }

  @Test
  void aReadWaitingForATokenGoesBeforeAQueuedWriter() throws Exception {
    List<String> pumpedWhileReadWaits = new ArrayList<>();
    TokenBucketRateLimiter[] l = new TokenBucketRateLimiter[1];
    l[0] =
        single(
            d -> {
              advance(d);
              l[0].pump(); // the token that came while the read waits is not the writer's
              pumpedWhileReadWaits.addAll(woken);
            });
    assertThat(l[0].writeTurn("a", null, wake("a"))).isTrue();
    assertThat(l[0].writeTurn("b", null, wake("b"))).isFalse();
    l[0].acquire();
    assertThat(pumpedWhileReadWaits).isEmpty();
    l[0].pump();
    assertThat(woken).as("the read took the token").isEmpty();
    advance(Duration.ofMillis(500));
    l[0].pump();
    assertThat(woken).containsExactly("b");
  }

  @Test
  void aTurnGivenBackOrNotTakenInTimeGoesToTheNext() throws Exception {
    TokenBucketRateLimiter l = single(d -> {});
    assertThat(l.writeTurn("a", null, wake("a"))).isTrue();
    l.releaseTurn();
    assertThat(l.writeTurn("b", null, wake("b"))).as("a's unused turn").isTrue();
    assertThat(l.writeTurn("c", null, wake("c"))).isFalse();
    advance(Duration.ofMillis(500));
    l.pump();
    assertThat(woken).containsExactly("c");
    assertThat(l.turnsSetAside()).isEqualTo(1);
    // c never comes for it: the token goes back to the bucket
    advance(TokenBucketRateLimiter.TURN_HELD.plusMillis(1));
    l.pump();
    assertThat(l.turnsSetAside()).isZero();
  }

  @Test
  void queuedWritersOfOneGroupAreServedTogetherInTheOrderTheirGroupCameIn() {
    TokenBucketRateLimiter.WriteQueue q = new TokenBucketRateLimiter.WriteQueue();
    q.put("a1", "dc-a", wake("a1"));
    q.put("b1", "dc-b", wake("b1"));
    q.put("x", null, wake("x"));
    q.put("a2", "dc-a", wake("a2"));
    q.put("b2", "dc-b", wake("b2"));
    q.put("a1", "dc-a", wake("a1")); // queued once
    List<String> order = new ArrayList<>();
    while (!q.isEmpty()) {
      order.add(q.poll().getKey());
    }
    assertThat(order).containsExactly("a1", "a2", "b1", "b2", "x");
  }

  @Test
  void aGroupIsServedAtMostARunInARowWhileOthersWait() {
    TokenBucketRateLimiter.WriteQueue q = new TokenBucketRateLimiter.WriteQueue();
    for (int i = 0; i < TokenBucketRateLimiter.WriteQueue.GROUP_RUN + 5; i++) {
      q.put("a" + i, "dc-a", wake("a"));
    }
    q.put("b", "dc-b", wake("b"));
    List<String> order = new ArrayList<>();
    while (!q.isEmpty()) {
      order.add(q.poll().getKey());
    }
    assertThat(order.indexOf("b")).isEqualTo(TokenBucketRateLimiter.WriteQueue.GROUP_RUN);
  }

  @Test
  void readsGoFirstOnlyForARunSoThatWritesStillGetAShare() throws Exception {
    TokenBucketRateLimiter[] l = new TokenBucketRateLimiter[1];
    l[0] =
        single(
            d -> {
              advance(d);
              l[0].pump();
            });
    l[0].acquire(); // the burst
    l[0].acquire();
    assertThat(l[0].writeTurn("w", null, wake("w"))).isFalse();
    l[0].acquire(); // a read waits again while w is queued: after two reads in a row, w goes
    assertThat(woken).containsExactly("w");
  }
}
