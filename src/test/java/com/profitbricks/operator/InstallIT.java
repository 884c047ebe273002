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
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The install as a user gets it: the operator's jar in its default (prod) profile, leader election
 * and the CRD check on, runs as deploy/base's ServiceAccount against a Kubernetes API that enforces
 * deploy/base's RBAC (and the CRDs' schemas), converges samples/ and samples/seed/, deletes them,
 * and is still running and leading at the end with no request refused; then it stops on SIGTERM at
 * once and gives the Lease up.
 */
@ExtendWith(MockServerQuirks.class)
class InstallIT {
  static final String NS = "default";
  static final String OPERATOR_NS = "profitbricks-operator";
  static final Path LOGS = Path.of("target", "install-it");

  @Test
  void theJarConvergesAndDeletesTheSamplesStillLeadingAndStopsAtOnceOnSigterm() throws Exception {
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0.02).build())) {
      sim.start();
      api.apply(Installs.base(), OPERATOR_NS);
      KubernetesClient kube = api.client();
      Path kubeconfig = Operators.kubeconfig(api, LOGS, Installs.BASE_SUBJECT, OPERATOR_NS);
      try (OperatorJar op =
          OperatorJar.start(kubeconfig, sim.baseUrl(), "operator-0", LOGS, Map.of())) {
        String leader = Operators.awaitLeader(kube, OPERATOR_NS, Duration.ofSeconds(60), op);
        assertThat(leader).startsWith("operator-0-");

        List<HasMetadata> applied = new ArrayList<>();
        for (Path f : manifests()) {
          try (FileInputStream in = new FileInputStream(f.toFile())) {
            for (HasMetadata o : kube.load(in).items()) {
              o.getMetadata().setNamespace(NS);
              applied.add(kube.resource(o).create());
            }
          }
        }
        long objects = Kinds.count(kube, NS);
        assertThat(objects).isEqualTo(17);
        await("samples and seed Ready")
            .atMost(Duration.ofMinutes(3))
            .untilAsserted(() -> assertThat(Kinds.notReady(kube, NS)).isEmpty());
        long made = sim.resourceCount();

        applied.forEach(o -> kube.resource(o).delete());
        await("all deleted")
            .atMost(Duration.ofMinutes(3))
            .until(() -> Kinds.count(kube, NS) == 0 && sim.pendingRequests() == 0);
        assertThat(sim.resourceCount()).as("left in the cloud of " + made).isZero();

        assertThat(op.alive()).as("still running\n" + op.logText()).isTrue();
        Lease lease = Operators.lease(kube, OPERATOR_NS);
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leader);
        assertThat(lease.getSpec().getRenewTime())
            .as("renewed within the lease duration")
            .isAfter(ZonedDateTime.now().minusSeconds(15));
        assertThat(op.logText()).doesNotContain("Stopped leading").doesNotContain("Lost the Lease");
        assertThat(api.refusals()).as("requests the API refused").isEmpty();

        assertThat(op.terminate(Duration.ofSeconds(10)))
            .as("exits within 10 s of SIGTERM\n" + op.logText())
            .isTrue();
        assertThat(Operators.lease(kube, OPERATOR_NS).getSpec().getHolderIdentity())
            .as("the Lease is given up on stop")
            .isNullOrEmpty();
      }
    }
  }

  static List<Path> manifests() throws Exception {
    List<Path> out = new ArrayList<>();
    for (Path dir : List.of(Path.of("samples"), Path.of("samples", "seed"))) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
      }
    }
    return out;
  }
}
