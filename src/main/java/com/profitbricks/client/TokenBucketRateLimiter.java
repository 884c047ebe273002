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
 * writes with reads first. A waiting read takes the next token before any write (up to {@link
 * #READS_BEFORE_A_WRITE} in a row while writes wait): the read that confirms finished work (and
 * lets an object report Ready) does not queue behind the creates booked before it. Nothing is
 * booked on credit: a write waits until a token is there and no read wants it, so the bucket never
 * holds minutes of writes that a read would queue behind.
 *
 * <p>Writes are either waited for ({@link #acquireWrite()}) or queued without a thread ({@link
 * #writeTurn}): a queued key gets a token set aside, its group's writers together (see {@link
 * WriteQueue}), and is woken to take it; one not taken within {@link #TURN_HELD} passes on.
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

  /** Writers queued for a turn. */
  private final WriteQueue queued = new WriteQueue();

  /** Turns set aside for woken writers, with when each goes back. */
  private final Map<String, Long> setAside = new HashMap<>();

  private final boolean pumping;
  private boolean closed;
  private ScheduledExecutorService pumper;
  private boolean pumpScheduled;

  public TokenBucketRateLimiter(double permitsPerSecond, int burst) {
    this(permitsPerSecond, burst, System::nanoTime, Sleeper.SYSTEM);
  }

  public TokenBucketRateLimiter(
      double permitsPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
    this(permitsPerSecond, burst, nanoTime, sleeper, true);
  }

  /** With {@code pumping} false, queued writers are served only by {@link #pump()} (tests). */
  TokenBucketRateLimiter(
      double permitsPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper, boolean pumping) {
    this.pumping = pumping;
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
        if (tokens >= 1 && (read || writeMayGo())) {
          tokens -= 1;
          counted(read);
          return;
        }
        wait = untilToken();
      }
      sleeper.sleep(wait);
    }
  }

  /**
   * Reads this many tokens in a row at most while writes wait: reads go first, but a fleet whose
   * reads alone would fill the budget still writes (a third of it), so what the reads wait for
   * (creates, deletes) gets done.
   */
  static final int READS_BEFORE_A_WRITE = 2;

  private int readsInARow;

  /** A write may take a token: no read waits for it, or reads had their run. */
  private boolean writeMayGo() {
    return readsWaiting == 0 || readsInARow >= READS_BEFORE_A_WRITE;
  }

  private void counted(boolean read) {
    readsInARow = read ? readsInARow + 1 : 0;
  }

  @Override
  public boolean writeTurn(String key, String group, Runnable wake) {
    boolean granted;
    synchronized (this) {
      refill();
      if (setAside.remove(key) != null) {
        granted = true;
      } else if (queued.isEmpty() && writeMayGo() && tokens >= 1) {
        tokens -= 1;
        counted(false);
        granted = true;
      } else {
        queued.put(key, group, wake);
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

  /** Turns set aside for woken writers and not taken yet (tests). */
  synchronized int turnsSetAside() {
    return setAside.size();
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
      int expired = 0;
      for (Iterator<Map.Entry<String, Long>> it = setAside.entrySet().iterator(); it.hasNext(); ) {
        if (it.next().getValue() - now <= 0) {
          it.remove();
          expired++;
        }
      }
      // a turn not taken passes to the next writer in the queue, or back to the bucket: it is
      // never lost to a full bucket
      for (; expired > 0 && !queued.isEmpty(); expired--) {
        wakes.add(setAsideForNext(now));
      }
      tokens = Math.min(burst, tokens + expired);
      while (!queued.isEmpty() && writeMayGo() && tokens >= 1) {
        tokens -= 1;
        counted(false);
        wakes.add(setAsideForNext(now));
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

  /** Sets a turn aside for the next queued writer; its wake. */
  private Runnable setAsideForNext(long now) {
    Map.Entry<String, Runnable> e = queued.poll();
    setAside.put(e.getKey(), now + TURN_HELD.toNanos());
    return e.getValue();
  }

  /**
   * Queued writers by group, the groups first come first served, each group's writers one after
   * another: the writes into one datacenter go out together, so the cloud (which runs a
   * datacenter's requests one at a time) ends them close together and one read of the datacenter
   * confirms them all, instead of one read per write spread over minutes. A group is served at most
   * {@link #GROUP_RUN} turns in a row while others wait.
   */
  static final class WriteQueue {
    static final int GROUP_RUN = 50;

    private final LinkedHashMap<String, LinkedHashMap<String, Runnable>> groups =
        new LinkedHashMap<>();
    private final Map<String, String> groupOf = new HashMap<>();
    private int served;
    private int size;

    void put(String key, String group, Runnable wake) {
      String g = group == null ? "\u0000" + key : group;
      String was = groupOf.put(key, g);
      if (was != null && !was.equals(g)) {
        remove(key, was);
      }
      if (groups.computeIfAbsent(g, x -> new LinkedHashMap<>()).put(key, wake) == null) {
        size++;
      }
    }

    private void remove(String key, String group) {
      LinkedHashMap<String, Runnable> members = groups.get(group);
      if (members != null && members.remove(key) != null) {
        size--;
        if (members.isEmpty()) {
          groups.remove(group);
        }
      }
    }

    boolean isEmpty() {
      return size == 0;
    }

    int size() {
      return size;
    }

    /** The next writer: the head group's first, the head group sent to the back after a run. */
    Map.Entry<String, Runnable> poll() {
      Iterator<Map.Entry<String, LinkedHashMap<String, Runnable>>> heads =
          groups.entrySet().iterator();
      Map.Entry<String, LinkedHashMap<String, Runnable>> head = heads.next();
      Iterator<Map.Entry<String, Runnable>> members = head.getValue().entrySet().iterator();
      Map.Entry<String, Runnable> next = members.next();
      members.remove();
      size--;
      groupOf.remove(next.getKey());
      served++;
      if (head.getValue().isEmpty()) {
        heads.remove();
        served = 0;
      } else if (served >= GROUP_RUN) {
        heads.remove();
        groups.put(head.getKey(), head.getValue());
        served = 0;
      }
      return next;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (pumper != null) {
      pumper.shutdownNow();
    }
  }

  private void schedulePump(Duration in) {
    if (pumpScheduled || !pumping || closed) {
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
