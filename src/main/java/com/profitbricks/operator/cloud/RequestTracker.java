package com.profitbricks.operator.cloud;

import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.CloudClock;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.Query;
import com.profitbricks.client.RequestFilter;
import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Request;
import com.profitbricks.client.model.RequestState;
import com.profitbricks.client.model.RequestStatus;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows every in-flight cloud request of the operator with one listing: {@code GET
 * /requests?depth=2&filter.createdAfter=…} gives the status of all requests made since the oldest
 * one still pending (depth 2 embeds each request's status), instead of one status GET per request
 * and poll. A request the listing does not show (made before a clock skew, on a later page than the
 * few read, forgotten by the cloud) is asked for on its own after {@link #MISSES} listings. Whoever
 * waits for a request is woken when it moves (QUEUED to RUNNING) and at once when it ends (DONE or
 * FAILED), so waiting objects need no poll schedule of their own.
 */
public final class RequestTracker implements AutoCloseable {
  /** Listings a request may be missing from before its status is asked for on its own. */
  static final int MISSES = 2;

  /**
   * Requests are listed from this long before the oldest pending one: it was stamped with the
   * cloud's clock as its answers showed it, known to a second or two.
   */
  static final Duration SKEW = CloudClock.TOLERANCE;

  /** Requests per page, and pages per listing (more pending than that: per-request reads). */
  static final int PAGE = 1000;

  static final int PAGES = 3;

  /** The longest gap, in rounds, between two reads of its own of a request no listing shows. */
  static final int MAX_GAP = 32;

  /** Finished statuses kept (each a few hundred bytes); the oldest go first. */
  static final int FINISHED_KEPT = 10_000;

  private static final class Pending {
    final Instant since;
    final String group;
    volatile RequestStatus last;
    volatile Runnable wake;
    volatile long heardAtNanos = System.nanoTime();

    /** Rounds missed since the last sight; a read of its own is due at {@link #due}. */
    int misses;

    int due = MISSES;
    int gap = MISSES;

    Pending(Instant since, String group, RequestStatus last, Runnable wake) {
      this.since = since;
      this.group = group;
      this.last = last;
      this.wake = wake;
    }

    /**
     * After a read of its own that found it still running: the next one waits twice as long (up to
     * {@link #MAX_GAP} rounds), so requests made before a restart, which the listing's date filter
     * leaves out, cost ever fewer reads instead of one every two rounds for ever.
     */
    void readAlone() {
      gap = Math.min(MAX_GAP, gap * 2);
      due = misses + gap;
    }
  }

  /** Objects BUSY in a read group (a datacenter), woken once when any request there ends. */
  private final Map<String, Set<Runnable>> groupWaiters = new ConcurrentHashMap<>();

  private final ProfitBricksClient client;
  private final Clock clock;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, RequestStatus> finished;
  private final Map<String, Long> endSeen = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller;
  private final java.util.Queue<String> finishedOrder =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /**
   * A status older than this is not answered from memory: the waiting object reads it itself (the
   * listing may have been failing all along).
   */
  private final long staleNanos;

  /**
   * @param finished where ended statuses go (shared with the reader, which answers from it)
   * @param every how often the listing is read while anything is pending
   */
  RequestTracker(
      ProfitBricksClient client, Map<String, RequestStatus> finished, Duration every, Clock clock) {
    this.client = client;
    this.finished = finished;
    this.clock = clock;
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "profitbricks-request-tracker");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(50, every.toMillis());
    this.staleNanos = Duration.ofMillis(Math.max(30_000, 10 * ms)).toNanos();
    poller.scheduleWithFixedDelay(this::pollQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Follows a request the cloud just accepted in read group {@code group} (its datacenter, or
   * null); {@code wake} runs when it moves and once it has ended.
   */
  void track(String requestId, String group, Runnable wake) {
    pending.compute(
        requestId,
        (id, p) -> {
          if (p == null) {
            return new Pending(Instant.now(clock), group, queued(id), wake);
          }
          p.wake = wake;
          return p;
        });
  }

  /** Follows a request of unknown progress (after a restart), starting from what a read showed. */
  void trackSeen(String requestId, RequestStatus seen, Runnable wake) {
    trackSeen(requestId, seen, wake, null);
  }

  /** As {@link #trackSeen(String, RequestStatus, Runnable)}, in read group {@code group}. */
  void trackSeen(String requestId, RequestStatus seen, Runnable wake, String group) {
    Pending p = pending.putIfAbsent(requestId, new Pending(Instant.now(clock), group, seen, wake));
    if (p != null) {
      // the poller alone counts misses and ends requests: only what was seen is taken here
      p.wake = wake;
      p.last = seen;
      p.heardAtNanos = System.nanoTime();
    }
  }

  /**
   * Wakes {@code wake} once, when any followed request of {@code group} ends: a resource BUSY with
   * another object's request (a NIC added to a server) is looked at again right then. False when no
   * followed request is in flight there (the BUSY is someone else's): the caller keeps its own
   * schedule.
   */
  boolean wakeWhenGroupMoves(String group, Runnable wake) {
    if (group == null || pending.values().stream().noneMatch(p -> group.equals(p.group))) {
      return false;
    }
    groupWaiters.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(wake);
    return true;
  }

  /** The latest status seen of a pending request, or null if it is not followed. */
  RequestStatus last(String requestId) {
    Pending p = pending.get(requestId);
    if (p == null || System.nanoTime() - p.heardAtNanos > staleNanos) {
      return null; // not followed, or not heard of for long: the caller reads it itself
    }
    return p.last;
  }

  /** Finished statuses kept in memory, for tests that check it stays bounded. */
  int finishedCount() {
    return finished.size();
  }

  int groupWaiterCount() {
    return groupWaiters.values().stream().mapToInt(Set::size).sum();
  }

  int pendingCount() {
    return pending.size();
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      // the next round tries again; waiting objects also look on their own schedule
      Log.debugf("Request listing failed: %s", e.toString());
    }
  }

  /**
   * One round: the listing, then reads of their own, with growing gaps, for what it did not show
   * with a readable status. A failing listing does not stop those reads: nothing waits on it alone.
   */
  synchronized void poll() {
    wakeGroupsWithNothingInFlight();
    if (pending.isEmpty()) {
      return;
    }
    Set<String> want = new HashSet<>(pending.keySet());
    try {
      list(want);
    } catch (RuntimeException e) {
      Log.debugf("Request listing failed, reading pending requests one by one: %s", e.toString());
    }
    for (String id : want) {
      Pending p = pending.get(id);
      if (p != null && ++p.misses >= p.due) {
        readAlone(id, p);
      }
    }
    wakeRound();
  }

  /**
   * Wakes whoever waits on the requests this round saw end, after {@link #beforeWake} had the
   * chance to read their groups once for all of them.
   */
  private void wakeRound() {
    if (round.isEmpty()) {
      return;
    }
    Set<String> groups = new HashSet<>();
    round.forEach(e -> groups.add(e.group()));
    groups.remove(null);
    try {
      beforeWake.accept(groups);
    } catch (RuntimeException e) {
      // each woken object reads what it needs itself
      Log.debugf("Read of the datacenters of a completion round failed: %s", e.toString());
    }
    List<Ended> woken = List.copyOf(round);
    round.clear();
    woken.forEach(e -> e.wake().run());
  }

  private record Ended(String group, Runnable wake) {}

  /** The wakes of the requests seen ended in the round being polled. */
  private final List<Ended> round = new java.util.ArrayList<>();

  private java.util.function.Consumer<Set<String>> beforeWake = groups -> {};

  /**
   * Runs before the objects of a completion round are woken, with the read groups their requests
   * ended in: the reader may read them once for all.
   */
  void beforeWake(java.util.function.Consumer<Set<String>> hook) {
    this.beforeWake = hook;
  }

  private void list(Set<String> want) {
    Instant oldest =
        pending.values().stream().map(p -> p.since).min(Instant::compareTo).orElseThrow();
    for (int page = 0; page < PAGES && !want.isEmpty(); page++) {
      Collection<Request> listed =
          client
              .requests()
              .list(
                  RequestFilter.create()
                      .createdAfter(oldest.minus(SKEW))
                      .query(Query.depth(2).withOffset((long) page * PAGE).withLimit(PAGE)));
      List<Request> items = listed.itemsOrEmpty();
      for (Request r : items) {
        RequestStatus s = r.metadata() == null ? null : r.metadata().requestStatus();
        // a listed request without a readable status stays wanted: it is read on its own
        if (s != null && s.state() != RequestState.UNKNOWN && want.remove(r.id())) {
          seen(r.id(), s);
        }
      }
      if (items.size() < PAGE) {
        break;
      }
    }
  }

  private void readAlone(String id, Pending p) {
    try {
      RequestStatus s = client.requests().status(id);
      p.readAlone();
      seen(id, s);
    } catch (CloudApiException.NotFoundException e) {
      // forgotten by the cloud: the waiting object finds out with its own read
      end(id, null);
    } catch (RuntimeException e) {
      p.readAlone();
      Log.debugf("Status of request %s not read: %s", id, e.toString());
    }
  }

  /**
   * Group waiters whose group has nothing in flight any more (its request was dropped, or ended
   * while they registered) are woken rather than kept: they look again themselves.
   */
  private void wakeGroupsWithNothingInFlight() {
    for (String group : Set.copyOf(groupWaiters.keySet())) {
      if (pending.values().stream().noneMatch(p -> group.equals(p.group))) {
        Set<Runnable> waiters = groupWaiters.remove(group);
        if (waiters != null) {
          waiters.forEach(Runnable::run);
        }
      }
    }
  }

  private void seen(String id, RequestStatus s) {
    Pending p = pending.get(id);
    if (p == null) {
      return;
    }
    boolean moved = p.last == null || p.last.state() != s.state();
    p.last = s;
    p.heardAtNanos = System.nanoTime();
    p.misses = 0;
    p.due = p.gap;
    if (s.state().isFinal()) {
      end(id, s);
    } else if (moved && p.wake != null) {
      p.wake.run(); // QUEUED to RUNNING: the object shows it
    }
  }

  private void end(String id, RequestStatus s) {
    if (s != null) {
      remember(id, s);
    }
    Pending p = pending.remove(id);
    String group = p == null ? null : p.group;
    if (group != null) {
      groupEndSeen.put(group, System.nanoTime());
    }
    if (p != null && p.wake != null) {
      round.add(new Ended(group, p.wake));
    }
    Set<Runnable> waiters = group == null ? null : groupWaiters.remove(group);
    if (waiters != null) {
      waiters.forEach(w -> round.add(new Ended(group, w)));
    }
  }

  /**
   * Keeps an ended status (it never changes again), the oldest going past {@link #FINISHED_KEPT}.
   */
  void remember(String id, RequestStatus s) {
    if (finished.put(id, s) == null) {
      endSeen.put(id, System.nanoTime());
      finishedOrder.add(id);
      while (finished.size() > FINISHED_KEPT) {
        String oldest = finishedOrder.poll();
        if (oldest == null) {
          break;
        }
        finished.remove(oldest);
        endSeen.remove(oldest);
      }
    }
  }

  private final Map<String, Long> groupEndSeen = new ConcurrentHashMap<>();

  /**
   * When this process last saw one of the requests it follows in read group {@code group} end
   * ({@code nanoTime}), or null: a view begun before it may lack what that request did.
   */
  Long groupEndSeen(String group) {
    return groupEndSeen.get(group);
  }

  /** Whether this process follows or followed the request. */
  boolean knows(String id) {
    return pending.containsKey(id) || finished.containsKey(id);
  }

  /**
   * When this process first saw the request ended ({@link System#nanoTime()}, after the answer that
   * showed it): a read begun later shows what it did. Null when not known (not seen ended yet, or
   * forgotten).
   */
  Long endSeen(String id) {
    return endSeen.get(id);
  }

  private static RequestStatus queued(String id) {
    return new RequestStatus(
        id,
        "request-status",
        null,
        new RequestStatus.StatusMetadata(RequestState.QUEUED, null, null, List.of()));
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
