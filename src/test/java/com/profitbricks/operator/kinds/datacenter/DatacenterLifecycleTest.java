package com.profitbricks.operator.kinds.datacenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.LifecycleSuite;
import com.profitbricks.operator.TestClouds;
import com.profitbricks.operator.api.v1alpha1.DeletionPolicy;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.ManagementPolicy;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.api.v1alpha1.Plan;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DatacenterLifecycleTest extends LifecycleSuite<PBDatacenter> {
  @Override
  protected Class<PBDatacenter> type() {
    return PBDatacenter.class;
  }

  @Override
  protected PBDatacenter newObject(String name) {
    PBDatacenter dc = named(new PBDatacenter(), name);
    PBDatacenterSpec spec = new PBDatacenterSpec();
    spec.setLocation("de/fra");
    spec.setDescription("lifecycle");
    dc.setSpec(spec);
    return dc;
  }

  @Override
  protected void changeMutable(PBDatacenter r) {
    r.getSpec().setDescription("changed");
  }

  @Override
  protected String cloudMutable(String id) {
    return sim.dump().findValues("id").isEmpty()
        ? null
        : find(id).path("properties").path("description").asText();
  }

  private com.fasterxml.jackson.databind.JsonNode find(String id) {
    for (var dc : sim.dump().path("datacenters")) {
      if (dc.path("id").asText().equals(id)) {
        return dc;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  @Override
  protected void changeImmutable(PBDatacenter r) {
    r.getSpec().setLocation("us/las");
  }

  @Override
  protected String createRoute() {
    return "/datacenters";
  }

  @Override
  protected String itemRoute() {
    return "/datacenters/{datacenterId}";
  }

  @Override
  protected long cloudCount() {
    return sim.dump().path("datacenters").size();
  }

  @Override
  protected String createInCloud() {
    return new com.profitbricks.operator.TestClouds(sim).datacenter("de/fra");
  }

  @Test
  void aMissingPrivilegeIsPermissionDeniedNamingItAndIsRetriedOnceGranted() {
    sim.faults().deny("POST", "/datacenters");
    String name = unique("denied");
    apply(newObject(name));
    awaitCondition(name, "Stalled", "True", "PermissionDenied");
    assertThat(condition(name, "Stalled").getMessage())
        .contains("403")
        .contains("createDataCenter")
        .doesNotContain("credentials");
    sim.faults().clear(); // an administrator grants the privilege: no spec change needed
    awaitReady(name);
    assertThat(cloudCount()).isPositive();
  }

  @Test
  void aLostCreateNeverAdoptsAnotherObjectsDatacenterWithTheSameSpec() {
    String first = unique("twin");
    PBDatacenter a = newObject(first);
    a.getSpec().setName("same-name");
    apply(a);
    awaitReady(first);
    long before = cloudCount();
    long posts = sim.calls().count("POST", createRoute());
    String second = unique("twin");
    PBDatacenter b = newObject(second);
    b.getSpec().setName("same-name");
    sim.faults().dropResponses("POST", createRoute(), 1);
    apply(b);
    awaitReady(second);
    assertThat(get(second).getStatus().getId()).isNotEqualTo(get(first).getStatus().getId());
    assertThat(cloudCount()).isEqualTo(before + 1);
    assertThat(sim.calls().count("POST", createRoute()) - posts)
        .as("found by its marker, not sent again")
        .isEqualTo(1);
  }

  @Test
  void anObjectAppliedAgainAfterItsDeleteNeverTakesItsPreviousLife() {
    String name = unique("again");
    apply(newObject(name));
    awaitReady(name);
    String firstId = get(name).getStatus().getId();
    kube.resource(get(name)).delete();
    eventually().until(() -> get(name) == null);
    sim.calls().reset();
    sim.faults().dropResponses("POST", createRoute(), 1);
    apply(newObject(name));
    awaitReady(name);
    assertThat(get(name).getStatus().getId()).isNotEqualTo(firstId);
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(1);
    assertThat(sim.calls().count(c -> c.isWrite()))
        .as("no loop of lookups and creates")
        .isEqualTo(1);
  }

  @Test
  void aCreateWhoseAnswerAndLogRecordAreBothLostIsNeitherRepeatedNorGuessed() {
    String name = unique("unsure");
    long before = cloudCount();
    sim.faults().dropResponses("POST", createRoute(), 1).loseRequests("POST", createRoute(), 1);
    apply(newObject(name));
    awaitCondition(name, "Stalled", "True", "CreateUnconfirmed");
    assertThat(cloudCount()).as("no second create").isEqualTo(before + 1);
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(1);
    String suspect =
        condition(name, "Stalled")
            .getMessage()
            .replaceAll("(?s).*datacenter ([0-9a-f-]{36}).*", "$1");
    edit(name, x -> x.getSpec().setAdoptId(suspect));
    awaitReady(name);
    assertThat(get(name).getStatus().getId()).isEqualTo(suspect);
    assertThat(cloudCount()).isEqualTo(before + 1);
  }

  /**
   * A create whose answer was lost, found in the request log while its request still waits: the
   * lookup reads what it made and gets a 404, since the cloud need not show a resource before its
   * create ran. That 404 was remembered as "gone" for five minutes, so once the request had run the
   * lookup still did not read it, and the object stalled as CreateUnconfirmed (crash-and-fault seed
   * 104, the operator restarted while its POST was on the way).
   */
  @Test
  void aLostCreateFoundInTheLogBeforeItRanIsAdoptedOnceItHas() {
    String name = unique("late");
    long before = cloudCount();
    sim.faults().lateVisibility(true).holdRequests(true).dropResponses("POST", createRoute(), 1);
    apply(newObject(name));
    eventually().until(() -> sim.calls().count("GET", "/datacenters/{datacenterId}", 404) >= 1);
    sim.faults().holdRequests(false).releaseRequests();
    awaitReady(name);
    assertThat(cloudCount()).isEqualTo(before + 1);
    assertThat(sim.calls().count("POST", createRoute())).as("found, not sent again").isEqualTo(1);
  }

  /** Observed, and deleted by somebody else: said so, with the create Manage would send. */
  @Test
  void anObservedDatacenterDeletedInTheCloudIsReportedWithTheCreateManageWouldSend() {
    String name = unique("observed-gone");
    apply(newObject(name));
    awaitReady(name);
    String id = get(name).getStatus().getId();
    edit(name, x -> x.getSpec().setManagementPolicy(ManagementPolicy.Observe));
    awaitReady(name);
    TestClouds console = new TestClouds(sim);
    var deleted = console.client.datacenters().delete(id);
    console
        .client
        .requests()
        .waitForCompletion(deleted.requestId(), Duration.ofSeconds(30), Duration.ofMillis(10), 10);
    sim.calls().reset();
    Plan plan = awaitPlan(name, "Drifted");
    assertThat(condition(name, "Ready").getMessage()).contains("no longer has datacenter " + id);
    assertThat(plan.getCalls())
        .extracting(c -> c.getMethod() + " " + c.getPath())
        .containsExactly("POST /datacenters");
    assertThat(get(name).getStatus().getId()).as("the record is kept").isEqualTo(id);
    assertThat(sim.calls().writes()).isZero();
  }

  @Test
  void deletingADatacenterWarnsThatItTakesChildrenKeptWithOrphan() {
    String name = unique("parentdc");
    apply(newObject(name));
    awaitReady(name);
    PBLan kept = new PBLan();
    kept.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(unique("kept"))
            .withNamespace(NS)
            .build());
    PBLanSpec spec = new PBLanSpec();
    spec.setDatacenterRef(new LocalRef(name));
    spec.setDeletionPolicy(DeletionPolicy.Orphan);
    kept.setSpec(spec);
    kube.resource(kept).create();
    eventually()
        .until(
            () -> {
              PBLan l =
                  kube.resources(PBLan.class)
                      .inNamespace(NS)
                      .withName(kept.getMetadata().getName())
                      .get();
              return l.getStatus() != null && l.getStatus().getId() != null;
            });
    kube.resource(get(name)).delete();
    eventually().until(() -> get(name) == null);
    assertThat(events(name)).contains("DeletesOrphans");
    kube.resource(kept).delete();
  }

  /**
   * One 404 on a datacenter read was remembered as "gone" for the life of the process: the
   * datacenter was created again and the old one leaked. A 404 now counts when a second read says
   * it again.
   */
  @Test
  void oneInjected404OnADatacenterReadMakesNoSecondDatacenter() {
    String name = unique("hiccup");
    apply(newObject(name));
    awaitReady(name);
    long before = cloudCount();
    sim.calls().reset();
    sim.faults().errors("GET", "/datacenters/{datacenterId}", 1, 404);

    // passes that read afresh, as the full re-reads do: the first of them meets the 404
    requestPass(name);
    requestPass(name);
    await("passes through the 404")
        .during(java.time.Duration.ofSeconds(4))
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> "True".equals(condition(name, "Ready").getStatus()));
    assertThat(sim.calls().count("GET", "/datacenters/{datacenterId}", 404))
        .as("the 404 was served")
        .isEqualTo(1);
    assertThat(sim.calls().count("POST", "/datacenters")).as("nothing created again").isZero();
    assertThat(cloudCount()).isEqualTo(before);
  }
}
