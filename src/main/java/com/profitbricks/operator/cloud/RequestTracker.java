package com.profitbricks.operator.cloud;

import com.profitbricks.client.CloudApiException;
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

  /** Requests are listed from this long before the oldest pending one: clocks differ. */
  static final Duration SKEW = Duration.ofMinutes(2);

  /** Requests per page, and pages per listing (more pending than that: per-request reads). */
  static final int PAGE = 1000;

  static final int PAGES = 3;

  private static final class Pending {
    final Instant since;
    final String group;
    volatile RequestStatus last;
    volatile Runnable wake;
    int misses;

    Pending(Instant since, String group, RequestStatus last, Runnable wake) {
      this.since = since;
      this.group = group;
      this.last = last;
      this.wake = wake;
    }
  }

  /** Objects BUSY in a read group (a datacenter), woken once when any request there ends. */
  private final Map<String, Set<Runnable>> groupWaiters = new ConcurrentHashMap<>();

  private final ProfitBricksClient client;
  private final Clock clock;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, RequestStatus> finished;
  private final ScheduledExecutorService poller;

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
    pending.putIfAbsent(requestId, new Pending(Instant.now(clock), null, seen, wake));
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
    return p == null ? null : p.last;
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

  /** One round: the listing, then per-request reads for what it did not show. */
  synchronized void poll() {
    if (pending.isEmpty()) {
      return;
    }
    Set<String> want = new HashSet<>(pending.keySet());
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
        if (want.remove(r.id()) && s != null && s.state() != RequestState.UNKNOWN) {
          seen(r.id(), s);
        }
      }
      if (items.size() < PAGE) {
        break;
      }
    }
    for (String id : want) {
      Pending p = pending.get(id);
      if (p != null && ++p.misses >= MISSES) {
        try {
          seen(id, client.requests().status(id));
        } catch (CloudApiException.NotFoundException e) {
          // forgotten by the cloud: the waiting object finds out with its own read
          end(id, null);
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
    p.misses = 0;
    if (s.state().isFinal()) {
      end(id, s);
    } else if (moved && p.wake != null) {
      p.wake.run(); // QUEUED to RUNNING: the object shows it
    }
  }

  private void end(String id, RequestStatus s) {
    if (s != null) {
      finished.put(id, s);
    }
    Pending p = pending.remove(id);
    if (p != null && p.wake != null) {
      p.wake.run();
    }
    Set<Runnable> waiters = p == null || p.group == null ? null : groupWaiters.remove(p.group);
    if (waiters != null) {
      waiters.forEach(Runnable::run);
    }
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
