package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.deploy.Installs;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.OperatorJar;
import com.profitbricks.testing.StrictKubernetes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas of the operator's jar (prod profile, leader election on) against one Kubernetes API
 * and one cloud: when the leader goes, the other takes over and converges everything, with no cloud
 * resource made twice. Killed, the leader's Lease must run out first; stopped with SIGTERM (a
 * rolling update, a drain), it exits at once and gives the Lease up, so the other leads at its next
 * try.
 */
@ExtendWith(MockServerQuirks.class)
class FailoverIT {
  static final String NS = "default";
  static final String OPERATOR_NS = "profitbricks-operator";
  static final Duration LEASE = Duration.ofSeconds(8);
  static final Map<String, String> ELECTION =
      Map.of(
          "profitbricks.leader-election.lease-duration", LEASE.toSeconds() + "s",
          "profitbricks.leader-election.renew-deadline", "6s",
          "profitbricks.leader-election.retry-period", "1s");

  /** Two replicas, the fleet applied, the leader known; the test does the rest. */
  interface Scenario {
    void run(KubernetesClient kube, CloudSimulator sim, OperatorJar leader, OperatorJar other)
        throws Exception;
  }

  static void withTwoReplicas(String name, Scenario scenario) throws Exception {
    Path logs = Path.of("target", "failover-it", name);
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0.05).build())) {
      sim.start();
      api.apply(Installs.base(), OPERATOR_NS);
      KubernetesClient kube = api.client();
      Path kubeconfig = Operators.kubeconfig(api, logs, Installs.BASE_SUBJECT, OPERATOR_NS);
      try (OperatorJar a =
              OperatorJar.start(kubeconfig, sim.baseUrl(), "replica-a", logs, ELECTION);
          OperatorJar b =
              OperatorJar.start(kubeconfig, sim.baseUrl(), "replica-b", logs, ELECTION)) {
        String holder = Operators.awaitLeader(kube, OPERATOR_NS, Duration.ofSeconds(60), a, b);
        OperatorJar leader = holder.startsWith(a.hostname() + "-") ? a : b;
        OperatorJar other = leader == a ? b : a;
        for (HasMetadata m : Fleet.of(NS, 1)) {
          kube.resource(m).create();
        }
        scenario.run(kube, sim, leader, other);
        await("all Ready under the new leader")
            .atMost(Duration.ofMinutes(3))
            .untilAsserted(() -> assertThat(Kinds.notReady(kube, NS)).isEmpty());
        assertThat(sim.resourceCount())
            .as("each cloud resource made once\n" + other.logText())
            .isEqualTo(Fleet.resources(1));
        assertThat(other.alive()).isTrue();
        // two replicas race for the Lease (both create it at start, a takeover meets a renewal
        // or a release): the API answers 409 to one of them, as on any cluster; nothing else may
        // be refused
        assertThat(api.refusals())
            .as("requests the API refused")
            .filteredOn(r -> !(r.code() == 409 && r.what().endsWith(" coordination.k8s.io/leases")))
            .isEmpty();
      }
    }
  }

  /** Waits until the leader has started work in the cloud but not finished it. */
  static void midConverge(KubernetesClient kube, CloudSimulator sim) {
    await("the leader at work").atMost(Duration.ofMinutes(1)).until(() -> sim.resourceCount() > 0);
    assertThat(Kinds.notReady(kube, NS)).as("not converged yet").isNotEmpty();
  }

  @Test
  void aKilledLeaderIsReplacedWithinTheLeaseDurationAndNothingIsMadeTwice() throws Exception {
    withTwoReplicas(
        "kill",
        (kube, sim, leader, other) -> {
          midConverge(kube, sim);
          long killedAt = System.nanoTime();
          leader.kill();
          await("the other replica leads")
              .atMost(LEASE.plusSeconds(5))
              .until(() -> isHeldBy(kube, other));
          Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
          assertThat(took).as("takeover after a kill").isLessThan(LEASE.plusSeconds(4));
        });
  }

  @Test
  void aLeaderStoppedWithSigtermExitsAtOnceAndTheOtherLeadsAtItsNextTry() throws Exception {
    withTwoReplicas(
        "sigterm",
        (kube, sim, leader, other) -> {
          midConverge(kube, sim);
          long stoppedAt = System.nanoTime();
          assertThat(leader.terminate(Duration.ofSeconds(10)))
              .as("exits within 10 s of SIGTERM\n" + leader.logText())
              .isTrue();
          await("the other replica leads").atMost(LEASE).until(() -> isHeldBy(kube, other));
          Duration took = Duration.ofNanos(System.nanoTime() - stoppedAt);
          assertThat(took)
              .as("released, not waited out: well under the lease duration of " + LEASE)
              .isLessThan(LEASE.minusSeconds(2));
          assertThat(leader.logText()).contains("Released the Lease");
        });
  }

  /** The Lease names the other replica (identities start with the HOSTNAME each was given). */
  static boolean isHeldBy(KubernetesClient kube, OperatorJar replica) {
    String holder = Operators.holder(kube, OPERATOR_NS);
    return holder != null && holder.startsWith(replica.hostname() + "-");
  }
}
