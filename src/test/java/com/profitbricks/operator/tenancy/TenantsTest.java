package com.profitbricks.operator.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which credential set an object gets, when a set is made and closed, and rotation. */
class TenantsTest {
  final StrictKubernetes api = new StrictKubernetes();
  final KubernetesClient kube = api.client();
  final CloudReader operatorWide = reader("http://127.0.0.1:9/cloudapi/v6");

  /** The clients the sets were made with: their URL and the credentials they would send. */
  final List<Map.Entry<String, Supplier<Credentials>>> made = new ArrayList<>();

  @AfterEach
  void close() {
    operatorWide.close();
    api.close();
  }

  static CloudReader reader(String url) {
    return new CloudReader(
        ProfitBricksClient.builder()
            .baseUrl(url)
            .credentials(Credentials.basic("operator", "pw"))
            .build(),
        new TestConfig());
  }

  Tenants tenants(boolean allowApiUrl) {
    return tenants(allowApiUrl, false);
  }

  Tenants tenants(boolean allowApiUrl, boolean required) {
    return tenants(Duration.ZERO, allowApiUrl, required);
  }

  /** Tenants over the test settings with these credential-secrets settings. */
  Tenants tenants(Duration refresh, boolean allowApiUrl, boolean required) {
    OperatorConfig base = new TestConfig();
    OperatorConfig.CredentialSecrets secrets =
        new OperatorConfig.CredentialSecrets() {
          public Duration refresh() {
            return refresh;
          }

          public boolean namespaceDefault() {
            return true;
          }

          public boolean allowApiUrl() {
            return allowApiUrl;
          }

          public boolean required() {
            return required;
          }

          public Duration idleClose() {
            return Duration.ofMinutes(1);
          }
        };
    OperatorConfig config =
        (OperatorConfig)
            Proxy.newProxyInstance(
                OperatorConfig.class.getClassLoader(),
                new Class<?>[] {OperatorConfig.class},
                (p, m, args) ->
                    m.getName().equals("credentialSecrets") ? secrets : m.invoke(base, args));
    return new Tenants(
        kube,
        config,
        operatorWide,
        (url, credentials, contract) -> {
          made.add(Map.entry(url, credentials));
          return ProfitBricksClient.builder().baseUrl(url).credentials(credentials).build();
        });
  }

  void secret(String ns, String name, Map<String, String> data) {
    api.ensureNamespace(ns);
    kube.resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withStringData(new LinkedHashMap<>(data))
                .build())
        .createOr(e -> e.update());
  }

  @Test
  void theMostSpecificScopeWinsAndEachSecretHasOneSetWhileItIsUsed() {
    Tenants tenants = tenants(true);
    secret("team-a", Tenants.NAMESPACE_SECRET, Map.of("token", "t-a"));
    secret("team-a", "special", Map.of("username", "s", "password", "pw"));

    assertThat(tenants.resolve("team-b", null, true)).isSameAs(tenants.operatorWide());
    CredentialSet namespace = tenants.resolve("team-a", null, true);
    assertThat(namespace.scope()).isEqualTo("Secret profitbricks-credentials");
    assertThat(tenants.resolve("team-a", null, true)).as("one set per Secret").isSameAs(namespace);
    CredentialSet special = tenants.resolve("team-a", "special", true);
    assertThat(special.scope()).isEqualTo("Secret special");
    assertThat(special.reader()).isNotSameAs(namespace.reader());
    assertThat(made)
        .extracting(Map.Entry::getKey)
        .as("a set without a url key reaches the operator's endpoint")
        .containsExactly("http://127.0.0.1:9/cloudapi/v6", "http://127.0.0.1:9/cloudapi/v6");
    assertThat(tenants.open()).isEqualTo(3);

    tenants.use("one", namespace);
    tenants.use("two", namespace);
    tenants.use("three", special);
    tenants.sweep(0);
    assertThat(tenants.open()).as("a set in a pass stays").isEqualTo(3);
    namespace.passEnded();
    namespace.passEnded();
    special.passEnded();
    tenants.release("one");
    tenants.sweep(0);
    assertThat(tenants.open()).as("still used by two").isEqualTo(3);
    tenants.release("two");
    tenants.sweep(0);
    assertThat(tenants.open()).as("closed once its last user is gone").isEqualTo(2);
    assertThat(tenants.resolve("team-a", null, true))
        .as("made again when needed again")
        .isNotSameAs(namespace);
  }

  @Test
  void aRotatedSecretIsANewSetAndAPassUnderWayKeepsTheCredentialsItBeganWith() {
    Tenants tenants = tenants(true);
    secret("team-a", Tenants.NAMESPACE_SECRET, Map.of("username", "old", "password", "pw"));
    CredentialSet before = tenants.resolve("team-a", null, true);

    secret("team-a", Tenants.NAMESPACE_SECRET, Map.of("username", "new", "password", "pw"));
    CredentialSet after = tenants.resolve("team-a", null, true);

    assertThat(after).isNotSameAs(before);
    assertThat(after.scope()).isEqualTo(before.scope());
    assertThat(made).hasSize(2);
    assertThat(made.get(0).getValue().get()).hasToString("Basic(old)");
    assertThat(made.get(1).getValue().get()).hasToString("Basic(new)");
    before.passEnded();
    tenants.sweep(0);
    assertThat(tenants.open()).as("the old one closed once unused").isEqualTo(2);
  }

  @Test
  void aSecretNamingAnApiUrlIsRefusedUnlessAllowed() {
    secret(
        "team-a",
        Tenants.NAMESPACE_SECRET,
        Map.of("token", "t", "url", "https://api.example.com", "contractNumber", "31415"));

    assertThatThrownBy(() -> tenants(false).resolve("team-a", null, true))
        .isInstanceOf(CredentialsRefused.class)
        .hasMessageContaining("names a Cloud API URL (key url)")
        .hasMessageContaining("profitbricks.credential-secrets.allow-api-url");
    assertThat(made).as("no client for it").isEmpty();

    tenants(true).resolve("team-a", null, true);
    assertThat(made.get(0).getKey())
        .as("a bare host gets the API's path")
        .isEqualTo("https://api.example.com/cloudapi/v6");
  }

  @Test
  void theOperatorsOwnNamespaceUsesTheOperatorsCredentials() {
    String own = kube.getConfiguration().getNamespace();
    secret(own, Tenants.NAMESPACE_SECRET, Map.of("token", "the operator's own"));

    Tenants tenants = tenants(true);
    assertThat(tenants.resolve(own, null, true)).isSameAs(tenants.operatorWide());
    assertThat(made).isEmpty();
  }

  @Test
  void anOperatorThatLendsItsCredentialsToNoNamespaceRefusesOneWithoutASecret() {
    Tenants tenants = tenants(true, true);
    assertThatThrownBy(() -> tenants.resolve("team-a", null, true))
        .isInstanceOf(CredentialsRefused.class)
        .hasMessageContaining("No credentials for namespace team-a: create the Secret")
        .hasMessageContaining("profitbricks.credential-secrets.required");
    String own = kube.getConfiguration().getNamespace();
    assertThat(tenants.resolve(own, null, true)).isSameAs(tenants.operatorWide());
  }

  @Test
  void aNamespaceWithoutItsSecretIsLookedAtAgainForAnObjectThatSentNothing() {
    Tenants tenants = tenants(Duration.ofHours(1), false, false);
    assertThat(tenants.resolve("team-a", null, false)).isSameAs(tenants.operatorWide());
    secret("team-a", Tenants.NAMESPACE_SECRET, Map.of("token", "t"));

    assertThat(tenants.resolve("team-a", null, false))
        .as("an object with a resource: the absence read before still serves")
        .isSameAs(tenants.operatorWide());
    assertThat(tenants.resolve("team-a", null, true).scope())
        .as("an object about to create: read again")
        .isEqualTo("Secret profitbricks-credentials");
  }

  @Test
  void aSecretNamingItsContractIsInThatContractWithoutAsking() {
    Tenants tenants = tenants(true);
    secret("team-a", Tenants.NAMESPACE_SECRET, Map.of("token", "t", "contractNumber", "31415"));
    // the set's client reaches nothing here: the number comes from the Secret, not a GET
    assertThat(tenants.resolve("team-a", null, true).contract()).isEqualTo(31415L);

    secret("team-b", Tenants.NAMESPACE_SECRET, Map.of("token", "t", "contractNumber", "abc"));
    assertThatThrownBy(() -> tenants.resolve("team-b", null, true))
        .isInstanceOf(CredentialsRefused.class)
        .hasMessageContaining("has a key contractNumber that is not a number: abc");
  }

  @Test
  void aMissingOrEmptySecretIsRefusedNamingItNeverReplaced() {
    Tenants tenants = tenants(true);
    assertThatThrownBy(() -> tenants.resolve("team-a", "absent", true))
        .isInstanceOf(CredentialsRefused.class)
        .hasMessageContaining("Secret team-a/absent (spec.credentialsRef) does not exist")
        .extracting(e -> ((CredentialsRefused) e).reason())
        .isEqualTo("CredentialsMissing");
    secret("team-a", Tenants.NAMESPACE_SECRET, Map.of("password", "no user"));
    assertThatThrownBy(() -> tenants.resolve("team-a", null, true))
        .isInstanceOf(CredentialsRefused.class)
        .hasMessageContaining("(it has the keys password)")
        .extracting(e -> ((CredentialsRefused) e).reason())
        .isEqualTo("CredentialsInvalid");
  }
}
