package com.profitbricks.operator.cloud;

import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.Query;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.RequestStatus;
import com.profitbricks.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way reconcilers read the cloud. A datacenter is read with one {@code depth} GET that
 * serves the datacenter and everything in it (its LANs, later servers, volumes and NICs) for a
 * short time; any write into the datacenter drops that view so nothing acts on stale data. Request
 * statuses come from one shared listing ({@link RequestTracker}), and a finished one is kept.
 */
@ApplicationScoped
public class CloudReader {
  /**
   * Enough to see a datacenter's LANs, servers, volumes and load balancers with properties, and the
   * NICs inside its servers.
   */
  static final int DATACENTER_DEPTH = 8;

  /** A view, and when its read began: it shows everything that ended before then. */
  private record Entry<T>(T value, long atNanos) {}

  /**
   * Bumped by every invalidation of a datacenter: a read that began before it is not put back into
   * the cache (it may predate the write that invalidated it).
   */
  private final Map<String, java.util.concurrent.atomic.AtomicLong> generations =
      new ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.AtomicLong ipBlockGeneration =
      new java.util.concurrent.atomic.AtomicLong();

  private final ProfitBricksClient client;
  private final java.util.concurrent.atomic.AtomicReference<Instant> activeSince =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final Duration ttl;
  private final Map<String, Entry<Optional<Datacenter>>> datacenters = new ConcurrentHashMap<>();

  /** Ended requests (DONE, FAILED): they never change again. */
  private final Map<String, RequestStatus> finished = new ConcurrentHashMap<>();

  private final RequestTracker tracker;
  private volatile Entry<Map<String, IpBlock>> ipBlocks;

  /**
   * Datacenters the cloud answered 404 for twice. Ids are the cloud's UUIDs and never come back, so
   * the children of a deleted datacenter need not each ask again (a storm of 404s when a datacenter
   * with hundreds of objects is deleted); a listing that shows one again, or a write into it,
   * forgets it.
   */
  private final Map<String, Long> gone = new ConcurrentHashMap<>();

  /** How long a datacenter counts as gone before it is read again. */
  static final Duration GONE_FOR = Duration.ofMinutes(5);

  private volatile Entry<java.util.Set<String>> listed;
  private final java.util.concurrent.atomic.AtomicLong listGeneration =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * Whether the cloud still has the datacenter: one whole listing (every page), shared by all
   * datacenters for a moment, confirms deletes without a 404 of each. A datacenter the listing
   * lacks is read once on its own before it counts as gone: a listing paged while others delete can
   * skip an item, and "gone" lets children go.
   */
  public boolean datacenterListed(String id) {
    if (isGone(id)) {
      return false;
    }
    Entry<java.util.Set<String>> e = listed;
    if (e == null || !fresh(e)) {
      synchronized (listGeneration) {
        e = listed;
        if (e == null || !fresh(e)) {
          long generation = listGeneration.get();
          long started = System.nanoTime();
          java.util.Set<String> ids = new java.util.HashSet<>();
          client.datacenters().listAll(Query.depth(0)).forEach(d -> ids.add(d.id()));
          ids.forEach(this::seenPresent);
          e = new Entry<>(ids, started);
          if (listGeneration.get() == generation) {
            listed = e;
          }
        }
      }
    }
    if (e.value().contains(id)) {
      gone.remove(id);
      return true;
    }
    if (absenceShown(e, e.value().size(), id)) {
      remember(id);
      return false;
    }
    return datacenter(id).isPresent();
  }

  /** When a read last showed each datacenter or IP block there (its end, {@code nanoTime}). */
  private final Map<String, Long> present = new ConcurrentHashMap<>();

  /** Items per page of the whole listings of datacenters and IP blocks. */
  static final int LISTING_PAGE = 1000;

  private void seenPresent(String id) {
    present.put(id, System.nanoTime());
  }

  /**
   * A whole listing shows {@code id} gone when it came in one page (no page skipped an item while
   * others were deleted) and began after a read last showed it there (not a listing from before it
   * was made). Otherwise absence is confirmed by a read of its own: a 404 per deleted resource is
   * what this spares.
   */
  private boolean absenceShown(Entry<?> listing, int size, String id) {
    Long seen = present.get(id);
    boolean shown = size < LISTING_PAGE && seen != null && listing.atNanos() - seen > 0;
    if (shown) {
      present.remove(id);
    }
    return shown;
  }

  /**
   * Gone for a while: a datacenter said 404 twice is not asked for again by each of its children,
   * but not for ever either, so a wrong 404 heals at the next read after {@link #GONE_FOR}.
   */
  private boolean isGone(String id) {
    Long since = gone.get(id);
    if (since == null) {
      return false;
    }
    if (System.nanoTime() - since > GONE_FOR.toNanos()) {
      gone.remove(id, since);
      return false;
    }
    return true;
  }

  private void remember(String datacenterId) {
    if (gone.size() > 10_000) {
      gone.clear();
    }
    gone.put(datacenterId, System.nanoTime());
  }

  /** The read group of IP blocks: they live in no datacenter, and one list serves them all. */
  public static final String IP_BLOCKS = "ipblocks";

  private final DriftWatch drift;

  public CloudReader(ProfitBricksClient client, OperatorConfig config) {
    this.client = client;
    this.ttl = config.readCacheTtl();
    this.tracker =
        new RequestTracker(client, finished, config.poll().requests(), client.cloudClock());
    this.drift =
        new DriftWatch(client, tracker, tracker::knows, this::invalidate, config.driftInterval());
  }

  /** Stops following requests and the request log (the operator is stopping). */
  @jakarta.annotation.PreDestroy
  public void close() {
    drift.close();
    tracker.close();
  }

  /**
   * Wakes {@code wake} when the cloud's request log shows that somebody else changed read group
   * {@code group} (checked once per drift interval); {@code key} names the watching object.
   */
  public void watch(String group, String key, Runnable wake) {
    drift.watch(group, key, wake);
  }

  /** Stops watching for the object {@code key} (it is gone). */
  public void unwatch(String key) {
    drift.unwatch(key);
  }

  /**
   * Makes sure the client's cloud clock has seen the cloud's time (one {@code GET /} the first time
   * only): a create's intent is stamped with it, and its answer may never come to show it.
   */
  public void syncClock() {
    if (!client.cloudClock().isSynced()) {
      client.info();
    }
  }

  /**
   * When this process began reconciling (its first pass): it reconciles only while it leads, and it
   * leads only after the instance before it stopped, so any send of an earlier instance began
   * before this. A standby replica's process start would not do: it precedes the takeover.
   */
  public Instant activeSince() {
    Instant at = activeSince.get();
    return at != null ? at : Instant.now(client.cloudClock());
  }

  /** Notes that a pass runs now; the first one sets {@link #activeSince()}. */
  public void passing() {
    if (activeSince.get() == null) {
      // to the second, as status records intents: an intent of this process's first second is its
      // own
      activeSince.compareAndSet(
          null,
          Instant.now(client.cloudClock()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
  }

  public ProfitBricksClient client() {
    return client;
  }

  /** How old a view may be for a check that a stale yes cannot mislead. */
  static final Duration RECENT = Duration.ofSeconds(60);

  /**
   * Whether {@code test} holds for the datacenter, on a view up to {@link #RECENT} old when that
   * one says yes, else on the current view: for a check such as "the parent exists" before a
   * create, which a stale yes cannot mislead (the create's 404 says the parent went since). Spares
   * the read of a datacenter before each create in it while creates of many datacenters interleave.
   */
  public boolean datacenterShows(String id, java.util.function.Predicate<Datacenter> test) {
    Entry<Optional<Datacenter>> e = datacenters.get(id);
    if (e != null
        && System.nanoTime() - e.atNanos() < RECENT.toNanos()
        && e.value().filter(test).isPresent()) {
      return true;
    }
    return datacenter(id).filter(test).isPresent();
  }

  /** The datacenter with its children, or empty when the cloud says 404. */
  public Optional<Datacenter> datacenter(String id) {
    if (isGone(id)) {
      return Optional.empty();
    }
    Entry<Optional<Datacenter>> e = datacenters.get(id);
    if (e != null && usable(e)) {
      return e.value();
    }
    synchronized (lockFor(id)) {
      e = datacenters.get(id);
      if (e != null && usable(e)) {
        return e.value();
      }
      long generation = generation(id).get();
      long started = System.nanoTime();
      Optional<Datacenter> read = readDatacenter(id);
      if (read.isEmpty()) {
        remember(id);
      } else {
        seenPresent(id);
      }
      if (generation(id).get() == generation) {
        datacenters.put(id, new Entry<>(read, started));
      }
      return read;
    }
  }

  /**
   * A datacenter's depth read; a 404 counts only when a second read says it again. One 404 taken as
   * "gone" made the datacenter and everything in it be created anew and the old one leak; the API's
   * 404s for a resource that is there (a load balancer's hiccup, a replica behind) cost one more
   * read, never a duplicate.
   */
  private Optional<Datacenter> readDatacenter(String id) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Optional.of(client.datacenters().get(id, Query.depth(DATACENTER_DEPTH)));
      } catch (CloudApiException.NotFoundException nf) {
        if (attempt == 2) {
          return Optional.empty();
        }
      }
    }
  }

  /**
   * An IP block, from one listing of all IP blocks that serves every IP block object for a short
   * time; one that is not in the listing yet is read on its own. Empty on 404.
   */
  public Optional<IpBlock> ipBlock(String id) {
    Entry<Map<String, IpBlock>> e = ipBlocks;
    if (e == null || !usable(e)) {
      synchronized (this) {
        e = ipBlocks;
        if (e == null || !usable(e)) {
          long generation = ipBlockGeneration.get();
          long started = System.nanoTime();
          Map<String, IpBlock> all = new java.util.HashMap<>();
          client.ipBlocks().listAll(Query.depth(1)).forEach(b -> all.put(b.id(), b));
          all.keySet().forEach(this::seenPresent);
          e = new Entry<>(all, started);
          if (ipBlockGeneration.get() == generation) {
            ipBlocks = e;
          }
        }
      }
    }
    IpBlock listed = e.value().get(id);
    if (listed != null) {
      return Optional.of(listed);
    }
    if (absenceShown(e, e.value().size(), id)) {
      return Optional.empty();
    }
    // a block made after the listing began, or one a page shift hid while others were deleted
    try {
      IpBlock read = client.ipBlocks().get(id);
      seenPresent(id);
      return Optional.of(read);
    } catch (CloudApiException.NotFoundException nf) {
      return Optional.empty();
    }
  }

  /**
   * The object's request in read group {@code group} ended: the view of the group is dropped unless
   * it was read after the end was seen. The objects a completion round wakes (all requests the
   * request listing showed ended at once) thus share one read of their datacenter: the first reads
   * it, the others find it newer than their end.
   */
  public void ended(String group, String requestId) {
    Long seen = tracker.endSeen(requestId);
    if (seen == null) {
      invalidate(group);
      return;
    }
    Entry<?> e = IP_BLOCKS.equals(group) ? ipBlocks : group == null ? null : datacenters.get(group);
    if (e != null && e.atNanos() - seen < 0) {
      invalidate(group);
    }
  }

  /**
   * Forget what was read about a read group (a datacenter id, or {@link #IP_BLOCKS}): the next read
   * asks the cloud.
   */
  public void invalidate(String group) {
    if (IP_BLOCKS.equals(group)) {
      ipBlockGeneration.incrementAndGet();
      ipBlocks = null;
    } else if (group != null) {
      generation(group).incrementAndGet();
      datacenters.remove(group);
      listGeneration.incrementAndGet();
      listed = null;
    }
  }

  /**
   * Follows a request the cloud just accepted: its progress comes from the shared listing of {@link
   * RequestTracker}, and {@code wake} runs as soon as it has ended.
   */
  public void track(String requestId, String group, Runnable wake) {
    tracker.track(requestId, group, wake);
  }

  /**
   * Wakes {@code wake} once when a request this process follows in read group {@code group} ends;
   * false when none is in flight there.
   */
  public boolean wakeWhenGroupMoves(String group, Runnable wake) {
    return tracker.wakeWhenGroupMoves(group, wake);
  }

  /**
   * The status of a request without a call of its own where possible: an ended one from memory, a
   * followed one as the last shared listing showed it. A request this process does not follow (it
   * was made before a restart) is read once and followed from then on, waking {@code wake}.
   */
  public RequestStatus requestStatus(String requestId, Runnable wake) {
    RequestStatus done = finished.get(requestId);
    if (done != null) {
      return done;
    }
    RequestStatus last = tracker.last(requestId);
    if (last != null) {
      return last;
    }
    return read(requestId, wake);
  }

  /**
   * The status as the cloud has it (an ended one from memory): for what only the cloud's answer
   * holds, such as the resources a request made.
   */
  public RequestStatus requestStatus(String requestId) {
    RequestStatus done = finished.get(requestId);
    return done != null ? done : read(requestId, null);
  }

  private RequestStatus read(String requestId, Runnable wake) {
    RequestStatus s = client.requests().status(requestId);
    if (s.state().isFinal()) {
      tracker.remember(requestId, s);
    } else if (wake != null) {
      tracker.trackSeen(requestId, s, wake);
    }
    return s;
  }

  private java.util.concurrent.atomic.AtomicLong generation(String datacenterId) {
    return generations.computeIfAbsent(
        datacenterId, k -> new java.util.concurrent.atomic.AtomicLong());
  }

  private boolean fresh(Entry<?> e) {
    return System.nanoTime() - e.atNanos() < ttl.toNanos();
  }

  /**
   * The oldest view the pass on this thread may use, beyond the read cache's TTL: one read after
   * the end of the object's own latest request, at most {@link #RECENT} old. Set for a pass by
   * {@link #passFrom}; null: the TTL alone.
   */
  private final ThreadLocal<Long> passFloor = new ThreadLocal<>();

  /**
   * Lets this thread's pass use a view read after the object's latest request ended ({@code
   * requestId}, null when it has none), up to {@link #RECENT} old, not only one within the TTL. An
   * object woken because a neighbour changed in Kubernetes (a LAN got its id, a NIC was made)
   * learns nothing from a new read of a datacenter whose cloud state its own requests and the
   * request log tell it about: what it did is in any view read after its request ended, and what
   * somebody else did drops the view (the request log's check). {@link #passDone()} ends it.
   */
  public void passFrom(String requestId, boolean hasRequest) {
    Long floor =
        !hasRequest ? Long.valueOf(born) : requestId == null ? null : tracker.endSeen(requestId);
    if (floor != null) {
      passFloor.set(floor);
    }
  }

  /** When this reader was made: every view it holds was read later. */
  private final long born = System.nanoTime();

  public void passDone() {
    passFloor.remove();
  }

  /** Fresh, or newer than this pass's floor and recent. */
  private boolean usable(Entry<?> e) {
    if (fresh(e)) {
      return true;
    }
    Long floor = passFloor.get();
    long now = System.nanoTime();
    return floor != null && e.atNanos() - floor > 0 && now - e.atNanos() < RECENT.toNanos();
  }

  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  private Object lockFor(String id) {
    return locks.computeIfAbsent(id, k -> new Object());
  }
}
