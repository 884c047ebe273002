package com.profitbricks.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator as a user runs it: its built jar ({@code target/quarkus-app}, so a test using it
 * runs after package, as an integration test) as a process of its own, in the profile given (the
 * default is prod, with leader election), against a Kubernetes API named by a kubeconfig and the
 * Cloud API at a URL. Its console goes to a log file a failing test can point at.
 */
public final class OperatorJar implements AutoCloseable {
  public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  private final Process process;
  private final String hostname;
  private final Path log;

  private OperatorJar(Process process, String hostname, Path log) {
    this.process = process;
    this.hostname = hostname;
    this.log = log;
  }

  /**
   * @param hostname what the process sees as HOSTNAME (its pod name in a cluster): the leader
   *     election identity starts with it, so a test can tell which instance leads
   * @param properties system properties (-D) on top of the jar's own configuration
   */
  public static OperatorJar start(
      Path kubeconfig,
      String cloudUrl,
      String hostname,
      Path logDir,
      Map<String, String> properties)
      throws IOException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run ./mvnw package (or verify) first");
    }
    Files.createDirectories(logDir);
    Path log = logDir.resolve(hostname + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dquarkus.http.port=0");
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-jar");
    command.add(JAR.toString());
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
    pb.environment().put("HOSTNAME", hostname);
    pb.environment().put("PROFITBRICKS_API_URL", cloudUrl);
    pb.environment().put("PROFITBRICKS_USERNAME", "install@example.com");
    pb.environment().put("PROFITBRICKS_PASSWORD", "install");
    return new OperatorJar(pb.start(), hostname, log);
  }

  /** The HOSTNAME it was given: its leader election identity starts with it and a dash. */
  public String hostname() {
    return hostname;
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, what Kubernetes sends a pod it stops; true when the process ended within the time. */
  public boolean terminate(Duration within) throws InterruptedException {
    process.destroy();
    return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGKILL: a crash, a node lost. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public int exitValue() {
    return process.exitValue();
  }

  public Path log() {
    return log;
  }

  public String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
