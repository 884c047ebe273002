package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.profitbricks.simulator.CallLog;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.MockServerQuirks;
import com.profitbricks.testing.StrictKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scale benchmark ({@code ./mvnw -B verify -Pbenchmark}; never part of the test run): for each
 * fleet size, the operator's own jar runs as a process of its own, against a Cloud API simulator
 * (request durations and its rate limit on) and a Kubernetes API that both live in this JVM, so the
 * operator process holds nothing but the operator and its heap and start time are its own. The
 * fleet is applied at once, left alone for drift checks, then deleted at once; {@code
 * target/benchmark/report.md} and {@code report.json} get per size: the lag of each object behind
 * the cloud (p50/p90/p99/max), request polling per second, reads per cloud request, writes per
 * object, Cloud API calls per phase by verb and route, Kubernetes API calls per phase, the
 * operator's heap after GC and its start time, and the steady-state reads; each target is printed
 * as met or not. It fails only on broken invariants: a duplicate or leftover resource, a write in
 * steady state, a 4xx storm on delete.
 *
 * <p>Sizes: {@code -Dbench.sizes=100,300,1000} (objects; 15 per datacenter: 4 LANs, 4 servers with
 * a boot volume and a PBNic each, a PBVolume attached by serverRef, an IP block).
 */
@Tag("benchmark")
@ExtendWith(MockServerQuirks.class)
class ScaleBenchmarkTest {
  static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  static final Path OUT = Path.of("target", "benchmark");
  static final String NS = "fleet";
  static final String AGENT = "benchmark";
  static final Duration DRIFT = Duration.ofSeconds(10);

  /** The full re-read, shortened like the drift interval so the steady window holds some. */
  static final Duration FULL_RESYNC = Duration.ofSeconds(20);

  /** The operator's defaults, which the steady-state cost per hour is computed for. */
  static final Duration DEFAULT_DRIFT = Duration.ofMinutes(5);

  static final Duration DEFAULT_FULL_RESYNC = Duration.ofHours(6);

  static final int STEADY_INTERVALS = 4;

  /** The account's rate limit the operator keeps to (its default), in calls per second. */
  static final double RATE = 10;

  /**
   * Above this many objects the rate limit is raised tenfold on both sides: such a size measures
   * heap, start and informer cost per object, not the cloud.
   */
  static final int RAISED_ABOVE = 1500;

  /** A lag this long means the object waited for a backstop, not for a wake. */
  static final Duration BACKSTOP = Duration.ofSeconds(20);

  static final List<String> KINDS =
      List.of("PBDatacenter", "PBLan", "PBIPBlock", "PBVolume", "PBServer", "PBNic");

  @Test
  void fleetsOfEachSizeConvergeStayQuietAndLeaveNothing() throws Exception {
    assumeTrue(Files.exists(JAR), "no operator jar: run ./mvnw -B verify -Pbenchmark");
    Files.createDirectories(OUT);
    List<Map<String, Object>> runs = new ArrayList<>();
    for (String size : System.getProperty("bench.sizes", "100,300,1000,5000").split(",")) {
      Map<String, Object> r = new LinkedHashMap<>();
      try {
        run((int) Math.ceil(Integer.parseInt(size.strip()) / (double) Fleet.OBJECTS), r);
      } finally {
        // a broken invariant still leaves the figures measured before it in the report
        if (r.containsKey("delete4xxByRoute")) {
          runs.add(r);
          write(runs);
        }
      }
    }
  }

  /** One fleet of {@code datacenters} × 15 objects from apply to delete. */
  void run(int datacenters, Map<String, Object> r) throws Exception {
    boolean raised = datacenters * Fleet.OBJECTS > RAISED_ABOVE;
    double rate = raised ? RATE * 10 : RATE;
    r.put("rateLimitPerSecond", rate);
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim =
            new CloudSimulator(
                SimConfig.builder()
                    .timeFactor(0.05)
                    .rateLimit((int) (rate * 60), raised ? 500 : 50)
                    .build());
        KubernetesClient kube = api.clientAs(AGENT)) {
      sim.start();
      api.ensureNamespace(NS);
      List<HasMetadata> fleet = Fleet.of(NS, datacenters);
      r.put("objects", fleet.size());
      r.put("datacenters", datacenters);
      Watch watch = new Watch(kube);
      for (HasMetadata o : fleet) {
        kube.resource(o).create();
      }
      api.takeRequests();
      sim.calls().reset();

      Instant launched = Instant.now();
      OperatorProcess op = OperatorProcess.start(api, sim.baseUrl(), rate);
      try {
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> watch.firstStatus != null);
        r.put("startMs", Duration.between(launched, watch.firstStatus).toMillis());
        await()
            .atMost(Duration.ofMinutes(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> watch.ready.size() == fleet.size());
        Instant converged = Instant.now();
        List<CallLog.Call> convergeCalls = sim.calls().calls();
        // every call while converging, for reading the timeline
        Files.write(
            OUT.resolve("converge-calls-" + fleet.size() + ".csv"),
            convergeCalls.stream()
                .map(c -> c.at() + "," + c.method() + "," + c.route() + "," + c.status())
                .toList());
        List<RecordedRequest> convergeKube = operatorRequests(api);
        double convergeSeconds = Duration.between(launched, converged).toMillis() / 1000.0;
        r.put("convergeSeconds", convergeSeconds);
        Map<String, List<Long>> lags = watch.lags(sim);
        r.put("lagMs", percentiles(lags.getOrDefault("all", List.of())));
        r.put(
            "backstopWaits",
            lags.getOrDefault("all", List.of()).stream()
                .filter(l -> l >= BACKSTOP.toMillis())
                .count());
        Map<String, Object> byKind = new TreeMap<>();
        lags.forEach((kind, v) -> byKind.put(kind, percentiles(v)));
        r.put("lagMsByKind", byKind);
        long polls =
            convergeCalls.stream()
                .filter(c -> c.method().equals("GET") && c.route().startsWith("/requests"))
                .count();
        r.put("requestPollingPerSecond", round(polls / convergeSeconds));
        long accepted =
            convergeCalls.stream().filter(c -> c.isWrite() && c.status() == 202).count();
        long gets = convergeCalls.stream().filter(c -> c.method().equals("GET")).count();
        long writes = convergeCalls.stream().filter(CallLog.Call::isWrite).count();
        r.put("cloudRequests", accepted);
        r.put("readsPerCloudRequest", round(gets / (double) Math.max(1, accepted)));
        r.put("writesPerObject", round(writes / (double) fleet.size()));
        // the least time the writes take at the rate limit: what converging cannot beat
        double floor = writes / rate;
        r.put("floorSeconds", round(floor));
        r.put("convergeOverFloor", round(convergeSeconds / floor));
        r.put("resourcesMade", sim.resourceCount());
        r.put("heapAfterGcMiB", op.heapAfterGcMiB());

        // steady state
        sim.calls().reset();
        Duration window = DRIFT.multipliedBy(STEADY_INTERVALS);
        await().pollDelay(window).atMost(window.plusSeconds(5)).until(() -> true);
        List<CallLog.Call> steadyCalls = sim.calls().calls();
        List<RecordedRequest> steadyKube = operatorRequests(api);
        // nothing changed, so any write of the operator here is one to explain: kept for reading
        Files.write(
            OUT.resolve("steady-kubernetes-writes-" + fleet.size() + ".txt"),
            steadyKube.stream()
                .filter(q -> !q.getMethod().equals("GET"))
                .map(q -> q.getMethod() + " " + q.getPath() + "\n" + q.getUtf8Body() + "\n")
                .toList());
        long steadyGets = steadyCalls.stream().filter(c -> c.method().equals("GET")).count();
        long steadyListings =
            steadyCalls.stream()
                .filter(c -> c.method().equals("GET") && c.route().equals("/requests"))
                .count();
        long steadyWrites = steadyCalls.stream().filter(CallLog.Call::isWrite).count();
        r.put(
            "steadyReadsPerDatacenterInterval",
            round(steadyGets / (double) (datacenters * STEADY_INTERVALS)));
        r.put("steadyWrites", steadyWrites);
        // per hour at the default intervals: the request-log listings per drift interval, the
        // other reads per full re-read, each counted in the shortened intervals of this run
        double listingsPerInterval = steadyListings / (double) STEADY_INTERVALS;
        double readsPerFullResync =
            (steadyGets - steadyListings) / (window.toMillis() / (double) FULL_RESYNC.toMillis());
        double perHour =
            listingsPerInterval * (3600.0 / DEFAULT_DRIFT.toSeconds())
                + readsPerFullResync * (3600.0 / DEFAULT_FULL_RESYNC.toSeconds());
        r.put("steadyListingsPerDriftInterval", round(listingsPerInterval));
        r.put("steadyReadsPerFullResync", round(readsPerFullResync));
        r.put(
            "steadyCallsPerResourceHour",
            Math.round(perHour / Fleet.resources(datacenters) * 10_000) / 10_000.0);

        // delete all at once
        sim.calls().reset();
        Instant deleteStart = Instant.now();
        for (HasMetadata o : fleet) {
          kube.resource(o).delete();
        }
        // the API's own listing decides: the watch has missed a delete event at 1,000 objects
        await()
            .atMost(Duration.ofMinutes(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> watch.present.isEmpty() || (watch.present.size() < 10 && nothingLeft(kube)));
        List<CallLog.Call> deleteCalls = sim.calls().calls();
        List<RecordedRequest> deleteKube = operatorRequests(api);
        r.put("deleteSeconds", Duration.between(deleteStart, Instant.now()).toMillis() / 1000.0);
        r.put("resourcesLeft", sim.resourceCount());
        long delete4xx =
            deleteCalls.stream().filter(c -> c.status() >= 400 && c.status() < 500).count();
        r.put("delete4xx", delete4xx);
        Map<String, Long> refused = new TreeMap<>();
        deleteCalls.stream()
            .filter(c -> c.status() >= 400 && c.status() < 500)
            .forEach(
                c -> refused.merge(c.method() + " " + c.route() + " " + c.status(), 1L, Long::sum));
        r.put("delete4xxByRoute", refused);

        Map<String, Object> cloud = new LinkedHashMap<>();
        cloud.put("converge", byRoute(convergeCalls));
        cloud.put("steady", byRoute(steadyCalls));
        cloud.put("delete", byRoute(deleteCalls));
        r.put("cloudCalls", cloud);
        Map<String, Object> k8s = new LinkedHashMap<>();
        k8s.put("converge", byVerb(convergeKube));
        k8s.put("steady", byVerb(steadyKube));
        k8s.put("delete", byVerb(deleteKube));
        r.put("kubernetesCalls", k8s);

        assertThat(r.get("resourcesMade"))
            .as("no duplicates")
            .isEqualTo(Fleet.resources(datacenters));
        assertThat(sim.resourceCount()).as("nothing left behind").isZero();
        assertThat(steadyWrites).as("no writes while nothing changes").isZero();
        // at most 5 % of the delete phase's calls (a small fleet may have a few 404 confirmations)
        assertThat(delete4xx)
            .as("no 4xx storm on delete: " + refused)
            .isLessThanOrEqualTo((long) Math.max(5, deleteCalls.size() / 20));
      } finally {
        op.close();
        watch.close();
      }
    }
  }

  static boolean nothingLeft(KubernetesClient kube) {
    return KINDS.stream()
        .allMatch(
            k ->
                kube.genericKubernetesResources("profitbricks.com/v1alpha1", k)
                    .inNamespace(NS)
                    .list()
                    .getItems()
                    .isEmpty());
  }

  /** What the operator asked of the Kubernetes API since the last call (not the benchmark). */
  static List<RecordedRequest> operatorRequests(StrictKubernetes api) {
    return api.takeRequests().stream()
        .filter(q -> !AGENT.equals(q.getHeader("User-Agent")))
        .toList();
  }

  static Map<String, Long> byRoute(List<CallLog.Call> calls) {
    Map<String, Long> m = new TreeMap<>();
    calls.forEach(c -> m.merge(c.method() + " " + c.route(), 1L, Long::sum));
    m.put("total", (long) calls.size());
    return m;
  }

  static final Pattern KIND_PATH =
      Pattern.compile(
          "/(?:api/v1|apis/[^/]+/[^/]+)(?:/namespaces/[^/?]+)?/([^/?]+)(/[^/?]+)?(/[^/?]+)?(\\?.*)?");

  static Map<String, Long> byVerb(List<RecordedRequest> requests) {
    Map<String, Long> m = new TreeMap<>();
    for (RecordedRequest q : requests) {
      Matcher x = KIND_PATH.matcher(q.getPath());
      String what =
          x.matches()
              ? x.group(1) + (x.group(3) == null ? "" : x.group(3))
              : q.getPath().replaceAll("\\?.*", "");
      boolean watch = q.getPath().contains("watch=true");
      m.merge(q.getMethod() + (watch ? " watch " : " ") + what, 1L, Long::sum);
    }
    m.put("total", (long) requests.size());
    return m;
  }

  static Map<String, Long> percentiles(List<Long> values) {
    List<Long> v = new ArrayList<>(values);
    v.sort(Long::compare);
    Map<String, Long> m = new LinkedHashMap<>();
    if (v.isEmpty()) {
      return m;
    }
    m.put("p50", v.get((int) Math.floor(0.50 * (v.size() - 1))));
    m.put("p90", v.get((int) Math.floor(0.90 * (v.size() - 1))));
    m.put("p99", v.get((int) Math.floor(0.99 * (v.size() - 1))));
    m.put("max", v.get(v.size() - 1));
    m.put("samples", (long) v.size());
    return m;
  }

  static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }

  /** Sees each object's status change in this JVM, as it happens (informers on every kind). */
  static final class Watch implements AutoCloseable {
    final Map<String, Instant> ready = new ConcurrentHashMap<>();
    final Map<String, String> lastRequest = new ConcurrentHashMap<>();
    final Map<String, String> cloudId = new ConcurrentHashMap<>();
    final Map<String, Boolean> present = new ConcurrentHashMap<>();
    volatile Instant firstStatus;
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers =
        new ArrayList<>();

    Watch(KubernetesClient kube) {
      this(kube, NS);
    }

    Watch(KubernetesClient kube, String namespace) {
      for (String kind : KINDS) {
        informers.add(
            kube.genericKubernetesResources("profitbricks.com/v1alpha1", kind)
                .inNamespace(namespace)
                .inform(
                    new ResourceEventHandler<>() {
                      @Override
                      public void onAdd(GenericKubernetesResource o) {
                        seen(o);
                      }

                      @Override
                      public void onUpdate(
                          GenericKubernetesResource a, GenericKubernetesResource o) {
                        seen(o);
                      }

                      @Override
                      public void onDelete(GenericKubernetesResource o, boolean unknown) {
                        present.remove(key(o));
                      }
                    }));
      }
    }

    static String key(GenericKubernetesResource o) {
      return o.getKind() + "/" + o.getMetadata().getName();
    }

    @SuppressWarnings("unchecked")
    void seen(GenericKubernetesResource o) {
      Instant now = Instant.now();
      present.put(key(o), true);
      Object st = o.getAdditionalProperties().get("status");
      if (!(st instanceof Map<?, ?> status) || status.get("conditions") == null) {
        return;
      }
      if (firstStatus == null) {
        firstStatus = now;
      }
      if (status.get("id") != null) {
        // a LAN number is unique only in its datacenter
        Object dc = "PBLan".equals(o.getKind()) ? status.get("datacenterId") : null;
        cloudId.put(key(o), (dc == null ? "" : dc + "/") + status.get("id"));
      }
      if (status.get("request") instanceof Map<?, ?> req && req.get("id") != null) {
        lastRequest.put(key(o), req.get("id").toString());
      }
      for (Object c : (List<Object>) status.get("conditions")) {
        Map<String, Object> cond = (Map<String, Object>) c;
        if ("Ready".equals(cond.get("type")) && "True".equals(cond.get("status"))) {
          ready.putIfAbsent(key(o), now);
        }
      }
    }

    /**
     * Per kind, Ready minus the end of the cloud's last request for the object, in ms: its own last
     * request, or a later one that touched its resource (a NIC or an attach makes a server BUSY
     * until it ends; NICs keep their LAN BUSY the same way).
     */
    Map<String, List<Long>> lags(CloudSimulator sim) {
      Map<String, List<Long>> out = new TreeMap<>();
      ready.forEach(
          (k, at) -> {
            String rid = lastRequest.get(k);
            Instant done = rid == null ? null : sim.requestDoneAt(rid);
            String id = cloudId.get(k);
            Instant touched = id == null ? null : sim.lastRequestDoneAt(id);
            if (touched != null
                && (done == null || touched.isAfter(done))
                && touched.isBefore(at)) {
              done = touched;
            }
            if (done != null) {
              long lag = Math.max(0, Duration.between(done, at).toMillis());
              out.computeIfAbsent("all", x -> new ArrayList<>()).add(lag);
              out.computeIfAbsent(k.substring(0, k.indexOf('/')), x -> new ArrayList<>()).add(lag);
            }
          });
      return out;
    }

    @Override
    public void close() {
      informers.forEach(SharedIndexInformer::close);
    }
  }

  /** The operator's jar as a process against the in-JVM APIs; its heap read with jcmd. */
  static final class OperatorProcess implements AutoCloseable {
    final Process process;

    private OperatorProcess(Process process) {
      this.process = process;
    }

    /** {@code options}: further system properties ({@code -Dname=value}) of the operator. */
    static OperatorProcess start(
        StrictKubernetes api, String cloudUrl, double rate, String... options) throws IOException {
      Path kubeconfig = api.writeKubeconfig(OUT.resolve("kubeconfig"), null);
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Dquarkus.profile=benchmark",
                  "-Dquarkus.http.port=0",
                  "-Dprofitbricks.drift-interval=" + DRIFT.toSeconds() + "s",
                  "-Dprofitbricks.full-resync-interval=" + FULL_RESYNC.toSeconds() + "s",
                  "-Dprofitbricks.api.rate-limit=" + rate,
                  "-Dprofitbricks.api.rate-burst=" + (int) (rate * 2)));
      command.addAll(List.of(options));
      command.addAll(List.of("-jar", JAR.toString()));
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(OUT.resolve("operator.log").toFile());
      pb.environment().put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
      pb.environment().put("PROFITBRICKS_API_URL", cloudUrl);
      pb.environment().put("PROFITBRICKS_USERNAME", "bench@example.com");
      pb.environment().put("PROFITBRICKS_PASSWORD", "bench");
      return new OperatorProcess(pb.start());
    }

    /** Heap in use right after a full GC of the operator process, by jcmd. */
    long heapAfterGcMiB() throws IOException, InterruptedException {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      String pid = Long.toString(process.pid());
      new ProcessBuilder(jcmd, pid, "GC.run").start().waitFor();
      Process info = new ProcessBuilder(jcmd, pid, "GC.heap_info").start();
      String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      info.waitFor();
      Matcher m = Pattern.compile("used (\\d+)K").matcher(text);
      return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor();
    }
  }

  // ---------------------------------------------------------------- report

  static void write(List<Map<String, Object>> runs) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("at", Instant.now().toString());
    doc.put("cores", Runtime.getRuntime().availableProcessors());
    doc.put("runs", runs);
    Files.writeString(OUT.resolve("report.json"), json.writeValueAsString(doc));
    Files.writeString(OUT.resolve("report.md"), markdown(runs));
    System.out.println(markdown(runs));
  }

  @SuppressWarnings("unchecked")
  static String markdown(List<Map<String, Object>> runs) {
    StringBuilder md = new StringBuilder("# Scale benchmark\n\n");
    md.append("Run ")
        .append(Instant.now())
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores. The operator's jar as its own process (defaults but a drift interval of ")
        .append(DRIFT.toSeconds())
        .append(" s and a full re-read every ")
        .append(FULL_RESYNC.toSeconds())
        .append(" s); the Cloud API simulator at time factor 0.05 with its rate limit (600/min,")
        .append(" burst 50; above ")
        .append(RAISED_ABOVE)
        .append(" objects both sides tenfold) and the Kubernetes API (Fabric8 mock, CRUD) in the")
        .append(" benchmark's JVM. Lag: an object's Ready seen by a watch minus the end of its")
        .append(" last cloud request. Floor: the converge phase's cloud writes divided by the")
        .append(" rate limit. Steady calls per resource and hour: at the default intervals (")
        .append(DEFAULT_DRIFT.toMinutes())
        .append(" min, ")
        .append(DEFAULT_FULL_RESYNC.toHours())
        .append(" h), computed from the calls counted in the shortened ones.\n\n");
    md.append(
            "| objects | start | converge | floor | converge ÷ floor | lag p50 / p90 / p99 / max |"
                + " backstop waits | request polling | reads per cloud request | writes per object"
                + " | heap after GC | steady calls per resource and hour | delete | delete 4xx |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> r : runs) {
      Map<String, Long> lag = (Map<String, Long>) r.get("lagMs");
      md.append("| ")
          .append(r.get("objects"))
          .append((double) r.get("rateLimitPerSecond") > RATE ? " (rate ×10)" : "")
          .append(" | ")
          .append(r.get("startMs"))
          .append(" ms | ")
          .append(r.get("convergeSeconds"))
          .append(" s | ")
          .append(r.get("floorSeconds"))
          .append(" s | ")
          .append(r.get("convergeOverFloor"))
          .append(" | ")
          .append(lag.get("p50"))
          .append(" / ")
          .append(lag.get("p90"))
          .append(" / ")
          .append(lag.get("p99"))
          .append(" / ")
          .append(lag.get("max"))
          .append(" ms | ")
          .append(r.get("backstopWaits"))
          .append(" | ")
          .append(r.get("requestPollingPerSecond"))
          .append(" calls/s | ")
          .append(r.get("readsPerCloudRequest"))
          .append(" | ")
          .append(r.get("writesPerObject"))
          .append(" | ")
          .append(r.get("heapAfterGcMiB"))
          .append(" MiB | ")
          .append(r.get("steadyCallsPerResourceHour"))
          .append(" | ")
          .append(r.get("deleteSeconds"))
          .append(" s | ")
          .append(r.get("delete4xx"))
          .append(" |\n");
    }
    md.append("\n## Targets\n\n");
    List<Map<String, Object>> atRate =
        runs.stream().filter(r -> (double) r.get("rateLimitPerSecond") == RATE).toList();
    if (!atRate.isEmpty()) {
      Map<String, Object> big = atRate.get(atRate.size() - 1);
      String at = " at " + big.get("objects") + " objects";
      double overFloor = (double) big.get("convergeOverFloor");
      target(md, "converge ≤ 1.3 × floor" + at, overFloor <= 1.3, overFloor + " ×");
      double reads = (double) big.get("readsPerCloudRequest");
      target(md, "reads per cloud request ≤ 0.5" + at, reads <= 0.5, Double.toString(reads));
      Map<String, Long> lag = (Map<String, Long>) big.get("lagMs");
      target(md, "lag p50 ≤ 1 s" + at, lag.get("p50") <= 1000, lag.get("p50") + " ms");
      target(md, "lag p99 ≤ 3 s" + at, lag.get("p99") <= 3000, lag.get("p99") + " ms");
      long backstops = (long) big.get("backstopWaits");
      target(md, "no object waits for a backstop" + at, backstops == 0, backstops + " objects");
      double steady = (double) big.get("steadyCallsPerResourceHour");
      target(
          md,
          "steady state ≤ 0.05 calls per resource and hour at the default intervals" + at,
          steady <= 0.05,
          Double.toString(steady));
      long heap = (long) big.get("heapAfterGcMiB");
      target(md, "heap ≤ 64 MiB after GC" + at, heap <= 64, heap + " MiB");
      long start = (long) big.get("startMs");
      target(
          md, "start ≤ 3 s (JVM start to first status written)" + at, start <= 3000, start + " ms");
      double polling = (double) big.get("requestPollingPerSecond");
      target(md, "request polling ≤ 1 call/s" + at, polling <= 1.0, polling + " calls/s");
    }
    if (runs.size() > 1) {
      Map<String, Object> small = runs.get(runs.size() - 2);
      Map<String, Object> big = runs.get(runs.size() - 1);
      double perObject =
          ((long) big.get("heapAfterGcMiB") - (long) small.get("heapAfterGcMiB"))
              * 1024.0
              / ((int) big.get("objects") - (int) small.get("objects"));
      target(
          md,
          "≤ 20 KiB more heap per object from "
              + small.get("objects")
              + " to "
              + big.get("objects")
              + " objects",
          perObject <= 20,
          round(perObject) + " KiB");
    }
    md.append("\n## Calls per phase\n\n");
    for (Map<String, Object> r : runs) {
      md.append("### ").append(r.get("objects")).append(" objects\n\n");
      md.append("Lag by kind (ms): ").append(r.get("lagMsByKind")).append("\n\n");
      md.append("Steady state: ")
          .append(r.get("steadyListingsPerDriftInterval"))
          .append(" request-log listings per drift interval, ")
          .append(r.get("steadyReadsPerFullResync"))
          .append(" other reads per full re-read (")
          .append(r.get("steadyReadsPerDatacenterInterval"))
          .append(" reads per datacenter and drift interval in all)\n\n");
      md.append("4xx while deleting: ").append(r.get("delete4xxByRoute")).append("\n\n");
      md.append("Cloud API: ").append(r.get("cloudCalls")).append("\n\n");
      md.append("Kubernetes API (the operator's): ")
          .append(r.get("kubernetesCalls"))
          .append("\n\n");
    }
    return md.toString();
  }

  static void target(StringBuilder md, String what, boolean met, String value) {
    md.append("- ")
        .append(met ? "met" : "NOT met")
        .append(": ")
        .append(what)
        .append(" (")
        .append(value)
        .append(")\n");
  }
}
