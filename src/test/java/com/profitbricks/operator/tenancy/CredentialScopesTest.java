package com.profitbricks.operator.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.operator.engine.CloudReconcilerEngine;
import com.profitbricks.simulator.CallLog;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.MockServerQuirks;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Credentials at three scopes: two namespaces with a Secret each drive two simulated accounts (each
 * accepting only its own user), the operator's own credentials drive the embedded one. Each
 * object's calls reach only its own account; a Secret that is wrong or missing stalls only the
 * objects that use it, naming it; a rotated Secret is used without a restart; a reference across
 * credential sets is refused; a resource is never looked for with other credentials than it was
 * made with.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(CredentialScopesTest.SecretsEveryPass.class)
@ExtendWith(MockServerQuirks.class)
class CredentialScopesTest {
  /** Each pass reads its Secret, and Secrets may name their account's URL (the simulators). */
  public static class SecretsEveryPass implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "profitbricks.credential-secrets.refresh", "0s",
          "profitbricks.credential-secrets.allow-api-url", "true",
          "profitbricks.credential-secrets.idle-close", "2s");
    }
  }

  static CloudSimulator teamA;
  static CloudSimulator teamB;

  /** An account whose user may not list contracts. */
  static CloudSimulator teamC;

  @Inject KubernetesClient kube;
  @Inject EmbeddedSimulator embedded;
  @Inject Tenants tenants;

  @BeforeAll
  static void accounts() {
    teamA = account("a@example.com", "pw-a", 1001);
    teamB = account("b@example.com", "pw-b", 1002);
    teamC = account("c@example.com", "pw-c", 1003);
    teamC.faults().deny("GET", "/contracts");
  }

  static CloudSimulator account(String user, String password, long contract) {
    CloudSimulator sim =
        new CloudSimulator(
            SimConfig.builder()
                .credentials(user, password)
                .timeFactor(0)
                .rateLimit(60_000, 1_000)
                .contractNumber(contract)
                .build());
    sim.start();
    return sim;
  }

  @AfterAll
  static void close() {
    teamA.close();
    teamB.close();
    teamC.close();
  }

  Secret secret(String ns, String name, CloudSimulator account, String user, String password) {
    return kube.resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withStringData(
                    Map.of("username", user, "password", password, "url", account.baseUrl()))
                .build())
        .createOr(e -> e.update());
  }

  static <T extends CustomResource<?, ?>> T named(T r, String ns, String name) {
    r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    return r;
  }

  static PBDatacenter datacenter(String ns, String name, String credentialsRef) {
    PBDatacenterSpec spec = new PBDatacenterSpec();
    spec.setName(name);
    spec.setLocation("de/fra");
    if (credentialsRef != null) {
      spec.setCredentialsRef(new LocalRef(credentialsRef));
    }
    PBDatacenter d = named(new PBDatacenter(), ns, name);
    d.setSpec(spec);
    return d;
  }

  static PBLan lan(String ns, String name, String datacenter, String credentialsRef) {
    PBLanSpec spec = new PBLanSpec();
    spec.setDatacenterRef(new LocalRef(datacenter));
    spec.setName(name);
    if (credentialsRef != null) {
      spec.setCredentialsRef(new LocalRef(credentialsRef));
    }
    PBLan l = named(new PBLan(), ns, name);
    l.setSpec(spec);
    return l;
  }

  <T extends CustomResource<?, ?>> CommonStatus status(Class<T> type, String ns, String name) {
    T r = kube.resources(type).inNamespace(ns).withName(name).get();
    return r == null ? null : (CommonStatus) r.getStatus();
  }

  /** Waits until the object's Ready condition has {@code reason}; the condition. */
  Condition awaitReady(
      Class<? extends CustomResource<?, ?>> type, String ns, String name, String reason) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              CommonStatus st = status(type, ns, name);
              Condition c = st == null ? null : st.condition("Ready").orElse(null);
              return c != null && reason.equals(c.getReason());
            });
    return status(type, ns, name).condition("Ready").orElseThrow();
  }

  static long writes(CloudSimulator sim, Predicate<CallLog.Call> which) {
    return sim.calls().count(c -> c.isWrite() && which.test(c));
  }

  static Predicate<CallLog.Call> creating(String name) {
    return c -> c.body() != null && c.body().contains("\"" + name + "\"");
  }

  @Test
  void eachNamespaceDrivesItsOwnAccountAndAWrongSecretStallsOnlyItsNamespace() {
    secret("team-a", Tenants.NAMESPACE_SECRET, teamA, "a@example.com", "pw-a");
    secret("team-b", Tenants.NAMESPACE_SECRET, teamB, "b@example.com", "wrong");
    kube.resource(datacenter("team-a", "dc-a", null)).create();
    kube.resource(datacenter("team-b", "dc-b", null)).create();
    kube.resource(datacenter("default", "dc-operator", null)).create();

    awaitReady(PBDatacenter.class, "team-a", "dc-a", "Available");
    awaitReady(PBDatacenter.class, "default", "dc-operator", "Available");
    Condition refused = awaitReady(PBDatacenter.class, "team-b", "dc-b", "CredentialsInvalid");
    assertThat(refused.getMessage()).contains("Secret profitbricks-credentials").contains("401");
    assertThat(status(PBDatacenter.class, "team-a", "dc-a").getCredentials())
        .isEqualTo("Secret profitbricks-credentials");
    assertThat(status(PBDatacenter.class, "default", "dc-operator").getCredentials())
        .isEqualTo("operator");

    assertThat(writes(teamA, creating("dc-a"))).as("team A's account made dc-a").isEqualTo(1);
    assertThat(writes(teamA, creating("dc-b")) + writes(teamA, creating("dc-operator")))
        .as("nothing of another scope reached team A's account")
        .isZero();
    assertThat(writes(teamB, c -> c.status() < 400))
        .as("team B's wrong password made nothing")
        .isZero();
    assertThat(
            writes(embedded.simulator(), creating("dc-a"))
                + writes(embedded.simulator(), creating("dc-b")))
        .as("the operator's own account never saw a team's object")
        .isZero();

    // rotation: the Secret's password is corrected, and used with no restart
    secret("team-b", Tenants.NAMESPACE_SECRET, teamB, "b@example.com", "pw-b");
    requestPass(PBDatacenter.class, "team-b", "dc-b");
    awaitReady(PBDatacenter.class, "team-b", "dc-b", "Available");
    assertThat(writes(teamB, creating("dc-b"))).isEqualTo(1);
    assertThat(writes(teamA, creating("dc-b"))).isZero();
  }

  @Test
  void aMissingSecretNamedByCredentialsRefStallsTheObjectUntilItIsThere() {
    kube.resource(datacenter("team-c", "dc-c", "ionos-c")).create();

    Condition missing = awaitReady(PBDatacenter.class, "team-c", "dc-c", "CredentialsMissing");
    assertThat(missing.getMessage())
        .contains("Secret team-c/ionos-c (spec.credentialsRef) does not exist")
        .contains("username and password, or token");
    assertThat(missing.getStatus()).isEqualTo("False");
    assertThat(writes(embedded.simulator(), creating("dc-c")))
        .as("never the operator's credentials instead")
        .isZero();

    secret("team-c", "ionos-c", teamA, "a@example.com", "pw-a");
    awaitReady(PBDatacenter.class, "team-c", "dc-c", "Available");
    assertThat(writes(teamA, creating("dc-c"))).isEqualTo(1);
    assertThat(status(PBDatacenter.class, "team-c", "dc-c").getCredentials())
        .isEqualTo("Secret ionos-c");
  }

  @Test
  void aSecretWithoutCredentialsSaysWhichKeysItLacks() {
    kube.resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(Tenants.NAMESPACE_SECRET)
                .withNamespace("team-e")
                .endMetadata()
                .withStringData(Map.of("user", "x"))
                .build())
        .create();
    kube.resource(datacenter("team-e", "dc-e", null)).create();

    Condition invalid = awaitReady(PBDatacenter.class, "team-e", "dc-e", "CredentialsInvalid");
    assertThat(invalid.getMessage())
        .contains("Secret team-e/profitbricks-credentials (this namespace's credentials)")
        .contains("needs the keys username and password, or token (it has the keys user)");
    assertThat(writes(embedded.simulator(), creating("dc-e"))).isZero();
  }

  @Test
  void aReferenceToAnObjectOfOtherCredentialsIsRefusedWithNothingSent() {
    secret("team-f", "ionos-f", teamA, "a@example.com", "pw-a");
    kube.resource(datacenter("team-f", "dc-f", "ionos-f")).create();
    awaitReady(PBDatacenter.class, "team-f", "dc-f", "Available");
    kube.resource(lan("team-f", "lan-f", "dc-f", null)).create();

    Condition refused = awaitReady(PBLan.class, "team-f", "lan-f", "InvalidSpec");
    assertThat(refused.getMessage())
        .contains("PBDatacenter dc-f is reached with the credentials of Secret ionos-f")
        .contains("this object with those of the operator")
        .contains("Give both the same spec.credentialsRef");
    assertThat(writes(teamA, creating("lan-f")) + writes(embedded.simulator(), creating("lan-f")))
        .isZero();

    PBLan fixed = kube.resources(PBLan.class).inNamespace("team-f").withName("lan-f").get();
    fixed.getSpec().setCredentialsRef(new LocalRef("ionos-f"));
    kube.resource(fixed).update();
    awaitReady(PBLan.class, "team-f", "lan-f", "Available");
    assertThat(writes(teamA, creating("lan-f"))).isEqualTo(1);
  }

  @Test
  void aResourceIsNeverLookedForWithOtherCredentialsThanItWasMadeWith() {
    secret("team-g", Tenants.NAMESPACE_SECRET, teamB, "b@example.com", "pw-b");
    kube.resource(datacenter("team-g", "dc-g", null)).create();
    awaitReady(PBDatacenter.class, "team-g", "dc-g", "Available");
    int setsBefore = tenants.open();

    // the namespace's Secret goes: the object would now resolve to the operator's own credentials
    String id = idOf("team-g", "dc-g");
    kube.secrets().inNamespace("team-g").withName(Tenants.NAMESPACE_SECRET).delete();
    requestPass(PBDatacenter.class, "team-g", "dc-g");
    Condition changed = awaitReady(PBDatacenter.class, "team-g", "dc-g", "CredentialsChanged");
    assertThat(changed.getMessage())
        .contains("made with the credentials of Secret profitbricks-credentials")
        .contains("now resolves to the credentials of the operator")
        .contains("Nothing is sent");
    assertThat(embedded.simulator().calls().count(c -> c.path().contains(idOf("team-g", "dc-g"))))
        .as("the operator's account was never asked for team G's datacenter")
        .isZero();

    // deleted now, it is deleted in its own account with the credentials read before
    kube.resources(PBDatacenter.class).inNamespace("team-g").withName("dc-g").delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                kube.resources(PBDatacenter.class).inNamespace("team-g").withName("dc-g").get()
                    == null);
    assertThat(teamB.calls().count(c -> c.method().equals("DELETE") && c.path().endsWith(id)))
        .isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(tenants.open())
                    .as("the set no object uses is closed")
                    .isLessThan(setsBefore));
  }

  @Test
  void aSecretChangedToAnotherAccountIsRefusedForTheResourcesMadeWithIt() {
    secret("team-i", Tenants.NAMESPACE_SECRET, teamA, "a@example.com", "pw-a");
    kube.resource(datacenter("team-i", "dc-i", null)).create();
    awaitReady(PBDatacenter.class, "team-i", "dc-i", "Available");
    assertThat(status(PBDatacenter.class, "team-i", "dc-i").getContractNumber()).isEqualTo(1001);
    String id = idOf("team-i", "dc-i");

    // the same Secret, now another account: the same scope, another contract
    secret("team-i", Tenants.NAMESPACE_SECRET, teamB, "b@example.com", "pw-b");
    requestPass(PBDatacenter.class, "team-i", "dc-i");
    Condition changed = awaitReady(PBDatacenter.class, "team-i", "dc-i", "CredentialsChanged");
    assertThat(changed.getMessage())
        .contains("was made in contract 1001")
        .contains("now reach contract 1002");
    assertThat(writes(teamB, creating("dc-i")))
        .as("nothing made again in the other account")
        .isZero();
    assertThat(teamB.calls().count(c -> c.path().contains(id)))
        .as("the other account was never asked for it")
        .isZero();
  }

  @Test
  void aContractThatCannotBeConfirmedAfterARotationStopsTheResourcesOfTheOldOne() {
    secret("team-l", Tenants.NAMESPACE_SECRET, teamA, "a@example.com", "pw-a");
    kube.resource(datacenter("team-l", "dc-l", null)).create();
    awaitReady(PBDatacenter.class, "team-l", "dc-l", "Available");
    String id = idOf("team-l", "dc-l");

    // rotated to a user of another account who may not list contracts: nothing tells the two
    // accounts apart, so nothing is sent
    secret("team-l", Tenants.NAMESPACE_SECRET, teamC, "c@example.com", "pw-c");
    requestPass(PBDatacenter.class, "team-l", "dc-l");
    Condition changed = awaitReady(PBDatacenter.class, "team-l", "dc-l", "CredentialsChanged");
    assertThat(changed.getMessage()).contains("in contract 1001, and it cannot be confirmed now");
    assertThat(teamC.calls().count(c -> c.path().contains(id) || c.isWrite())).isZero();
  }

  @Test
  void aReferenceToAnObjectMadeBeforeCredentialsWereRecordedCountsItAsTheOperators() {
    PBDatacenter dc = datacenter("team-k", "dc-k", null);
    dc.getMetadata().setAnnotations(Map.of(CloudReconcilerEngine.PAUSED, "true"));
    kube.resource(dc).create();
    awaitReady(PBDatacenter.class, "team-k", "dc-k", "Paused");
    PBDatacenter old =
        kube.resources(PBDatacenter.class).inNamespace("team-k").withName("dc-k").get();
    old.getStatus().setCredentials(null); // as an operator before credentials per namespace left it
    old.getStatus().setId("7d4b1c1e-8a52-4f43-9b7e-3c1d2e4f5a6b");
    kube.resource(old).updateStatus();
    secret("team-k", "ionos-k", teamA, "a@example.com", "pw-a");

    kube.resource(lan("team-k", "lan-k", "dc-k", "ionos-k")).create();
    Condition refused = awaitReady(PBLan.class, "team-k", "lan-k", "InvalidSpec");
    assertThat(refused.getMessage())
        .contains("PBDatacenter dc-k is reached with the credentials of the operator")
        .contains("this object with those of Secret ionos-k");
    assertThat(writes(teamA, creating("lan-k"))).isZero();
  }

  @Test
  void aResourceIsDeletedWithTheCredentialsItWasMadeWith() {
    kube.resource(datacenter("team-j", "dc-j", null)).create();
    awaitReady(PBDatacenter.class, "team-j", "dc-j", "Available");
    String id = idOf("team-j", "dc-j");
    secret("team-j", Tenants.NAMESPACE_SECRET, teamA, "a@example.com", "pw-a");
    requestPass(PBDatacenter.class, "team-j", "dc-j");
    awaitReady(PBDatacenter.class, "team-j", "dc-j", "CredentialsChanged");

    kube.resources(PBDatacenter.class).inNamespace("team-j").withName("dc-j").delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                kube.resources(PBDatacenter.class).inNamespace("team-j").withName("dc-j").get()
                    == null);
    assertThat(
            embedded
                .simulator()
                .calls()
                .count(c -> c.method().equals("DELETE") && c.path().endsWith(id)))
        .as("deleted in the operator's account, where it was made")
        .isEqualTo(1);
    assertThat(teamA.calls().count(c -> c.path().contains(id))).isZero();
  }

  @Test
  void aCreateWhoseAnswerWasLostIsNeverLookedForWithOtherCredentials() {
    PBDatacenter dc = datacenter("team-h", "dc-h", null);
    dc.getMetadata().setAnnotations(Map.of(CloudReconcilerEngine.PAUSED, "true"));
    kube.resource(dc).create();
    awaitReady(PBDatacenter.class, "team-h", "dc-h", "Paused");
    // as an operator before credentials per namespace left it: a create sent with its own
    // credentials, its answer lost, no id yet
    PBDatacenter sent =
        kube.resources(PBDatacenter.class).inNamespace("team-h").withName("dc-h").get();
    sent.getStatus().setCredentials(null);
    sent.getStatus()
        .setRequest(
            new CloudRequest(
                null, "CREATE", CloudRequest.LOST, null, "2026-12-01T00:00:00Z", null));
    kube.resource(sent).updateStatus();
    secret("team-h", Tenants.NAMESPACE_SECRET, teamA, "a@example.com", "pw-a");
    String uid = sent.getMetadata().getUid();

    kube.resources(PBDatacenter.class)
        .inNamespace("team-h")
        .withName("dc-h")
        .edit(
            r -> {
              r.getMetadata().setAnnotations(Map.of());
              return r;
            });
    Condition changed = awaitReady(PBDatacenter.class, "team-h", "dc-h", "CredentialsChanged");
    assertThat(changed.getMessage())
        .contains(
            "The create recorded in status.request was sent with the credentials of the operator")
        .contains("now resolves to the credentials of Secret profitbricks-credentials");
    assertThat(writes(teamA, creating("dc-h"))).as("not created again there").isZero();
    assertThat(teamA.calls().count(c -> c.query() != null && c.query().contains(uid)))
        .as("its request log was not searched for the create")
        .isZero();
  }

  String idOf(String ns, String name) {
    return status(PBDatacenter.class, ns, name).getId();
  }

  /** Asks for a pass now, as a user would with the annotation. */
  void requestPass(Class<? extends CustomResource<?, ?>> type, String ns, String name) {
    kube.resources(type)
        .inNamespace(ns)
        .withName(name)
        .edit(
            r -> {
              r.getMetadata()
                  .setAnnotations(
                      Map.of(CloudReconcilerEngine.RECONCILE_REQUESTED, Instant.now().toString()));
              return r;
            });
  }
}
