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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one way reconcilers read the cloud. A datacenter is read with one {@code depth} GET that
 * serves the datacenter and everything in it (its LANs, servers, volumes and NICs) for a short
 * time, and longer to an object whose own latest request ended before the read began; an object
 * whose request ended reads only a view begun after that end ({@link #ended}), and a change
 * somebody else made through the API drops the view ({@link DriftWatch}). Request statuses come
 * from one shared listing ({@link RequestTracker}), and a finished one is kept.
 */
@ApplicationScoped
public class CloudReader {
  /** Enough to see a datacenter's LANs, servers, volumes, load balancers and servers' NICs. */
  static final int DATACENTER_DEPTH = 8;

  /** Which datacenters and IP blocks reads showed there, and which are gone. */
  private final Presence presence = new Presence();

  /**
   * Bumped by every invalidation of a datacenter: a read that began before it is not put back into
   * the cache (it may predate the write that invalidated it).
   */
  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

  private final AtomicLong ipBlockGeneration = new AtomicLong();
  private final ProfitBricksClient client;
  private final AtomicReference<Instant> activeSince = new AtomicReference<>();
  private final Duration ttl;
  private final Map<String, View<Optional<Datacenter>>> datacenters = new ConcurrentHashMap<>();

  /** Ended requests (DONE, FAILED): they never change again. */
  private final Map<String, RequestStatus> finished = new ConcurrentHashMap<>();

  private final RequestTracker tracker;
  private volatile View<Map<String, IpBlock>> ipBlocks;
  private volatile View<java.util.Set<String>> listed;
  private final AtomicLong listGeneration = new AtomicLong();

  /**
   * Whether the cloud still has the datacenter: one whole listing (every page), shared by all
   * datacenters for a moment, confirms deletes without a 404 of each. A datacenter the listing
   * lacks is read once on its own before it counts as gone: a listing paged while others delete can
   * skip an item, and "gone" lets children go.
   */
  public boolean datacenterListed(String id) {
    if (presence.isGone(id)) {
      return false;
    }
    View<java.util.Set<String>> e = listed;
    if (e == null || !fresh(e)) {
      synchronized (listGeneration) {
        e = listed;
        if (e == null || !fresh(e)) {
          long generation = listGeneration.get();
          long started = System.nanoTime();
          java.util.Set<String> ids = new java.util.HashSet<>();
          client.datacenters().listAll(Query.depth(0)).forEach(d -> ids.add(d.id()));
          ids.forEach(presence::seen);
          e = new View<>(ids, started);
          if (listGeneration.get() == generation) {
            listed = e;
          }
        }
      }
    }
    if (e.value().contains(id)) {
      presence.forget(id);
      return true;
    }
    if (presence.absenceShown(e, e.value().size(), id)) {
      presence.gone(id);
      return false;
    }
    return datacenter(id).isPresent();
  }

  /** The read group of IP blocks: they live in no datacenter, and one list serves them all. */
  public static final String IP_BLOCKS = "ipblocks";

  private final DriftWatch drift;
  private final ContractLimits limits;

  public CloudReader(ProfitBricksClient client, OperatorConfig config) {
    this.client = client;
    this.ttl = config.readCacheTtl();
    this.limits = new ContractLimits(client, config.contractLimitsTtl());
    this.tracker =
        new RequestTracker(client, finished, config.poll().requests(), client.cloudClock());
    this.drift =
        new DriftWatch(client, tracker, tracker::knows, this::invalidate, config.driftInterval());
    tracker.beforeWake(this::readRound);
  }

  /** Invalidations of any datacenter so far. */
  private final AtomicLong invalidations = new AtomicLong();

  /** Datacenters the last whole listing at depth held (all pages), or -1 before the first. */
  private volatile int lastListed = -1;

  /** Datacenters a listing at depth may carry per datacenter to confirm; beyond, each is read. */
  static final int LISTING_SPREAD = 40;

  /**
   * Before the objects of a completion round are woken: when requests ended in several datacenters,
   * one listing of all datacenters at depth ({@code GET /datacenters?depth=…}, every page) serves
   * them all, a call instead of one per datacenter; each view is stamped with the listing's start,
   * so every object woken for an end before it uses it. A single datacenter is read by the first
   * object woken in it.
   */
  void readRound(java.util.Set<String> groups) {
    java.util.Set<String> datacenterGroups = new java.util.HashSet<>(groups);
    datacenterGroups.remove(IP_BLOCKS);
    if (datacenterGroups.size() < 2
        || (lastListed >= 0 && lastListed > LISTING_SPREAD * datacenterGroups.size())) {
      return;
    }
    Map<String, Long> before = new java.util.HashMap<>();
    generations.forEach((id, g) -> before.put(id, g.get()));
    long invalidatedBefore = invalidations.get();
    long started = System.nanoTime();
    // a collection's items sit one level deeper than a datacenter read on its own
    java.util.List<Datacenter> all =
        client.datacenters().listAll(Query.depth(DATACENTER_DEPTH + 1));
    lastListed = all.size();
    for (Datacenter d : all) {
      Long was = before.get(d.id());
      // a view invalidated while the listing ran may predate what invalidated it: not kept
      boolean unchanged =
          was != null ? generation(d.id()).get() == was : invalidations.get() == invalidatedBefore;
      if (unchanged) {
        datacenters.put(d.id(), new View<>(Optional.of(d), started));
        presence.seen(d.id());
        presence.forget(d.id());
      }
    }
  }

  /** Stops following requests and the request log (the operator is stopping). */
  @jakarta.annotation.PreDestroy
  public void close() {
    drift.close();
    tracker.close();
  }

  /** Wakes {@code wake} (of object {@code key}) once others changed read group {@code group}. */
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
      synchronized (activeSince) {
        // the first create's thread asks; the others wait for its answer instead of asking too
        if (!client.cloudClock().isSynced()) {
          client.info();
        }
      }
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
      // to the second, as intents are: an intent of this process's first second is its own
      activeSince.compareAndSet(
          null,
          Instant.now(client.cloudClock()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
  }

  public ProfitBricksClient client() {
    return client;
  }

  /** The contract's resource limits and the writes on their way that count against them. */
  public ContractLimits limits() {
    return limits;
  }

  /** How old a view may be for a check that a stale yes cannot mislead. */
  static final Duration RECENT = Duration.ofSeconds(60);

  /**
   * Whether {@code test} holds for the datacenter on a view up to {@link #RECENT} old, else on the
   * current one: for checks a stale yes cannot mislead ("the parent exists" before a create).
   */
  public boolean datacenterShows(String id, java.util.function.Predicate<Datacenter> test) {
    View<Optional<Datacenter>> e = datacenters.get(id);
    if (e != null
        && System.nanoTime() - e.atNanos() < RECENT.toNanos()
        && e.value().filter(test).isPresent()) {
      return true;
    }
    return datacenter(id).filter(test).isPresent();
  }

  /** The datacenter with its children, or empty when the cloud says 404. */
  public Optional<Datacenter> datacenter(String id) {
    if (presence.isGone(id)) {
      return Optional.empty();
    }
    View<Optional<Datacenter>> e = datacenters.get(id);
    if (e != null && usable(e, id)) {
      return e.value();
    }
    synchronized (lockFor(id)) {
      e = datacenters.get(id);
      if (e != null && usable(e, id)) {
        return e.value();
      }
      long generation = generation(id).get();
      long started = System.nanoTime();
      Optional<Datacenter> read = readDatacenter(id);
      if (read.isEmpty()) {
        presence.gone(id);
      } else {
        presence.seen(id);
      }
      if (generation(id).get() == generation) {
        datacenters.put(id, new View<>(read, started));
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
    View<Map<String, IpBlock>> e = ipBlocks;
    if (e == null || !usable(e, IP_BLOCKS)) {
      synchronized (this) {
        e = ipBlocks;
        if (e == null || !usable(e, IP_BLOCKS)) {
          long generation = ipBlockGeneration.get();
          long started = System.nanoTime();
          Map<String, IpBlock> all = new java.util.HashMap<>();
          client.ipBlocks().listAll(Query.depth(1)).forEach(b -> all.put(b.id(), b));
          all.keySet().forEach(presence::seen);
          e = new View<>(all, started);
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
    if (presence.absenceShown(e, e.value().size(), id)) {
      return Optional.empty();
    }
    // a block made after the listing began, or one a page shift hid while others were deleted
    try {
      IpBlock read = client.ipBlocks().get(id);
      presence.seen(id);
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
    View<?> e = IP_BLOCKS.equals(group) ? ipBlocks : group == null ? null : datacenters.get(group);
    if (e != null && e.atNanos() - seen < 0) {
      invalidate(group);
    }
  }

  /** The next read of {@code id} asks the cloud even after a 404 (one before its create ran). */
  public void forgetGone(String id) {
    presence.forget(id);
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
      invalidations.incrementAndGet();
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

  private AtomicLong generation(String datacenterId) {
    return generations.computeIfAbsent(datacenterId, k -> new AtomicLong());
  }

  private boolean fresh(View<?> e) {
    return System.nanoTime() - e.atNanos() < ttl.toNanos();
  }

  /**
   * Lets this thread's pass use a view read after the object's latest request ended ({@code
   * requestId}), up to {@link #RECENT} old, not only one within the TTL: see {@link PassFloor}.
   * {@link #passDone()} ends it.
   */
  public void passFrom(String requestId, boolean hasRequest) {
    floor.from(requestId, hasRequest, tracker::endSeen);
  }

  public void passDone() {
    floor.clear();
  }

  private final PassFloor floor = new PassFloor();

  /**
   * Within the TTL, or newer than this pass's floor and recent and than the last end of any request
   * of this process in the group (another object's delete, say, changed it).
   */
  private boolean usable(View<?> e, String group) {
    if (fresh(e)) {
      return true;
    }
    Long ended = tracker.groupEndSeen(group);
    return floor.allows(e, RECENT) && (ended == null || e.atNanos() - ended > 0);
  }

  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  private Object lockFor(String id) {
    return locks.computeIfAbsent(id, k -> new Object());
  }
}
