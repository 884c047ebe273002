package com.profitbricks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.RateLimiter;
import com.profitbricks.client.RetryPolicy;
import com.profitbricks.contract.ContractRecorder;
import com.profitbricks.contract.OpenApiContract;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * A simulator plus a client wired to it. When the official description is present, every request
 * and answer between them is validated against it; {@link #assertContract()} fails on a violation.
 */
public final class SimulatorHarness implements AutoCloseable {
  public final CloudSimulator sim;
  public final ProfitBricksClient client;
  public final ContractRecorder recorder;

  /** What the client's sleeper was asked to wait, in order. */
  public final List<Duration> sleeps = new ArrayList<>();

  public SimulatorHarness() {
    this(SimConfig.builder().build());
  }

  public SimulatorHarness(SimConfig config) {
    sim = new CloudSimulator(config);
    String base = sim.start();
    OpenApiContract contract = OpenApiContract.load();
    OkHttpClient.Builder http = new OkHttpClient.Builder();
    recorder = contract == null ? null : new ContractRecorder(contract, "/cloudapi/v6");
    if (recorder != null) {
      http.addInterceptor(recorder);
    }
    client =
        ProfitBricksClient.builder()
            .baseUrl(base)
            .credentials(Credentials.basic("user@example.com", "secret"))
            .okHttpClient(http.build())
            .retryPolicy(
                new RetryPolicy(
                    3, Duration.ofMillis(1), Duration.ofMillis(5), 0, Duration.ofSeconds(30)))
            .rateLimiter(RateLimiter.unlimited())
            .sleeper(
                d -> {
                  synchronized (sleeps) {
                    sleeps.add(d);
                  }
                })
            .build();
  }

  public void assertContract() {
    if (recorder != null) {
      assertThat(recorder.violations())
          .as("requests and answers that break the OpenAPI description")
          .isEmpty();
    }
  }

  @Override
  public void close() {
    sim.close();
  }
}
