package com.profitbricks.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.RequestState;
import com.profitbricks.client.model.RequestStatus;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** In-flight requests followed with one listing, the per-request read kept for what it misses. */
class RequestTrackerTest {
  static final String LIST = "/requests";
  static final String STATUS = "/requests/{requestId}/status";

  CloudSimulator sim;
  ProfitBricksClient client;
  final Map<String, RequestStatus> finished = new ConcurrentHashMap<>();
  final List<String> woken = new CopyOnWriteArrayList<>();

  @BeforeEach
  void cloud() {
    sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build());
    client =
        ProfitBricksClient.builder()
            .baseUrl(sim.start())
            .credentials(Credentials.basic("u", "p"))
            .build();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** Rounds are run by the test: the tracker's own schedule is an hour. */
  RequestTracker tracker(Clock clock) {
    return new RequestTracker(client, finished, Duration.ofHours(1), clock);
  }

  String create(String name) {
    return client
        .datacenters()
        .create(Datacenter.of(Datacenter.Properties.create(name, "de/fra", null)))
        .requestId();
  }

  @Test
  void oneListingAnswersForEveryPendingRequestAndWakesThoseThatEnded() {
    sim.faults().holdRequests(true);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(create("dc" + i));
    }
    try (RequestTracker t = tracker(Clock.systemUTC())) {
      ids.forEach(id -> t.track(id, null, () -> woken.add(id)));
      sim.calls().reset();
      t.poll();
      assertThat(ids).allMatch(id -> t.last(id).state() == RequestState.RUNNING);
      assertThat(woken).as("QUEUED to RUNNING is shown").containsExactlyInAnyOrderElementsOf(ids);
      woken.clear();
      t.poll();
      assertThat(woken).as("no move, no wake").isEmpty();

      sim.faults().releaseRequests();
      t.poll();
      assertThat(woken).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(ids).allMatch(id -> finished.get(id).state() == RequestState.DONE);
      assertThat(t.pendingCount()).isZero();
      assertThat(sim.calls().count("GET", LIST)).as("one listing per round").isEqualTo(3);
      assertThat(sim.calls().count("GET", STATUS)).as("no status read of its own").isZero();

      t.poll();
      assertThat(sim.calls().count("GET", LIST)).as("nothing pending, nothing read").isEqualTo(3);
    }
  }

  /**
   * Our clock ten minutes ahead of the cloud's: the listing's date filter leaves the request out.
   */
  @Test
  void aRequestTheListingDoesNotShowIsAskedForOnItsOwnAfterTwoRounds() {
    String id = create("skewed");
    Clock ahead = Clock.fixed(Instant.now().plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
    try (RequestTracker t = tracker(ahead)) {
      t.track(id, null, () -> woken.add(id));
      sim.calls().reset();
      t.poll();
      assertThat(sim.calls().count("GET", STATUS)).isZero();
      assertThat(woken).isEmpty();
      t.poll();
      assertThat(sim.calls().count("GET", STATUS)).isEqualTo(1);
      assertThat(woken).containsExactly(id);
      assertThat(finished.get(id).state()).isEqualTo(RequestState.DONE);
    }
  }

  @Test
  void anObjectBusyInADatacenterIsWokenWhenARequestThereEnds() {
    sim.faults().holdRequests(true);
    String id = create("busy");
    try (RequestTracker t = tracker(Clock.systemUTC())) {
      t.track(id, "dc-1", () -> {});
      assertThat(t.wakeWhenGroupMoves("dc-2", () -> woken.add("other")))
          .as("nothing followed there: the caller keeps its own schedule")
          .isFalse();
      assertThat(t.wakeWhenGroupMoves("dc-1", () -> woken.add("server"))).isTrue();
      t.poll();
      assertThat(woken).as("still running").isEmpty();
      sim.faults().releaseRequests();
      t.poll();
      assertThat(woken).containsExactly("server");
    }
  }

  @Test
  void aRequestTheCloudForgotWakesItsWaiterToLookForItself() {
    sim.faults().loseRequests(1);
    String id = create("forgotten");
    try (RequestTracker t = tracker(Clock.systemUTC())) {
      t.track(id, null, () -> woken.add(id));
      t.poll();
      t.poll();
      assertThat(woken).containsExactly(id);
      assertThat(finished).doesNotContainKey(id);
      assertThat(t.last(id)).as("no longer followed").isNull();
    }
  }

  /** A listing that keeps failing (a minute of 5xx) no longer stops the reads of their own. */
  @Test
  void aFailingListingFallsBackToReadsOfTheirOwn() {
    String id = create("listing-down");
    sim.faults().errors("GET", LIST, 1000, 503);
    try (RequestTracker t = tracker(Clock.systemUTC())) {
      t.track(id, null, () -> woken.add(id));
      t.poll();
      assertThat(woken).isEmpty();
      t.poll();
      assertThat(woken).as("read on its own after two rounds").containsExactly(id);
      assertThat(finished.get(id).state()).isEqualTo(RequestState.DONE);
    }
  }

  /**
   * A request made long before (after a restart: the listing's date filter leaves it out) is read
   * with growing gaps while it runs, not every other round for ever.
   */
  @Test
  void aRequestNoListingShowsIsReadWithGrowingGaps() {
    sim.faults().holdRequests(true);
    String id = create("old");
    Clock ahead = Clock.fixed(Instant.now().plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
    try (RequestTracker t = tracker(ahead)) {
      t.track(id, null, () -> {});
      sim.calls().reset();
      for (int round = 0; round < 60; round++) {
        t.poll();
      }
      long reads = sim.calls().count("GET", STATUS);
      assertThat(reads).as("2, 6, 14, 30, 62: not 30 reads").isBetween(3L, 5L);
      sim.faults().releaseRequests();
      for (int round = 0; round < RequestTracker.MAX_GAP + 1; round++) {
        t.poll();
      }
      assertThat(finished.get(id).state())
          .as("still found within the longest gap")
          .isEqualTo(RequestState.DONE);
    }
  }

  /** Ended statuses and group waiters do not pile up in memory. */
  @Test
  void finishedStatusesAndGroupWaitersStayBounded() {
    try (RequestTracker t = tracker(Clock.systemUTC())) {
      for (int i = 0; i < 3 * RequestTracker.FINISHED_KEPT; i++) {
        String id = "r-" + i;
        t.remember(
            id,
            new RequestStatus(
                id,
                "request-status",
                null,
                new RequestStatus.StatusMetadata(RequestState.DONE, "ok", null, List.of())));
      }
      assertThat(t.finishedCount()).isEqualTo(RequestTracker.FINISHED_KEPT);
      assertThat(finished).containsKey("r-" + (3 * RequestTracker.FINISHED_KEPT - 1));

      sim.faults().loseRequests(1);
      String lost = create("lost");
      t.track(lost, "dc-1", () -> {});
      assertThat(t.wakeWhenGroupMoves("dc-1", () -> woken.add("waiter"))).isTrue();
      t.poll();
      t.poll();
      t.poll();
      assertThat(woken).as("woken, not kept").containsExactly("waiter");
      assertThat(t.groupWaiterCount()).isZero();
      assertThat(t.pendingCount()).isZero();
    }
  }
}
