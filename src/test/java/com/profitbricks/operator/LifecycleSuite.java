package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.DeletionPolicy;
import com.profitbricks.operator.api.v1alpha1.FirewallRuleSpec;
import com.profitbricks.operator.api.v1alpha1.ManagementPolicy;
import com.profitbricks.operator.api.v1alpha1.Plan;
import com.profitbricks.operator.api.v1alpha1.PlannedCall;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.operator.engine.CloudReconcilerEngine;
import com.profitbricks.simulator.CallLog;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.testing.MockServerQuirks;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lifecycle every kind goes through, run for each kind by a subclass: the operator in the test
 * JVM, the Fabric8 mock API server in CRUD mode, and the embedded simulator.
 */
@ExtendWith(MockServerQuirks.class)
public abstract class LifecycleSuite<
    R extends CustomResource<? extends CommonSpec, ? extends CommonStatus>> {
  protected static final String NS = "default";
  private static final AtomicInteger SEQ = new AtomicInteger();

  @Inject protected KubernetesClient kube;
  @Inject protected EmbeddedSimulator embedded;
  protected CloudSimulator sim;

  /** The kind's class. */
  protected abstract Class<R> type();

  /** A valid object; its parent (if any) exists in the cloud. */
  protected abstract R newObject(String name);

  /** Changes a mutable field. */
  protected abstract void changeMutable(R r);

  /** The mutable field as the cloud has it, to see the change arrive. */
  protected abstract String cloudMutable(String id);

  /** Changes an immutable field (as if CEL rules were off). */
  protected abstract void changeImmutable(R r);

  /** The simulator route of the kind's create, e.g. {@code /datacenters}. */
  protected abstract String createRoute();

  /** The simulator route of one resource, e.g. {@code /datacenters/{datacenterId}}. */
  protected abstract String itemRoute();

  /** How many resources of this kind the cloud holds (in the suite's parent, if any). */
  protected abstract long cloudCount();

  /** Creates a resource of this kind in the cloud directly; answers its id. */
  protected abstract String createInCloud();

  @BeforeEach
  void resetSimulator() {
    sim = embedded.simulator();
    sim.faults().clear();
    sim.calls().reset();
  }

  @AfterEach
  void clearFaults() {
    sim.faults().clear();
  }

  protected String unique(String base) {
    return base + "-" + SEQ.incrementAndGet();
  }

  protected R get(String name) {
    return kube.resources(type()).inNamespace(NS).withName(name).get();
  }

  protected R apply(R r) {
    r.getMetadata().setNamespace(NS);
    return kube.resource(r).create();
  }

  protected R named(R r, String name) {
    r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    return r;
  }

  protected void edit(String name, Consumer<R> change) {
    edit(kube, type(), NS, name, change);
  }

  /**
   * Edits an object as a user would; a 409 because the operator wrote its status in between is
   * tried again on the fresh object, as kubectl edit would.
   */
  protected static <T extends HasMetadata> void edit(
      KubernetesClient kube, Class<T> type, String ns, String name, Consumer<T> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        kube.resources(type)
            .inNamespace(ns)
            .withName(name)
            .edit(
                r -> {
                  change.accept(r);
                  return r;
                });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  /** A firewall rule: PBNics and a PBServer's inline NICs both carry them. */
  protected static FirewallRuleSpec rule(
      String name, FirewallRuleSpec.Protocol protocol, Integer port) {
    FirewallRuleSpec r = new FirewallRuleSpec();
    r.setName(name);
    r.setProtocol(protocol);
    r.setPortRangeStart(port);
    r.setPortRangeEnd(port);
    return r;
  }

  protected static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
  }

  protected Condition condition(String name, String type) {
    R r = get(name);
    if (r == null || r.getStatus() == null) {
      return null;
    }
    return r.getStatus().condition(type).orElse(null);
  }

  protected void awaitCondition(String name, String type, String status, String reason) {
    eventually()
        .untilAsserted(
            () -> {
              R r = get(name);
              assertThat(r).isNotNull();
              String dump =
                  r.getStatus() == null ? "no status" : Serialization.asYaml(r.getStatus());
              // the condition from the same read as the generation: a second read could race
              Condition c =
                  r.getStatus() == null ? null : r.getStatus().condition(type).orElse(null);
              assertThat(c).as(dump).isNotNull();
              assertThat(c.getStatus()).as(dump).isEqualTo(status);
              if (reason != null) {
                assertThat(c.getReason()).as(dump).isEqualTo(reason);
              }
              assertThat(r.getStatus().getObservedGeneration())
                  .as(dump)
                  .isEqualTo(r.getMetadata().getGeneration());
            });
  }

  protected void awaitReady(String name) {
    awaitCondition(name, "Ready", "True", "Available");
  }

  protected long writes(String route) {
    return sim.calls().count(c -> c.isWrite() && c.route().startsWith(route));
  }

  // ---------------------------------------------------------------- the simulator's view

  /** A volume as the simulator holds it, or a missing node. */
  protected JsonNode volumeInCloud(String id) {
    for (JsonNode dc : sim.dump().path("datacenters")) {
      for (JsonNode v : dc.path("entities").path("volumes").path("items")) {
        if (v.path("id").asText().equals(id)) {
          return v;
        }
      }
    }
    return MissingNode.getInstance();
  }

  /** A NIC as the simulator holds it, in whichever server, or a missing node. */
  protected JsonNode nicInCloud(String id) {
    for (JsonNode dc : sim.dump().path("datacenters")) {
      for (JsonNode s : dc.path("entities").path("servers").path("items")) {
        for (JsonNode n : s.path("entities").path("nics").path("items")) {
          if (n.path("id").asText().equals(id)) {
            return n;
          }
        }
      }
    }
    return MissingNode.getInstance();
  }

  /** The names of a NIC's firewall rules in the cloud, duplicates included. */
  protected List<String> ruleNamesInCloud(String nicId) {
    List<String> out = new ArrayList<>();
    nicInCloud(nicId)
        .path("entities")
        .path("firewallrules")
        .path("items")
        .forEach(r -> out.add(r.path("properties").path("name").asText()));
    return out;
  }

  /** A NIC's firewall rules in the cloud: name to properties. */
  protected Map<String, JsonNode> rulesInCloud(String nicId) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode r : nicInCloud(nicId).path("entities").path("firewallrules").path("items")) {
      out.put(r.path("properties").path("name").asText(), r.path("properties"));
    }
    return out;
  }

  // ================================================================ the suite

  @Test
  void createBecomesReadyShowingTheRequestOnTheWay() {
    String name = unique("create");
    sim.faults().holdRequests(true);
    apply(newObject(name));
    eventually()
        .untilAsserted(
            () -> {
              R r = get(name);
              assertThat(r.getStatus()).isNotNull();
              assertThat(r.getStatus().getRequest()).isNotNull();
              assertThat(r.getStatus().getRequest().getStatus()).isIn("QUEUED", "RUNNING");
              assertThat(r.getStatus().getRequest().getAction()).isEqualTo("CREATE");
              assertThat(r.getStatus().getId()).isNotBlank();
            });
    assertThat(condition(name, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(name, "Reconciling").getStatus()).isEqualTo("True");
    sim.faults().releaseRequests();
    awaitReady(name);
    R r = get(name);
    assertThat(r.getStatus().getRequest().getStatus()).isEqualTo("DONE");
    assertThat(r.getStatus().getState()).isEqualTo("AVAILABLE");
    assertThat(condition(name, "Stalled").getStatus()).isEqualTo("False");
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(1);
    assertThat(events(name)).contains("Creating", "Ready");
  }

  @Test
  void noStatusChurnAcrossDriftChecks() {
    String name = unique("steady");
    apply(newObject(name));
    awaitReady(name);
    R ready = get(name);
    String version = ready.getMetadata().getResourceVersion();
    Set<String> eventsBefore = new HashSet<>(eventNames(name));
    long reads = sim.calls().count("GET", "*");
    // the drift interval of the test profile is 1 s: wait for at least three checks
    eventually().until(() -> sim.calls().count("GET", "*") >= reads + 3);
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
    R after = get(name);
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(version);
    assertThat(after.getStatus().getConditions()).isEqualTo(ready.getStatus().getConditions());
    assertThat(eventNames(name)).containsExactlyInAnyOrderElementsOf(eventsBefore);
    assertThat(writes("/"))
        .isEqualTo(
            sim.calls().count("POST", createRoute())
                + sim.calls().count(c -> c.method().equals("PUT") && c.route().contains("labels")));
  }

  @Test
  void aMutableChangeIsOnePatch() {
    String name = unique("mutable");
    apply(newObject(name));
    awaitReady(name);
    String id = get(name).getStatus().getId();
    edit(name, this::changeMutable);
    eventually().untilAsserted(() -> assertThat(cloudMutable(id)).isEqualTo("changed"));
    awaitReady(name);
    assertThat(sim.calls().count("PATCH", itemRoute())).isEqualTo(1);
    assertThat(get(name).getStatus().getRequest().getAction()).isEqualTo("UPDATE");
  }

  @Test
  void anImmutableChangeStallsAndSendsNothing() {
    String name = unique("immutable");
    apply(newObject(name));
    awaitReady(name);
    long writesBefore = writes("/");
    edit(name, this::changeImmutable);
    awaitCondition(name, "Stalled", "True", "ImmutableFieldChanged");
    assertThat(condition(name, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(name, "Ready").getMessage()).contains("Immutable fields differ");
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(writes("/")).isEqualTo(writesBefore);
  }

  @Test
  void aRefusedCreateStallsWithTheCloudsMessageAndIsNotRetried() {
    String name = unique("refused");
    sim.faults().errors("POST", createRoute(), 1, 422);
    apply(newObject(name));
    awaitCondition(name, "Stalled", "True", "CloudRejected");
    assertThat(condition(name, "Ready").getMessage()).contains("Injected failure");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> sim.calls().count("POST", createRoute()) == 1);
    // a new generation tries again
    edit(name, this::changeMutable);
    awaitReady(name);
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(2);
  }

  @Test
  void serverErrorsAndRateLimitsAreRetriedUntilReady() {
    String name = unique("transient");
    sim.faults().errors("POST", createRoute(), 1, 500).rateLimitBurst(2, 1);
    apply(newObject(name));
    awaitReady(name);
    assertThat(cloudCount()).isGreaterThanOrEqualTo(1);
    assertThat(sim.calls().count("POST", createRoute(), 202)).isEqualTo(1);
    assertThat(sim.calls().count("*", "*", 429)).isEqualTo(2);
  }

  @Test
  void aFailedRequestIsReportedAndANewGenerationRetries() {
    String name = unique("failed");
    sim.faults().failRequests("POST", createRoute(), 1, "Not enough capacity");
    apply(newObject(name));
    awaitCondition(name, "Stalled", "True", "RequestFailed");
    R r = get(name);
    assertThat(r.getStatus().getRequest().getStatus()).isEqualTo("FAILED");
    assertThat(condition(name, "Ready").getMessage()).contains("Not enough capacity");
    assertThat(events(name)).contains("RequestFailed");
    edit(name, this::changeMutable);
    awaitReady(name);
    assertThat(sim.calls().count("POST", createRoute(), 202)).isEqualTo(2);
  }

  @Test
  void aLostRequestIsRecoveredWithoutADuplicate() {
    String name = unique("lost");
    long before = cloudCount();
    sim.faults().loseRequests(1);
    apply(newObject(name));
    awaitReady(name);
    assertThat(get(name).getStatus().getRequest().getStatus()).isEqualTo("LOST");
    assertThat(cloudCount()).isEqualTo(before + 1);
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(1);
  }

  @Test
  void aLostCreateAnswerLeavesExactlyOneCloudResource() {
    String name = unique("dropped");
    long before = cloudCount();
    sim.faults().dropResponses("POST", createRoute(), 1);
    apply(newObject(name));
    awaitReady(name);
    assertThat(cloudCount()).isEqualTo(before + 1);
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(1);
  }

  @Test
  void aCreateTakenWithAnAnswerThatCannotBeReadLeavesExactlyOneCloudResource() {
    String name = unique("garbled");
    long before = cloudCount();
    sim.faults().garbleResponses("POST", createRoute(), 1);
    apply(newObject(name));
    awaitReady(name);
    assertThat(cloudCount()).isEqualTo(before + 1);
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(1);
  }

  @Test
  void deleteRemovesTheCloudResourceThenTheObject() {
    String name = unique("delete");
    apply(newObject(name));
    awaitReady(name);
    long before = cloudCount();
    kube.resources(type()).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(cloudCount()).isEqualTo(before - 1);
    assertThat(sim.calls().count("DELETE", itemRoute())).isEqualTo(1);
  }

  @Test
  void orphanKeepsTheCloudResource() {
    String name = unique("orphan");
    R r = newObject(name);
    r.getSpec().setDeletionPolicy(DeletionPolicy.Orphan);
    apply(r);
    awaitReady(name);
    long before = cloudCount();
    kube.resources(type()).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(cloudCount()).isEqualTo(before);
    assertThat(sim.calls().count("DELETE", "*")).isZero();
  }

  @Test
  void aPausedObjectMakesNoCloudCalls() {
    String name = unique("paused");
    R r = newObject(name);
    r.getMetadata().setAnnotations(java.util.Map.of("profitbricks.com/paused", "true"));
    apply(r);
    awaitPaused(name);
    assertThat(condition(name, "Ready").getStatus()).isEqualTo("Unknown");
    await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
    assertThat(sim.calls().count("POST", createRoute())).isZero();
    kube.resources(type()).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(sim.calls().count("DELETE", "*")).isZero();
  }

  @Test
  void removingThePauseResumesWork() {
    String name = unique("unpause");
    R r = newObject(name);
    r.getMetadata().setAnnotations(java.util.Map.of("profitbricks.com/paused", "true"));
    apply(r);
    awaitPaused(name);
    edit(name, x -> x.getMetadata().getAnnotations().remove("profitbricks.com/paused"));
    awaitReady(name);
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(1);
  }

  @Test
  void aSpecChangedWhilePausedIsNeitherSentNorReportedReady() {
    String name = unique("pausedit");
    apply(newObject(name));
    awaitReady(name);
    R ready = get(name);
    long generation = ready.getMetadata().getGeneration();
    String id = ready.getStatus().getId();
    edit(
        name,
        x -> {
          annotate(x, "profitbricks.com/paused", "true");
          changeMutable(x);
        });
    awaitPaused(name);
    R paused = get(name);
    assertThat(paused.getMetadata().getGeneration()).isEqualTo(generation + 1);
    Condition readyNow = paused.getStatus().condition("Ready").orElseThrow();
    assertThat(readyNow.getStatus()).isEqualTo("True");
    assertThat(readyNow.getObservedGeneration())
        .as("Ready is about the old spec")
        .isEqualTo(generation);
    assertThat(paused.getStatus().getObservedGeneration()).isEqualTo(generation);
    assertThat(sim.calls().count("PATCH", itemRoute())).isZero();
    edit(name, x -> x.getMetadata().getAnnotations().remove("profitbricks.com/paused"));
    eventually().untilAsserted(() -> assertThat(cloudMutable(id)).isEqualTo("changed"));
    awaitReady(name);
  }

  @Test
  void aReconcileRequestRetriesAStalledObjectWithoutASpecChange() {
    String name = unique("retry");
    sim.faults().errors("POST", createRoute(), 1, 422);
    apply(newObject(name));
    awaitCondition(name, "Stalled", "True", "CloudRejected");
    long generation = get(name).getMetadata().getGeneration();
    edit(name, x -> annotate(x, CloudReconcilerEngine.RECONCILE_REQUESTED, "2026-11-29T20:00:00Z"));
    awaitReady(name);
    R r = get(name);
    assertThat(r.getMetadata().getGeneration()).as("no spec change").isEqualTo(generation);
    assertThat(r.getStatus().getLastHandledReconcileAt()).isEqualTo("2026-11-29T20:00:00Z");
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(2);
    assertThat(events(name)).contains("ReconcileRequested");
  }

  /**
   * Asks for a pass of the object with {@value CloudReconcilerEngine#RECONCILE_REQUESTED} and waits
   * until it was made: a pass that reads the cloud afresh, as a Ready object's full re-read does
   * (every 10 minutes in the test profile), for tests about what such a read finds.
   */
  protected void requestPass(String name) {
    String at = java.time.Instant.now().plusNanos(SEQ.incrementAndGet()).toString();
    edit(name, x -> annotate(x, CloudReconcilerEngine.RECONCILE_REQUESTED, at));
    eventually().until(() -> at.equals(get(name).getStatus().getLastHandledReconcileAt()));
  }

  protected static void annotate(HasMetadata o, String key, String value) {
    if (o.getMetadata().getAnnotations() == null) {
      o.getMetadata().setAnnotations(new java.util.HashMap<>());
    }
    o.getMetadata().getAnnotations().put(key, value);
  }

  /** Reconciling says Paused about the current generation. */
  protected void awaitPaused(String name) {
    eventually()
        .untilAsserted(
            () -> {
              R r = get(name);
              Condition c =
                  r.getStatus() == null
                      ? null
                      : r.getStatus().condition("Reconciling").orElse(null);
              assertThat(c).isNotNull();
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo("Paused");
              assertThat(c.getObservedGeneration()).isEqualTo(r.getMetadata().getGeneration());
            });
  }

  @Test
  void adoptIdManagesAnExistingResourceWithoutCreating() {
    String existing = createInCloud();
    sim.calls().reset();
    String name = unique("adopt");
    R r = newObject(name);
    r.getSpec().setAdoptId(existing);
    apply(r);
    awaitReady(name);
    assertThat(get(name).getStatus().getId()).isEqualTo(existing);
    assertThat(sim.calls().count("POST", createRoute())).isZero();
    assertThat(events(name)).contains("Adopted");
  }

  // ---------------------------------------------------------------- preview and Observe

  @Test
  void aPreviewListsTheCreateAndTheNextPassSendsExactlyThat() {
    String name = unique("preview-create");
    R r = newObject(name);
    annotate(r, CloudReconcilerEngine.PREVIEW, "true");
    apply(r);
    Plan plan = awaitPlan(name, "Planned");
    assertThat(plan.getCalls()).hasSize(1);
    assertThat(plan.getCalls().get(0).getMethod()).isEqualTo("POST");
    assertThat(condition(name, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(name, "Reconciling").getStatus()).isEqualTo("False");
    assertThat(condition(name, "Stalled").getStatus()).isEqualTo("False");
    assertThat(sim.calls().count("POST", createRoute())).isZero();
    int from = sim.calls().calls().size();
    edit(name, x -> x.getMetadata().getAnnotations().remove(CloudReconcilerEngine.PREVIEW));
    awaitReady(name);
    assertSentAsPlanned(plan, from);
    assertThat(get(name).getStatus().getPlan()).as("no plan once writes are sent").isNull();
    deleteAtTheEnd(name);
  }

  @Test
  void aPreviewListsAnUpdateAndTheNextPassSendsExactlyThat() {
    String name = unique("preview-update");
    apply(newObject(name));
    awaitReady(name);
    String id = get(name).getStatus().getId();
    edit(
        name,
        x -> {
          annotate(x, CloudReconcilerEngine.PREVIEW, "true");
          changeMutable(x);
        });
    Plan plan = awaitPlan(name, "Planned");
    assertThat(plan.getCalls()).hasSize(1);
    assertThat(plan.getCalls().get(0).getMethod()).isIn("PATCH", "PUT");
    assertThat(sim.calls().count("PATCH", itemRoute())).isZero();
    assertThat(cloudMutable(id)).isNotEqualTo("changed");
    int from = sim.calls().calls().size();
    edit(name, x -> x.getMetadata().getAnnotations().remove(CloudReconcilerEngine.PREVIEW));
    eventually().untilAsserted(() -> assertThat(cloudMutable(id)).isEqualTo("changed"));
    awaitReady(name);
    assertSentAsPlanned(plan, from);
    deleteAtTheEnd(name);
  }

  @Test
  void aPreviewListsTheDeleteAndHoldsItUntilRemoved() {
    String name = unique("preview-delete");
    apply(newObject(name));
    awaitReady(name);
    long before = cloudCount();
    edit(name, x -> annotate(x, CloudReconcilerEngine.PREVIEW, "true"));
    kube.resources(type()).inNamespace(NS).withName(name).delete();
    Plan plan = awaitPlan(name, "Planned");
    assertThat(plan.getCalls()).hasSize(1);
    assertThat(plan.getCalls().get(0).getMethod()).isEqualTo("DELETE");
    assertThat(get(name)).as("held by its finalizer").isNotNull();
    assertThat(sim.calls().count("DELETE", "*")).isZero();
    assertThat(cloudCount()).isEqualTo(before);
    int from = sim.calls().calls().size();
    edit(name, x -> x.getMetadata().getAnnotations().remove(CloudReconcilerEngine.PREVIEW));
    eventually().until(() -> get(name) == null);
    assertThat(cloudCount()).isEqualTo(before - 1);
    assertSentAsPlanned(plan, from);
  }

  @Test
  void observeReadsAndReportsButNeverWritesEvenOnDelete() {
    String existing = createInCloud();
    sim.calls().reset();
    String name = unique("observe");
    R r = newObject(name);
    r.getSpec().setAdoptId(existing);
    r.getSpec().setManagementPolicy(ManagementPolicy.Observe);
    apply(r);
    awaitPlan(name, null);
    assertThat(get(name).getStatus().getId()).isEqualTo(existing);
    edit(name, this::changeMutable);
    Plan plan = awaitPlan(name, "Drifted");
    assertThat(plan.getCount()).isEqualTo(1);
    assertThat(condition(name, "Ready").getMessage()).contains("managementPolicy Observe");
    assertThat(sim.calls().writes()).as("Observe sends nothing").isZero();
    long before = cloudCount();
    kube.resources(type()).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
    assertThat(cloudCount()).isEqualTo(before);
    assertThat(sim.calls().writes()).as("not even on delete").isZero();
  }

  @Test
  void switchingFromObserveToManageSendsWhatThePlanSaid() {
    String existing = createInCloud();
    String name = unique("observe-manage");
    R r = newObject(name);
    r.getSpec().setAdoptId(existing);
    r.getSpec().setManagementPolicy(ManagementPolicy.Observe);
    changeMutable(r);
    apply(r);
    Plan plan = awaitPlan(name, "Drifted");
    String id = get(name).getStatus().getId();
    int from = sim.calls().calls().size();
    edit(name, x -> x.getSpec().setManagementPolicy(ManagementPolicy.Manage));
    eventually().untilAsserted(() -> assertThat(cloudMutable(id)).isEqualTo("changed"));
    awaitReady(name);
    assertSentAsPlanned(plan, from);
    assertThat(get(name).getStatus().getPlan()).isNull();
    deleteAtTheEnd(name);
  }

  /**
   * Deletes an object a test is done with: the objects a class leaves behind are reconciled beside
   * its later tests (and those of the classes after it in the same application). Waited for, so
   * that the next test, which counts the calls the simulator receives, sees none of its.
   */
  protected void deleteAtTheEnd(String name) {
    kube.resources(type()).inNamespace(NS).withName(name).delete();
    eventually().until(() -> get(name) == null);
  }

  /** The plan of the current generation, once Ready says {@code reason} (any when null). */
  protected Plan awaitPlan(String name, String reason) {
    eventually()
        .untilAsserted(
            () -> {
              R r = get(name);
              assertThat(r.getStatus()).isNotNull();
              String dump = Serialization.asYaml(r.getStatus());
              assertThat(r.getStatus().getPlan()).as(dump).isNotNull();
              assertThat(r.getStatus().getPlan().getGeneration())
                  .as(dump)
                  .isEqualTo(r.getMetadata().getGeneration());
              if (reason != null) {
                assertThat(r.getStatus().condition("Ready").orElseThrow().getReason())
                    .as(dump)
                    .isEqualTo(reason);
              }
            });
    return get(name).getStatus().getPlan();
  }

  /**
   * The first write the simulator received from call {@code from} on is the plan's one call:
   * method, path with query, and every field of the body with its value (secrets masked).
   */
  protected void assertSentAsPlanned(Plan plan, int from) {
    PlannedCall planned = plan.getCalls().get(0);
    CallLog.Call sent =
        sim.calls().calls().stream()
            .skip(from)
            .filter(CallLog.Call::isWrite)
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing was sent after the plan " + planned));
    assertThat(sent.method() + " " + sent.path() + (sent.query() == null ? "" : "?" + sent.query()))
        .isEqualTo(planned.getMethod() + " " + planned.getPath());
    assertThat(bodyFields(sent.body())).isEqualTo(planned.getFields());
  }

  private static final Set<String> SECRETS =
      Set.of("imagePassword", "password", "sshKeys", "userData");

  private static Map<String, String> bodyFields(String body) {
    Map<String, String> out = new TreeMap<>();
    if (body != null) {
      leaves("", Serialization.unmarshal(body, JsonNode.class), out);
    }
    return out;
  }

  private static void leaves(String at, JsonNode n, Map<String, String> out) {
    if (n.isObject()) {
      n.fields()
          .forEachRemaining(
              e -> {
                String key = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
                if (SECRETS.contains(e.getKey()) && !e.getValue().isNull()) {
                  out.put(key, "(secret)");
                } else {
                  leaves(key, e.getValue(), out);
                }
              });
    } else if (n.isArray()) {
      if (n.isEmpty()) {
        out.put(at, "[]");
      }
      for (int i = 0; i < n.size(); i++) {
        leaves(at + "[" + i + "]", n.get(i), out);
      }
    } else if (!n.isNull()) {
      out.put(at, n.asText());
    }
  }

  protected Set<String> events(String name) {
    return new HashSet<>(eventNames(name));
  }

  private java.util.List<String> eventNames(String name) {
    return kube.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .map(Event::getReason)
        .toList();
  }
}
