package com.profitbricks.operator.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Leader election through a Kubernetes Lease in the operator's namespace, so that of several
 * replicas only one reconciles and writes to the cloud; the others wait to take over. The operator
 * SDK activates it in the prod profile ({@code
 * quarkus.operator-sdk.activate-leader-election-for-profiles}); dev and test run a single instance
 * without it.
 *
 * <p>The Lease is renewed with get and a JSON merge patch, and taken over with create or patch: the
 * operator's Role must allow get, create, update and patch on leases. {@link LeaderLease} says what
 * happens when leadership ends.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {
  private final LeaderLease lease;

  @Inject
  public LeaderElection(OperatorConfig config, KubernetesClient kube) {
    this(
        new LeaderLease(config.leaderElection().leaseName(), LeaderLease.exitProcess()),
        config.leaderElection().leaseDuration(),
        config.leaderElection().renewDeadline(),
        config.leaderElection().retryPeriod(),
        kube);
  }

  private LeaderElection(
      LeaderLease lease,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod,
      KubernetesClient kube) {
    // the lease namespace (null) is the client's: the pod's own namespace in a cluster
    super(
        lease.name(),
        null,
        leaseDuration,
        renewDeadline,
        retryPeriod,
        lease.identity(),
        lease.callbacks(),
        false);
    this.lease = lease;
    lease.use(kube);
  }

  /**
   * Marks the stop before the operator SDK stops the operator (its observer has the default
   * priority, which runs after this one), so the end of the election reads as a stop.
   */
  void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(100) ShutdownEvent event) {
    lease.stopping();
  }
}
