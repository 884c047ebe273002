package com.profitbricks.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profitbricks.client.Credentials;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the operator's Cloud API credentials come from. */
class CredentialsTest {
  record Api(
      Optional<String> username,
      Optional<String> password,
      Optional<String> token,
      Optional<String> credentialsDir)
      implements OperatorConfig.Api {
    @Override
    public String url() {
      return "https://api.ionos.com/cloudapi/v6";
    }

    @Override
    public Optional<String> contractNumber() {
      return Optional.empty();
    }

    @Override
    public double rateLimit() {
      return 10;
    }

    @Override
    public int rateBurst() {
      return 20;
    }
  }

  @Test
  void missingCredentialsStopTheStartNamingTheVariables() {
    Api none = new Api(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> CloudClientProducer.credentials(none, false))
        .hasMessageContaining("PROFITBRICKS_USERNAME")
        .hasMessageContaining("PROFITBRICKS_PASSWORD")
        .hasMessageContaining("PROFITBRICKS_TOKEN");
    assertThat(CloudClientProducer.credentials(none, true).get())
        .as("the embedded simulator takes any")
        .isNotNull();
  }

  @Test
  void aTokenWinsOverUsernameAndPasswordAndNeverShows() {
    Api both =
        new Api(Optional.of("u"), Optional.of("pw-123"), Optional.of("tok-456"), Optional.empty());
    Credentials c = CloudClientProducer.credentials(both, false).get();
    assertThat(c.toString())
        .startsWith("Bearer")
        .doesNotContain("tok-456")
        .doesNotContain("pw-123");
  }

  @Test
  void aRotatedSecretMountedAsFilesIsUsedWithoutARestart(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("username"), "alice\n");
    Files.writeString(dir.resolve("password"), "first");
    Supplier<Credentials> s =
        CloudClientProducer.credentials(
            new Api(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(dir.toString())),
            false);
    assertThat(s.get().toString()).isEqualTo("Basic(alice)");
    Files.writeString(dir.resolve("token"), "rotated-token");
    Files.setLastModifiedTime(dir.resolve("token"), FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(s.get().toString()).startsWith("Bearer");
    Files.delete(dir.resolve("token"));
    Files.writeString(dir.resolve("username"), "bob");
    Files.setLastModifiedTime(
        dir.resolve("username"), FileTime.from(Instant.now().plusSeconds(10)));
    assertThat(s.get().toString()).isEqualTo("Basic(bob)");
  }

  @Test
  void theIonosVariablesOfIonosToolsWorkAndProfitbricksOnesWin() throws Exception {
    OperatorConfig.Api ionos =
        apiFrom(Map.of("IONOS_TOKEN", "tok-1", "IONOS_API_URL", "https://api.ionos.com"));
    assertThat(ionos.token()).contains("tok-1");
    assertThat(CloudClientProducer.baseUrl(ionos.url()))
        .isEqualTo("https://api.ionos.com/cloudapi/v6");
    assertThat(apiFrom(Map.of("IONOS_USERNAME", "u", "IONOS_PASSWORD", "p")).username())
        .contains("u");
    assertThat(apiFrom(Map.of("IONOS_TOKEN", "ionos", "PROFITBRICKS_TOKEN", "pb")).token())
        .contains("pb");
    assertThat(CloudClientProducer.baseUrl(apiFrom(Map.of()).url()))
        .isEqualTo("https://api.ionos.com/cloudapi/v6");
  }

  @Test
  void anApiUrlWithAPathIsKeptAsGiven() {
    assertThat(CloudClientProducer.baseUrl("https://api.ionos.com/cloudapi/v6/"))
        .isEqualTo("https://api.ionos.com/cloudapi/v6");
    assertThat(CloudClientProducer.baseUrl("http://proxy.local:8080/ionos"))
        .isEqualTo("http://proxy.local:8080/ionos");
    assertThat(CloudClientProducer.baseUrl("http://localhost:8090"))
        .isEqualTo("http://localhost:8090/cloudapi/v6");
  }

  /** The operator's configuration as application.properties and these variables make it. */
  static OperatorConfig.Api apiFrom(Map<String, String> env) throws Exception {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDefaultInterceptors() // ${VAR:default} expressions
            .withSources(
                new PropertiesConfigSource(
                    CredentialsTest.class.getResource("/application.properties"), 250))
            .withSources(new EnvConfigSource(env, 300))
            // Quarkus' own form of durations ("2s", "5m")
            .withConverter(
                java.time.Duration.class,
                100,
                new io.quarkus.runtime.configuration.DurationConverter())
            .withMapping(OperatorConfig.class)
            .build();
    return config.getConfigMapping(OperatorConfig.class).api();
  }
}
