package com.profitbricks.simulator;

/**
 * Runs the simulator on its own: {@code ./mvnw -q exec:java@simulator -Dsimulator.port=8090}.
 * System properties: {@code simulator.host} (127.0.0.1), {@code simulator.port} (8090), {@code
 * simulator.timeFactor} (1.0: requests take a few seconds), {@code simulator.seed}, and {@code
 * simulator.username}/{@code simulator.password} or {@code simulator.token} to accept only those
 * credentials (default: any Basic or Bearer credentials; none gives 401).
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    SimConfig.Builder b =
        SimConfig.builder()
            .host(System.getProperty("simulator.host", "127.0.0.1"))
            .port(Integer.getInteger("simulator.port", 8090))
            .timeFactor(Double.parseDouble(System.getProperty("simulator.timeFactor", "1.0")))
            .seed(Long.getLong("simulator.seed", System.nanoTime()));
    String user = System.getProperty("simulator.username");
    if (user != null) {
      b.credentials(user, System.getProperty("simulator.password", ""));
    }
    String token = System.getProperty("simulator.token");
    if (token != null) {
      b.token(token);
    }
    CloudSimulator sim = new CloudSimulator(b.build());
    String url = sim.start();
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
    System.out.println("Cloud API simulator serving " + url);
    System.out.println(
        "Admin endpoints under " + url.replace(CloudSimulator.BASE_PATH, "") + "/_sim/");
    System.out.flush();
    Thread.currentThread().join();
  }
}
