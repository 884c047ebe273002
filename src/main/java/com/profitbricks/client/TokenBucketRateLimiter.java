package com.profitbricks.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} calls at once, then {@code permitsPerSecond}, shared by reads and
 * writes with reads first. A waiting read takes the next token before any write: the read that
 * confirms finished work (and lets an object report Ready) does not queue behind the creates booked
 * before it. Nothing is booked on credit: a write waits until a token is there and no read wants
 * it, so the bucket never holds minutes of writes that a read would queue behind.
 *
 * <p>Writes are either waited for ({@link #acquireWrite()}) or queued without a thread ({@link
 * #writeTurn}): a queued key gets a token set aside, first come first served, and is woken to take
 * it; one not taken within {@link #TURN_HELD} goes back.
 *
 * <p>When the API reports that few calls remain ({@code X-RateLimit-Remaining} at or below a tenth
 * of {@code X-RateLimit-Limit}), the bucket slows to the API's sustained average (limit per minute
 * / 60) until the remaining count recovers, so a fleet backs off before it is refused with 429.
 */
public final class TokenBucketRateLimiter implements RateLimiter {
  /** How long a token set aside for a woken writer waits for it. */
  static final Duration TURN_HELD = Duration.ofSeconds(5);

  private final double permitsPerSecond;
  private final int burst;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final ThreadLocal<Boolean> held = new ThreadLocal<>();

  private double tokens;
  private long lastRefill;
  private double throttledRate = Double.NaN;
  private int readsWaiting;

  /** Writers queued for a turn, in order, with how each is woken. */
  private final LinkedHashMap<String, Runnable> queued = new LinkedHashMap<>();

  /** Turns set aside for woken writers, with when each goes back. */
  private final Map<String, Long> setAside = new HashMap<>();

  private ScheduledExecutorService pumper;
  private boolean pumpScheduled;

  public TokenBucketRateLimiter(double permitsPerSecond, int burst) {
    this(permitsPerSecond, burst, System::nanoTime, Sleeper.SYSTEM);
  }

  public TokenBucketRateLimiter(
      double permitsPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
    if (permitsPerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
    }
    this.permitsPerSecond = permitsPerSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.tokens = burst;
    this.lastRefill = nanoTime.getAsLong();
  }

  @Override
  public void acquire() throws InterruptedException {
    synchronized (this) {
      readsWaiting++;
    }
    try {
      take(true);
    } finally {
      synchronized (this) {
        readsWaiting--;
      }
    }
  }

  @Override
  public void acquireWrite() throws InterruptedException {
    if (Boolean.TRUE.equals(held.get())) {
      held.remove();
      return;
    }
    take(false);
  }

  private void take(boolean read) throws InterruptedException {
    while (true) {
      Duration wait;
      synchronized (this) {
        refill();
        // a write leaves the token to a read that waits for it
        if (tokens >= 1 && (read || readsWaiting == 0)) {
          tokens -= 1;
          return;
        }
        wait = untilToken();
      }
      sleeper.sleep(wait);
    }
  }

  @Override
  public boolean writeTurn(String key, Runnable wake) {
    boolean granted;
    synchronized (this) {
      refill();
      if (setAside.remove(key) != null) {
        granted = true;
      } else if (queued.isEmpty() && readsWaiting == 0 && tokens >= 1) {
        tokens -= 1;
        granted = true;
      } else {
        queued.put(key, wake);
        granted = false;
        schedulePump(untilToken());
      }
    }
    if (granted) {
      held.set(Boolean.TRUE);
    }
    return granted;
  }

  @Override
  public void releaseTurn() {
    if (Boolean.TRUE.equals(held.get())) {
      held.remove();
      synchronized (this) {
        tokens = Math.min(burst, tokens + 1);
      }
    }
  }

  /** Writers queued for a turn (tests). */
  synchronized int queuedWriters() {
    return queued.size();
  }

  /**
   * Sets tokens aside for queued writers, in order, while no read waits, gives back the turns not
   * taken in time, and wakes the writers served; the time until it is worth looking again, or null
   * when nothing is queued or set aside.
   */
  Duration pump() {
    List<Runnable> wakes = new ArrayList<>();
    Duration next;
    synchronized (this) {
      refill();
      long now = nanoTime.getAsLong();
      for (Iterator<Map.Entry<String, Long>> it = setAside.entrySet().iterator(); it.hasNext(); ) {
        if (it.next().getValue() - now <= 0) {
          it.remove();
          tokens = Math.min(burst, tokens + 1);
        }
      }
      while (!queued.isEmpty() && readsWaiting == 0 && tokens >= 1) {
        Iterator<Map.Entry<String, Runnable>> head = queued.entrySet().iterator();
        Map.Entry<String, Runnable> e = head.next();
        head.remove();
        tokens -= 1;
        setAside.put(e.getKey(), now + TURN_HELD.toNanos());
        wakes.add(e.getValue());
      }
      if (!queued.isEmpty()) {
        next = untilToken();
      } else if (!setAside.isEmpty()) {
        next = TURN_HELD;
      } else {
        next = null;
      }
    }
    for (Runnable w : wakes) {
      try {
        w.run();
      } catch (RuntimeException e) {
        // the writer's own schedule looks again; its turn goes back when not taken
      }
    }
    return next;
  }

  private void schedulePump(Duration in) {
    if (pumpScheduled) {
      return;
    }
    if (pumper == null) {
      pumper =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "profitbricks-write-turns");
                t.setDaemon(true);
                return t;
              });
    }
    pumpScheduled = true;
    pumper.schedule(this::pumpAndReschedule, delayMillis(in), TimeUnit.MILLISECONDS);
  }

  private void pumpAndReschedule() {
    synchronized (this) {
      pumpScheduled = false;
    }
    Duration next = pump();
    if (next != null) {
      synchronized (this) {
        schedulePump(next);
      }
    }
  }

  /** At least a few milliseconds: a read waiting for the same token goes first. */
  private static long delayMillis(Duration d) {
    return Math.max(5, d.toMillis());
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * currentRate());
    lastRefill = now;
  }

  /** How long until a whole token is there (at least a millisecond). */
  private Duration untilToken() {
    double missing = Math.max(0, 1 - tokens);
    return Duration.ofNanos(Math.max(1_000_000, (long) Math.ceil(missing / currentRate() * 1e9)));
  }

  synchronized double currentRate() {
    return Double.isNaN(throttledRate)
        ? permitsPerSecond
        : Math.min(permitsPerSecond, throttledRate);
  }

  @Override
  public synchronized void onResponse(Integer limitPerMinute, Integer remaining, Integer burstHdr) {
    if (remaining == null || limitPerMinute == null || limitPerMinute <= 0) {
      return;
    }
    int lowWatermark = Math.max(1, limitPerMinute / 10);
    if (remaining <= lowWatermark) {
      throttledRate = limitPerMinute / 60.0;
      if (remaining == 0) {
        tokens = Math.min(tokens, 0);
      }
    } else {
      throttledRate = Double.NaN;
    }
  }
}
