package com.profitbricks.operator.dev;

import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The in-process Cloud API simulator the dev and test profiles run against ({@code
 * profitbricks.api.url=embedded}). The only place the operator touches the simulator.
 */
@ApplicationScoped
public class EmbeddedSimulator {
  private final OperatorConfig config;
  private CloudSimulator simulator;

  public EmbeddedSimulator(OperatorConfig config) {
    this.config = config;
  }

  public synchronized String baseUrl() {
    return simulator().baseUrl();
  }

  /** The running simulator (started on first use); tests inject faults and count calls here. */
  public synchronized CloudSimulator simulator() {
    if (simulator == null) {
      simulator =
          new CloudSimulator(
              SimConfig.builder()
                  .port(config.simulator().port())
                  .timeFactor(config.simulator().timeFactor())
                  .seed(System.nanoTime())
                  .build());
      String url = simulator.start();
      Log.infof(
          "Embedded Cloud API simulator serving %s (admin endpoints under %s)",
          url, url.replace("/cloudapi/v6", "/_sim/"));
    }
    return simulator;
  }

  @PreDestroy
  synchronized void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }
}
