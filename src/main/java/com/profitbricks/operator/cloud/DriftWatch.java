package com.profitbricks.operator.cloud;

import com.profitbricks.client.CloudClock;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.Query;
import com.profitbricks.client.RequestFilter;
import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Request;
import com.profitbricks.client.model.RequestStatus;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sees drift from the cloud's request log instead of reading every datacenter: every change made
 * through the API (the console, the SDKs, Terraform, another operator) leaves a request there. Once
 * per drift interval one listing, {@code GET /requests?depth=2&filter.createdAfter=…} (the cloud's
 * clock), tells which datacenters and IP blocks somebody changed; only the objects watching those
 * are woken, and their first pass reads the group afresh. A request still running is followed until
 * it ends, then the group is woken again. What no request shows (a change the cloud makes on its
 * own) is caught by the full re-read every object makes at the full-resync interval.
 */
final class DriftWatch implements AutoCloseable {
  /** The read group of a request's URL: its datacenter, or all IP blocks. */
  private static final Pattern DATACENTER = Pattern.compile("/datacenters/([^/?]+)");

  private static final Pattern IP_BLOCK = Pattern.compile("/ipblocks(/|$|\\?)");

  /** Requests per page of the listing. */
  static final int PAGE = 1000;

  /** Foreign requests already handled (each is woken for once, and once more when it ends). */
  static final int HANDLED_KEPT = 10_000;

  private final ProfitBricksClient client;
  private final Clock clock;
  private final RequestTracker tracker;
  private final Predicate<String> ours;
  private final Map<String, Map<String, Runnable>> watchers = new ConcurrentHashMap<>();
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  private final java.util.function.Consumer<String> forget;
  private final ScheduledExecutorService scheduler;
  private volatile Instant since;

  /**
   * @param ours whether a request id is one of this process's own (its objects follow those)
   * @param forget drops the cached view of a read group before its watchers are woken
   */
  DriftWatch(
      ProfitBricksClient client,
      RequestTracker tracker,
      Predicate<String> ours,
      java.util.function.Consumer<String> forget,
      Duration every) {
    this.client = client;
    this.clock = client.cloudClock();
    this.tracker = tracker;
    this.ours = ours;
    this.forget = forget;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "profitbricks-drift-watch");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(100, every.toMillis());
    scheduler.scheduleWithFixedDelay(this::checkQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Wakes {@code wake} when the request log shows a change in read group {@code group}. */
  void watch(String group, String key, Runnable wake) {
    if (group != null) {
      watchers.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).put(key, wake);
      if (since == null) {
        // from the watcher's own read on (the listing reaches a tolerance further back)
        since = Instant.now(clock);
      }
    }
  }

  /** Stops watching for {@code key} (its object is gone). */
  void unwatch(String key) {
    watchers.values().forEach(m -> m.remove(key));
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      // the listing is tried again next interval from the same point: nothing is skipped
      Log.debugf("Request log listing for drift failed: %s", e.toString());
    }
  }

  /** One listing of the requests made since the last one; wakes the groups they touched. */
  synchronized void check() {
    if (watchers.values().stream().allMatch(Map::isEmpty)) {
      since = null; // nothing to wake: the first watcher's pass reads the cloud itself
      return;
    }
    Instant now = Instant.now(clock);
    for (int page = 0; ; page++) {
      Collection<Request> listed =
          client
              .requests()
              .list(
                  RequestFilter.create()
                      .createdAfter(since.minus(CloudClock.TOLERANCE))
                      .query(Query.depth(2).withOffset((long) page * PAGE).withLimit(PAGE)));
      List<Request> items = listed.itemsOrEmpty();
      items.forEach(this::seen);
      if (items.size() < PAGE) {
        break;
      }
    }
    since = now;
  }

  private void seen(Request r) {
    if (r.id() == null || ours.test(r.id()) || !handled.add(r.id())) {
      return;
    }
    if (handled.size() > HANDLED_KEPT) {
      handled.clear(); // a request seen again costs one wake more, never a missed one
      handled.add(r.id());
    }
    String group = group(r);
    if (group == null || !watchers.containsKey(group)) {
      return;
    }
    Log.debugf("Request %s of someone else changed %s: looking again", r.id(), group);
    wake(group);
    RequestStatus s = r.metadata() == null ? null : r.metadata().requestStatus();
    if (s == null || !s.state().isFinal()) {
      // still to run: what it changes shows after its end
      tracker.trackSeen(r.id(), s, () -> wake(group), group);
    }
  }

  private void wake(String group) {
    forget.accept(group);
    Map<String, Runnable> w = watchers.get(group);
    if (w != null) {
      w.values().forEach(Runnable::run);
    }
  }

  /** The read group a request's URL touches, or null. */
  static String group(Request r) {
    String url = r.properties() == null ? null : r.properties().url();
    if (url == null) {
      return null;
    }
    Matcher dc = DATACENTER.matcher(url);
    if (dc.find()) {
      return dc.group(1);
    }
    return IP_BLOCK.matcher(url).find() ? CloudReader.IP_BLOCKS : null;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
