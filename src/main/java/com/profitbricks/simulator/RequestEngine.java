package com.profitbricks.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The asynchronous side of the API. A write becomes a request that goes QUEUED → RUNNING → DONE (or
 * FAILED). Requests with the same queue key (the datacenter they touch) run one at a time in order,
 * as the cloud serializes them. Progress is computed from the clock whenever the API is asked, so
 * no background thread is needed and tests with a time factor of 0 are deterministic.
 */
final class RequestEngine {
  static final class SimRequest {
    final String id;
    final String method;
    final String url;
    final String body;
    final Map<String, String> headers;
    final String createdDate;
    final String createdBy;
    final String queueKey;
    final long durationMs;
    final List<Node> targets;
    final Runnable onDone;
    final Runnable onFailed;
    final String failMessage;
    final boolean lost;

    /** The fault release generation this request waits for, or -1 when not held. */
    final int heldGeneration;

    final String etag;

    /** What this request creates out of sight (late visibility), shown when it ends. */
    final List<Node> reveal = new ArrayList<>();

    String status = "QUEUED";
    String message = "Request has been queued";

    /** When it may leave QUEUED: a fifth of its duration after submission. */
    long eligibleAtMs;

    long runningSinceMs;

    /** When it ended in the simulator's time (it is settled lazily, at the next call). */
    long doneAtMs;

    SimRequest(
        String id,
        String method,
        String url,
        String body,
        Map<String, String> headers,
        String createdDate,
        String createdBy,
        String queueKey,
        long durationMs,
        List<Node> targets,
        Runnable onDone,
        Runnable onFailed,
        String failMessage,
        boolean lost,
        int heldGeneration) {
      this.id = id;
      this.method = method;
      this.url = url;
      this.body = body;
      this.headers = headers;
      this.createdDate = createdDate;
      this.createdBy = createdBy;
      this.queueKey = queueKey;
      this.durationMs = durationMs;
      this.targets = targets;
      this.onDone = onDone;
      this.onFailed = onFailed;
      this.failMessage = failMessage;
      this.lost = lost;
      this.heldGeneration = heldGeneration;
      this.etag = Integer.toHexString(id.hashCode());
    }

    boolean isFinished() {
      return status.equals("DONE") || status.equals("FAILED");
    }
  }

  private final Map<String, SimRequest> byId = new LinkedHashMap<>();
  private final Map<String, ArrayDeque<SimRequest>> queues = new LinkedHashMap<>();
  private final LongSupplier clockMs;
  private final Faults faults;

  RequestEngine(LongSupplier clockMs, Faults faults) {
    this.clockMs = clockMs;
    this.faults = faults;
  }

  SimRequest submit(SimRequest r) {
    for (Node t : r.targets) {
      t.pending++;
    }
    r.eligibleAtMs = clockMs.getAsLong() + r.durationMs / 5;
    byId.put(r.id, r);
    queues.computeIfAbsent(r.queueKey, k -> new ArrayDeque<>()).add(r);
    return r;
  }

  /** Moves every queue forward to the present. */
  void advance() {
    long now = clockMs.getAsLong();
    int release = faults.releaseGeneration();
    for (Iterator<ArrayDeque<SimRequest>> qi = queues.values().iterator(); qi.hasNext(); ) {
      ArrayDeque<SimRequest> q = qi.next();
      long previousDoneAt = 0;
      while (!q.isEmpty()) {
        SimRequest head = q.peek();
        if (head.status.equals("QUEUED")) {
          long startAt = Math.max(head.eligibleAtMs, previousDoneAt);
          if (now < startAt) {
            break;
          }
          head.status = "RUNNING";
          head.message = "Request is being processed";
          head.runningSinceMs = startAt;
        }
        if (head.heldGeneration >= 0 && head.heldGeneration == release) {
          break; // held RUNNING by a fault until the next release
        }
        long doneAt =
            Math.max(head.runningSinceMs + head.durationMs, head.heldGeneration >= 0 ? now : 0);
        if (now < doneAt) {
          break;
        }
        q.poll();
        head.doneAtMs = doneAt;
        for (Node t : head.targets) {
          lastDoneAt.put(t.id, doneAt);
          if (t.parent != null) {
            lastDoneAt.put(
                t.parent.id + "/" + t.id, doneAt); // LAN numbers repeat across datacenters
          }
        }
        finish(head);
        previousDoneAt = doneAt;
      }
      if (q.isEmpty()) {
        qi.remove();
      }
    }
  }

  private void finish(SimRequest r) {
    for (Node t : r.targets) {
      t.pending = Math.max(0, t.pending - 1);
    }
    // Shown when the request ends, not when it starts RUNNING: clients are told to wait for DONE
    // before reading what they created (facts 3.3, Terraform), and nothing recorded shows a
    // resource readable while its own create runs, so the stricter reading is the longer wait. A
    // FAILED create's rollback removes what it made; what the cloud keeps (an implicit LAN) shows.
    for (Node n : r.reveal) {
      n.hidden = false;
    }
    if (r.failMessage != null) {
      r.status = "FAILED";
      r.message = r.failMessage;
      if (r.onFailed != null) {
        r.onFailed.run();
      }
    } else {
      r.status = "DONE";
      r.message = "Request has been successfully executed";
      if (r.onDone != null) {
        r.onDone.run();
      }
    }
  }

  /** When the last request touching a resource (by id) ended: for measurements. */
  final Map<String, Long> lastDoneAt = new java.util.HashMap<>();

  /** Any request, lost ones included: for measurements, not for the API. */
  SimRequest anyRequest(String id) {
    return byId.get(id);
  }

  SimRequest find(String id) {
    SimRequest r = byId.get(id);
    return r == null || r.lost ? null : r;
  }

  /** Newest first, lost ones left out. */
  List<SimRequest> all() {
    List<SimRequest> out = new ArrayList<>();
    for (SimRequest r : byId.values()) {
      if (!r.lost) {
        out.add(0, r);
      }
    }
    return out;
  }

  long pendingCount() {
    return byId.values().stream().filter(r -> !r.isFinished()).count();
  }

  void clear() {
    byId.clear();
    queues.clear();
  }
}
