package com.profitbricks.operator.config;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.TokenBucketRateLimiter;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.operator.metrics.OperatorMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Builds the one Cloud API client the operator uses, from {@link OperatorConfig}. */
@ApplicationScoped
public class CloudClientProducer {
  static final String EMBEDDED = "embedded";
  static final String MISSING =
      "No Cloud API credentials: set PROFITBRICKS_USERNAME and PROFITBRICKS_PASSWORD, or"
          + " PROFITBRICKS_TOKEN (IONOS_USERNAME, IONOS_PASSWORD and IONOS_TOKEN work too; from a"
          + " Secret), or mount them as files and set PROFITBRICKS_API_CREDENTIALS_DIR";

  /** The path of the Cloud API v6 under its host. */
  static final String API_PATH = "/cloudapi/v6";

  @Produces
  @ApplicationScoped
  @Startup
  ProfitBricksClient client(OperatorConfig config, Instance<EmbeddedSimulator> embedded) {
    boolean simulated = EMBEDDED.equals(config.api().url());
    String url = simulated ? embedded.get().baseUrl() : baseUrl(config.api().url());
    Supplier<Credentials> credentials = credentials(config.api(), simulated);
    try {
      credentials.get();
    } catch (IllegalStateException e) {
      // a mounted Secret may come later (the volume is optional): run, and let every object say
      // CredentialsMissing with this message until it does, rather than a pod that never starts
      Log.warn(e.getMessage() + "; objects report CredentialsMissing until they are there");
    }
    return client(config.api(), url, credentials, config.api().contractNumber().orElse(null));
  }

  /**
   * A client of the operator's settings: its own rate budget ({@code profitbricks.api.rate-limit}),
   * calls counted in the metrics; the operator's own and each credential set's.
   */
  public static ProfitBricksClient client(
      OperatorConfig.Api api, String url, Supplier<Credentials> credentials, String contract) {
    ProfitBricksClient.Builder b =
        ProfitBricksClient.builder()
            .baseUrl(url)
            .credentials(credentials)
            .observer(OperatorMetrics.global()::cloudCall)
            // the account's rate limit is per contract: each client keeps a budget of its own
            .rateLimiter(new TokenBucketRateLimiter(api.rateLimit(), api.rateBurst()));
    if (contract != null) {
      b.contractNumber(contract);
    }
    return b.build();
  }

  /**
   * IONOS tools take IONOS_API_URL as a bare host ({@code https://api.ionos.com}) as well as with
   * the API's path; the bare host gets the v6 path, any other path is kept as given (a proxy).
   */
  public static String baseUrl(String configured) {
    String url = configured.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    java.net.URI uri = java.net.URI.create(url);
    return uri.getPath() == null || uri.getPath().isEmpty() ? url + API_PATH : url;
  }

  static Supplier<Credentials> credentials(OperatorConfig.Api api, boolean simulated) {
    if (api.credentialsDir().isPresent()) {
      return new FileCredentials(Path.of(api.credentialsDir().get()));
    }
    Credentials fixed;
    if (api.token().isPresent()) {
      fixed = Credentials.token(api.token().get());
    } else if (api.username().isPresent() && api.password().isPresent()) {
      fixed = Credentials.basic(api.username().get(), api.password().get());
    } else if (simulated) {
      fixed = Credentials.basic("operator@example.com", "simulated");
    } else {
      throw new IllegalStateException(MISSING);
    }
    return () -> fixed;
  }

  /** Credentials in files of a mounted Secret, read again whenever a file changes. */
  static final class FileCredentials implements Supplier<Credentials> {
    private final Path dir;
    private long stamp = -1;
    private Credentials current;

    FileCredentials(Path dir) {
      this.dir = dir;
    }

    @Override
    public synchronized Credentials get() {
      long now = stamp();
      if (current == null || now != stamp) {
        current = read();
        stamp = now;
      }
      return current;
    }

    private long stamp() {
      long s = 0;
      for (String f : new String[] {"token", "username", "password"}) {
        try {
          Path p = dir.resolve(f);
          s =
              s * 31
                  + (Files.exists(p) ? Files.getLastModifiedTime(p).toMillis() + Files.size(p) : 0);
        } catch (IOException e) {
          s = s * 31 + 7;
        }
      }
      return s;
    }

    private Credentials read() {
      try {
        Path token = dir.resolve("token");
        if (Files.isRegularFile(token)) {
          return Credentials.token(Files.readString(token, StandardCharsets.UTF_8).strip());
        }
        Path user = dir.resolve("username");
        Path pass = dir.resolve("password");
        if (Files.isRegularFile(user) && Files.isRegularFile(pass)) {
          return Credentials.basic(
              Files.readString(user, StandardCharsets.UTF_8).strip(),
              Files.readString(pass, StandardCharsets.UTF_8).strip());
        }
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot read credentials in " + dir + ": " + e.getMessage());
      }
      throw new IllegalStateException(
          MISSING + " (" + dir + " has neither token nor username and password)");
    }
  }
}
