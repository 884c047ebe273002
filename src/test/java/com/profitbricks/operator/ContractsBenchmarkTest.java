package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.profitbricks.operator.ScaleBenchmarkTest.OperatorProcess;
import com.profitbricks.operator.ScaleBenchmarkTest.Watch;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.StrictKubernetes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The multi-contract benchmark ({@code ./mvnw -B verify -Pbenchmark}; never part of the test run):
 * the same fleet of about 250 objects is applied once in one namespace and once in each of four,
 * each namespace with its own Secret {@code profitbricks-credentials} reaching its own simulated
 * account (its own rate limit, 600 calls/min as the default of the others), and the operator's jar
 * as a process converges them. Each credential set has a rate budget of its own, so four contracts
 * should take about as long as one: the target is within 1.3×. {@code
 * target/benchmark/contracts.md} and {@code contracts.json} get the converge and delete times and
 * the calls each account received. It fails only on broken invariants: a call reaching another
 * account than its objects', a duplicate or a leftover resource.
 */
@Tag("benchmark")
@ExtendWith(MockServerQuirks.class)
class ContractsBenchmarkTest {
  static final String AGENT = ScaleBenchmarkTest.AGENT;
  static final int DATACENTERS = Integer.getInteger("bench.contractDatacenters", 17);
  static final int CONTRACTS = 4;

  @Test
  void fourContractsConvergeAboutAsFastAsOne() throws Exception {
    assumeTrue(
        Files.exists(ScaleBenchmarkTest.JAR), "no operator jar: ./mvnw -B verify -Pbenchmark");
    Files.createDirectories(ScaleBenchmarkTest.OUT);
    Map<String, Object> one = run(1);
    Map<String, Object> four = run(CONTRACTS);
    double ratio =
        ScaleBenchmarkTest.round(
            (double) four.get("convergeSeconds") / (double) one.get("convergeSeconds"));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("at", Instant.now().toString());
    doc.put("cores", Runtime.getRuntime().availableProcessors());
    doc.put("runs", List.of(one, four));
    doc.put("convergeRatio", ratio);
    Files.writeString(
        ScaleBenchmarkTest.OUT.resolve("contracts.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    String md = markdown(one, four, ratio);
    Files.writeString(ScaleBenchmarkTest.OUT.resolve("contracts.md"), md);
    System.out.println(md);
  }

  /** The fleet in each of {@code contracts} namespaces, each with its own account. */
  Map<String, Object> run(int contracts) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    List<CloudSimulator> accounts = new ArrayList<>();
    List<Watch> watches = new ArrayList<>();
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator operatorOwn = account("operator@example.com");
        KubernetesClient kube = api.clientAs(AGENT)) {
      List<HasMetadata> fleet = new ArrayList<>();
      for (int i = 0; i < contracts; i++) {
        String ns = "contract-" + i;
        CloudSimulator account = account("team-" + i + "@example.com");
        accounts.add(account);
        api.ensureNamespace(ns);
        kube.resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("profitbricks-credentials")
                    .withNamespace(ns)
                    .endMetadata()
                    .withStringData(
                        Map.of(
                            "username",
                            "team-" + i + "@example.com",
                            "password",
                            "pw",
                            "url",
                            account.baseUrl()))
                    .build())
            .create();
        watches.add(new Watch(kube, ns));
        fleet.addAll(Fleet.of(ns, DATACENTERS));
      }
      r.put("contracts", contracts);
      r.put("objects", fleet.size());
      r.put("objectsPerContract", fleet.size() / contracts);
      for (HasMetadata o : fleet) {
        kube.resource(o).create();
      }
      accounts.forEach(a -> a.calls().reset());

      Instant launched = Instant.now();
      OperatorProcess op =
          OperatorProcess.start(
              api,
              operatorOwn.baseUrl(),
              ScaleBenchmarkTest.RATE,
              "-Dprofitbricks.credential-secrets.allow-api-url=true");
      try {
        await()
            .atMost(Duration.ofMinutes(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> watches.stream().mapToInt(w -> w.ready.size()).sum() == fleet.size());
        double converge = Duration.between(launched, Instant.now()).toMillis() / 1000.0;
        r.put("convergeSeconds", converge);
        List<Long> calls = accounts.stream().map(a -> (long) a.calls().calls().size()).toList();
        r.put("callsPerAccount", calls);
        r.put("operatorOwnAccountCalls", operatorOwn.calls().calls().size());
        r.put("resourcesPerAccount", accounts.stream().map(CloudSimulator::resourceCount).toList());
        r.put("heapAfterGcMiB", op.heapAfterGcMiB());

        Instant deleteStart = Instant.now();
        for (HasMetadata o : fleet) {
          kube.resource(o).delete();
        }
        await()
            .atMost(Duration.ofMinutes(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> watches.stream().allMatch(w -> w.present.isEmpty()));
        r.put("deleteSeconds", Duration.between(deleteStart, Instant.now()).toMillis() / 1000.0);
        r.put("resourcesLeft", accounts.stream().mapToLong(CloudSimulator::resourceCount).sum());

        assertThat(operatorOwn.calls().count(c -> c.isWrite()))
            .as("the operator's own account got no write for a namespace's objects")
            .isZero();
        assertThat(accounts)
            .allSatisfy(
                a ->
                    assertThat(a.calls().count(c -> c.status() == 401))
                        .as("no call with another account's credentials")
                        .isZero());
        assertThat((List<Long>) r.get("resourcesPerAccount"))
            .as("each account holds exactly its fleet, no duplicates")
            .allMatch(n -> n == Fleet.resources(DATACENTERS));
        assertThat((long) r.get("resourcesLeft")).as("nothing left behind").isZero();
      } finally {
        op.close();
        watches.forEach(Watch::close);
      }
    } finally {
      accounts.forEach(CloudSimulator::close);
    }
    return r;
  }

  /** An account that takes only its own user's calls, at the default rate limit. */
  static CloudSimulator account(String user) {
    CloudSimulator sim =
        new CloudSimulator(
            SimConfig.builder()
                .credentials(user, user.startsWith("operator") ? "bench" : "pw")
                .timeFactor(0.05)
                .rateLimit((int) (ScaleBenchmarkTest.RATE * 60), 50)
                .build());
    sim.start();
    return sim;
  }

  static String markdown(Map<String, Object> one, Map<String, Object> four, double ratio) {
    StringBuilder md = new StringBuilder("# Multi-contract benchmark\n\n");
    md.append("Run ")
        .append(Instant.now())
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores. The same fleet in one namespace, then in each of ")
        .append(CONTRACTS)
        .append(", each namespace with its own Secret profitbricks-credentials reaching its own")
        .append(" simulated account (time factor 0.05, 600 calls/min, burst 50); the operator's")
        .append(" jar as a process at its default rate limit per credential set.\n\n")
        .append("| contracts | objects | converge | delete | calls per account | heap after GC |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Map<String, Object> r : List.of(one, four)) {
      md.append("| ")
          .append(r.get("contracts"))
          .append(" | ")
          .append(r.get("objects"))
          .append(" | ")
          .append(r.get("convergeSeconds"))
          .append(" s | ")
          .append(r.get("deleteSeconds"))
          .append(" s | ")
          .append(r.get("callsPerAccount"))
          .append(" | ")
          .append(r.get("heapAfterGcMiB"))
          .append(" MiB |\n");
    }
    md.append("\n## Target\n\n");
    ScaleBenchmarkTest.target(
        md,
        CONTRACTS + " contracts converge within 1.3 × the time of one",
        ratio <= 1.3,
        ratio + " ×");
    return md.toString();
  }
}
