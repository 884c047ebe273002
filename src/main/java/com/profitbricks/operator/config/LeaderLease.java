package com.profitbricks.operator.config;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What this process does when it starts or stops leading, and the release of the Lease on a
 * graceful stop.
 *
 * <p>The operator SDK's own reaction to the end of leadership is {@code System.exit(1)}. On a
 * SIGTERM that end comes from inside the JVM's shutdown sequence (the SDK cancels the election
 * while it stops), where {@code System.exit} blocks for ever on the shutdown lock: the pod waited
 * for SIGKILL, and the Lease stayed held, so the other replica waited out the whole lease before
 * leading. Here the two ends are told apart:
 *
 * <ul>
 *   <li>leadership lost while running (a refused or failed renewal): the process exits with 1, from
 *       a thread of its own, so Kubernetes restarts it and no second leader keeps writing;
 *   <li>a stop (SIGTERM, a rolling update, a drain): reconciliation has already stopped when the
 *       election ends, so the Lease is released at once (no holder) and the other replica takes it
 *       at its next try (its retry period) instead of after the lease duration.
 * </ul>
 */
public final class LeaderLease {
  private static final Logger LOG = Logger.getLogger(LeaderLease.class);

  private final String name;
  private final String identity;
  private final Runnable exit;
  private volatile boolean stopping;
  private volatile KubernetesClient kube;

  /**
   * @param exit what ends the process when leadership is lost while running
   */
  public LeaderLease(String name, Runnable exit) {
    this.name = name;
    // the pod's name tells people which replica leads; the suffix keeps two processes on one host
    // (or a restarted container with its pod's name) from taking each other for the holder
    this.identity =
        Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("operator")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    this.exit = exit;
  }

  /** Exits the JVM with 1 from a new thread, so the elector's own thread is not held by it. */
  public static Runnable exitProcess() {
    return () -> new Thread(() -> System.exit(1), "leadership-lost-exit").start();
  }

  /** True while the JVM runs its shutdown hooks: how a stop looks without any framework. */
  public static boolean jvmShuttingDown() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /** The client the Lease is released with (the operator's own). */
  public void use(KubernetesClient kube) {
    this.kube = kube;
  }

  /** Says that this process stops on purpose: the end of the election is then not a loss. */
  public void stopping() {
    stopping = true;
  }

  public String name() {
    return name;
  }

  public String identity() {
    return identity;
  }

  public LeaderCallbacks callbacks() {
    return new LeaderCallbacks(this::started, this::stopped, this::newLeader);
  }

  private void started() {
    LOG.infof("Leading as %s (Lease %s): reconciling", identity, name);
  }

  private void newLeader(String holder) {
    if (holder != null && !holder.isEmpty() && !identity.equals(holder)) {
      LOG.infof(
          "Lease %s is held by %s; this instance (%s) waits to take over", name, holder, identity);
    }
  }

  private void stopped() {
    if (stopping || jvmShuttingDown()) {
      release();
      return;
    }
    LOG.errorf(
        "Lost the Lease %s (renewal refused or not answered in time): exiting so that no two"
            + " instances reconcile at once; Kubernetes restarts this one, and the Lease goes to"
            + " whichever instance renews it. If this repeats, check that the operator's Role"
            + " allows get, create, update and patch on leases.",
        name);
    exit.run();
  }

  /**
   * Gives the Lease up if this instance still holds it: no holder and a lease of one second, as
   * client-go's release does, so the next try of another replica takes it. A patch of its own, not
   * Fabric8's LeaseLock: that one leaves the holder in place (its patch omits nulls). The read's
   * resourceVersion goes with it, so a Lease another replica took meanwhile is left alone (409).
   */
  void release() {
    KubernetesClient client = kube;
    if (client == null) {
      return;
    }
    try {
      Lease held =
          client
              .leases()
              .inNamespace(client.getConfiguration().getNamespace())
              .withName(name)
              .get();
      if (held == null
          || held.getSpec() == null
          || !identity.equals(held.getSpec().getHolderIdentity())) {
        return;
      }
      String now = ZonedDateTime.now(ZoneOffset.UTC).format(MICROS);
      String patch =
          """
          {"metadata":{"resourceVersion":"%s"},
           "spec":{"holderIdentity":null,"leaseDurationSeconds":1,"renewTime":"%s"}}\
          """
              .formatted(held.getMetadata().getResourceVersion(), now);
      client
          .leases()
          .inNamespace(held.getMetadata().getNamespace())
          .resource(held)
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      LOG.infof("Released the Lease %s on stop", name);
    } catch (RuntimeException e) {
      LOG.warnf(
          "Could not release the Lease %s on stop (the next leader waits for it to expire): %s",
          name, e.getMessage());
    }
  }

  /** The MicroTime form of a Lease's times. */
  private static final java.time.format.DateTimeFormatter MICROS =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");
}
