package com.profitbricks.operator.cloud;

import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.Query;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.RequestStatus;
import com.profitbricks.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way reconcilers read the cloud. A datacenter is read with one {@code depth} GET that
 * serves the datacenter and everything in it (its LANs, later servers, volumes and NICs) for a
 * short time; any write into the datacenter drops that view so nothing acts on stale data. Request
 * statuses are shared the same way, and a finished status is kept for good.
 */
@ApplicationScoped
public class CloudReader {
  /** Enough to see a datacenter's LANs, servers, volumes and load balancers with properties. */
  static final int DATACENTER_DEPTH = 3;

  private record Entry<T>(T value, long atNanos) {}

  private final ProfitBricksClient client;
  private final Duration ttl;
  private final Map<String, Entry<Optional<Datacenter>>> datacenters = new ConcurrentHashMap<>();
  private final Map<String, Entry<RequestStatus>> requests = new ConcurrentHashMap<>();

  public CloudReader(ProfitBricksClient client, OperatorConfig config) {
    this.client = client;
    this.ttl = config.readCacheTtl();
  }

  public ProfitBricksClient client() {
    return client;
  }

  /** The datacenter with its children, or empty when the cloud says 404. */
  public Optional<Datacenter> datacenter(String id) {
    Entry<Optional<Datacenter>> e = datacenters.get(id);
    if (e != null && fresh(e)) {
      return e.value();
    }
    synchronized (lockFor(id)) {
      e = datacenters.get(id);
      if (e != null && fresh(e)) {
        return e.value();
      }
      Optional<Datacenter> read;
      try {
        read = Optional.of(client.datacenters().get(id, Query.depth(DATACENTER_DEPTH)));
      } catch (CloudApiException.NotFoundException nf) {
        read = Optional.empty();
      }
      datacenters.put(id, new Entry<>(read, System.nanoTime()));
      return read;
    }
  }

  /** Forget what was read about a datacenter: called after every write into it. */
  public void invalidate(String datacenterId) {
    if (datacenterId != null) {
      datacenters.remove(datacenterId);
    }
  }

  /** The status of a request; a DONE or FAILED one is answered from memory afterwards. */
  public RequestStatus requestStatus(String requestId) {
    Entry<RequestStatus> e = requests.get(requestId);
    if (e != null && (e.value().state().isFinal() || fresh(e))) {
      return e.value();
    }
    RequestStatus s = client.requests().status(requestId);
    requests.put(requestId, new Entry<>(s, System.nanoTime()));
    if (requests.size() > 10_000) {
      requests.entrySet().removeIf(x -> x.getValue().value().state().isFinal());
    }
    return s;
  }

  private boolean fresh(Entry<?> e) {
    return System.nanoTime() - e.atNanos() < ttl.toNanos();
  }

  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  private Object lockFor(String id) {
    return locks.computeIfAbsent(id, k -> new Object());
  }
}
