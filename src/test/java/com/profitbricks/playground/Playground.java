package com.profitbricks.playground;

import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import com.profitbricks.testing.strict.Refusal;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The operator for someone with only a JDK: a Kubernetes API in this JVM ({@link StrictKubernetes},
 * with the CRDs and the RBAC of deploy/base), the operator against its embedded Cloud API simulator
 * as its ServiceAccount, {@code samples/} applied, and each object's progress shown live until all
 * are Ready; then, if asked, everything deleted the same way. {@code ./mvnw -Pplayground} runs it
 * with the operator's own jar as a separate process; {@code --in-process} runs the reconcilers in
 * this JVM instead, {@code --yes} deletes without asking, {@code --keep} leaves everything running
 * until Ctrl-C.
 *
 * <p>While it runs, {@code kubectl --kubeconfig target/playground/kubeconfig get pbservers} (or
 * {@code get profitbricks}: every kind) reads the in-process API as its admin.
 */
public final class Playground {
  static final Path DIR = Path.of("target", "playground");
  static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  /** The operator's ServiceAccount in deploy/base; its RBAC decides what the operator may do. */
  static final String OPERATOR =
      "system:serviceaccount:profitbricks-operator:profitbricks-operator";

  static final List<String> ORDER =
      List.of("PBDatacenter", "PBLan", "PBIPBlock", "PBVolume", "PBServer", "PBNic");

  private final KubernetesClient kube;
  private final PrintStream out;
  private final boolean screen;
  private final List<HasMetadata> applied = new ArrayList<>();
  private final Instant started = Instant.now();

  public Playground(KubernetesClient kube, PrintStream out, boolean screen) {
    this.kube = kube;
    this.out = out;
    this.screen = screen;
  }

  public static void main(String[] args) throws Exception {
    // "--yes" or "yes" (Maven passes -Dplayground.args=yes)
    List<String> flags = Arrays.stream(args).map(a -> "--" + a.replaceFirst("^--", "")).toList();
    boolean inProcess = flags.contains("--in-process") || !Files.exists(JAR);
    Files.createDirectories(DIR);
    try (StrictKubernetes api = new StrictKubernetes()) {
      Path base = Path.of("deploy", "base");
      for (String f :
          List.of("namespace.yaml", "serviceaccount.yaml", "rbac.yaml", "leader-election.yaml")) {
        api.apply(StrictKubernetes.read(base.resolve(f)));
      }
      Path kubeconfig = api.writeKubeconfig(DIR.resolve("kubeconfig"), null);
      Path operatorKubeconfig = api.writeKubeconfig(DIR.resolve("operator.kubeconfig"), OPERATOR);
      Playground p = new Playground(api.client(), System.out, System.console() != null);
      try (AutoCloseable operator = inProcess ? inProcess(api) : jar(operatorKubeconfig)) {
        p.say(
            "Kubernetes API: "
                + api.config().getMasterUrl()
                + " (kubectl --kubeconfig "
                + kubeconfig
                + " get pbservers)");
        p.apply(Path.of("samples"));
        if (!p.watch(Playground::ready, Duration.ofMinutes(10))) {
          p.say(
              "Not everything became Ready within 10 minutes; the table shows where each stands.");
        }
        if (flags.contains("--keep")) {
          p.say("Everything stays up until you press Ctrl-C.");
          Thread.currentThread().join();
        }
        if (flags.contains("--yes")
            || p.ask("Delete everything (the cloud resources too)? [y/N] ")) {
          p.delete();
          p.watch(Objects::isNull, Duration.ofMinutes(5));
          p.say("All deleted.");
        }
      }
      List<Refusal> refused = api.refusals(OPERATOR, 403);
      if (!refused.isEmpty()) {
        p.say(
            "The API refused the operator "
                + refused.size()
                + " requests its RBAC does not allow:");
        refused.stream().map(Refusal::message).distinct().forEach(p::say);
      }
    }
    System.exit(0);
  }

  /** Applies every manifest of a folder, in file order, into the default namespace. */
  public void apply(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".yaml")).sorted().toList()) {
        try (FileInputStream in = new FileInputStream(f.toFile())) {
          for (HasMetadata o : kube.load(in).items()) {
            o.getMetadata().setNamespace("default");
            HasMetadata made = kube.resource(o).create();
            if (made.getApiVersion().startsWith("profitbricks.com")) {
              applied.add(made);
            }
          }
        }
      }
    }
    applied.sort(
        java.util.Comparator.comparing((HasMetadata o) -> ORDER.indexOf(o.getKind()))
            .thenComparing(o -> o.getMetadata().getName()));
    say("Applied " + applied.size() + " objects from " + dir + "/");
  }

  void delete() {
    applied.forEach(o -> kube.resource(o).delete());
    say("Deleting " + applied.size() + " objects");
  }

  /**
   * Shows the table each time it changes until every object meets {@code done} (given null once the
   * object is gone); false on timeout.
   */
  public boolean watch(Predicate<GenericKubernetesResource> done, Duration timeout)
      throws InterruptedException {
    Instant until = Instant.now().plus(timeout);
    String shown = "";
    while (Instant.now().isBefore(until)) {
      List<GenericKubernetesResource> now = applied.stream().map(this::fetch).toList();
      String table = table(now);
      if (!table.equals(shown)) {
        if (screen) {
          out.print("\033[H\033[2J");
        }
        out.println("+" + Duration.between(started, Instant.now()).toSeconds() + "s");
        out.println(table);
        shown = table;
      }
      if (now.stream().allMatch(done)) {
        return true;
      }
      Thread.sleep(500); // a live display's refresh, not a test wait
    }
    return false;
  }

  private GenericKubernetesResource fetch(HasMetadata o) {
    return kube.genericKubernetesResources(o.getApiVersion(), o.getKind())
        .inNamespace("default")
        .withName(o.getMetadata().getName())
        .get();
  }

  /** KIND NAME READY REASON REQUEST MESSAGE, one line per object, datacenters first. */
  String table(List<GenericKubernetesResource> objects) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "%-13s %-16s %-7s %-19s %-18s %s%n",
            "KIND", "NAME", "READY", "REASON", "REQUEST", "MESSAGE"));
    for (int i = 0; i < applied.size(); i++) {
      HasMetadata o = applied.get(i);
      GenericKubernetesResource r = objects.get(i);
      Map<String, Object> ready = r == null ? null : condition(r, "Ready");
      Map<String, Object> request = r == null ? null : map(status(r).get("request"));
      b.append(
          String.format(
              "%-13s %-16s %-7s %-19s %-18s %s%n",
              o.getKind(),
              o.getMetadata().getName(),
              r == null ? "gone" : text(ready, "status"),
              r == null ? "" : text(ready, "reason"),
              request == null ? "" : text(request, "action") + " " + text(request, "status"),
              shorten(r == null ? "" : text(ready, "message"))));
    }
    return b.toString().stripTrailing();
  }

  public static boolean ready(GenericKubernetesResource r) {
    return r != null && "True".equals(text(condition(r, "Ready"), "status"));
  }

  private static Map<String, Object> status(GenericKubernetesResource r) {
    Map<String, Object> s = map(r.getAdditionalProperties().get("status"));
    return s == null ? Map.of() : s;
  }

  private static Map<String, Object> condition(GenericKubernetesResource r, String type) {
    if (!(status(r).get("conditions") instanceof List<?> list)) {
      return null;
    }
    return list.stream()
        .map(Playground::map)
        .filter(c -> c != null && type.equals(c.get("type")))
        .findFirst()
        .orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  private static String text(Map<String, Object> m, String key) {
    return m == null || m.get(key) == null ? "" : m.get(key).toString();
  }

  private static String shorten(String s) {
    return s.length() > 90 ? s.substring(0, 87) + "..." : s;
  }

  void say(String line) {
    out.println(line);
  }

  private boolean ask(String question) throws IOException {
    if (System.console() == null) {
      say("Not deleting (no terminal to ask; --yes deletes)");
      return false;
    }
    out.print(question);
    out.flush();
    String answer =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.strip().toLowerCase().startsWith("y");
  }

  /** The reconcilers in this JVM, against a simulator whose requests take a few seconds. */
  private static AutoCloseable inProcess(StrictKubernetes api) {
    CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0.3).build());
    sim.start();
    LocalOperator operator =
        new LocalOperator(api.clientFor(OPERATOR), sim.baseUrl(), new TestConfig());
    return () -> {
      operator.close();
      sim.close();
    };
  }

  /** The operator's jar as a process of its own, on the in-process API, logging to a file. */
  private static AutoCloseable jar(Path kubeconfig) throws IOException, InterruptedException {
    Path log = DIR.resolve("operator.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=playground",
                "-Dprofitbricks.api.url=embedded",
                "-Dquarkus.http.port=0",
                "-jar",
                JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
    Process p = pb.start();
    Instant until = Instant.now().plusSeconds(60);
    String listening = null;
    while (listening == null && p.isAlive() && Instant.now().isBefore(until)) {
      listening =
          Files.readAllLines(log).stream()
              .filter(l -> l.contains("Listening on: "))
              .map(l -> l.substring(l.indexOf("Listening on: ") + 14).strip())
              .findFirst()
              .orElse(null);
      Thread.sleep(200); // waiting for another process's log line
    }
    if (listening == null) {
      p.destroy();
      throw new IllegalStateException("The operator did not start; see " + log);
    }
    System.out.println(
        "Operator: "
            + JAR
            + " (log: "
            + log
            + ", metrics: "
            + listening.replace("0.0.0.0", "localhost")
            + "/q/metrics)");
    return () -> {
      p.destroy();
      p.waitFor();
    };
  }
}
