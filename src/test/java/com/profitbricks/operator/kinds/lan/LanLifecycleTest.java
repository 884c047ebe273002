package com.profitbricks.operator.kinds.lan;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.operator.LifecycleSuite;
import com.profitbricks.operator.TestClouds;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class LanLifecycleTest extends LifecycleSuite<PBLan> {
  String datacenterId;
  String otherDatacenterId;

  @BeforeEach
  void parent() {
    if (datacenterId == null) {
      datacenterId = new TestClouds(embedded.simulator()).datacenter("de/fra");
      otherDatacenterId = new TestClouds(embedded.simulator()).datacenter("de/fra");
      embedded.simulator().calls().reset();
    }
  }

  @Override
  protected Class<PBLan> type() {
    return PBLan.class;
  }

  @Override
  protected PBLan newObject(String name) {
    PBLan lan = named(new PBLan(), name);
    PBLanSpec spec = new PBLanSpec();
    spec.setDatacenterId(datacenterId);
    lan.setSpec(spec);
    return lan;
  }

  @Override
  protected void changeMutable(PBLan r) {
    r.getSpec().setName("changed");
  }

  @Override
  protected String cloudMutable(String id) {
    return lanJson(id).path("properties").path("name").asText();
  }

  private com.fasterxml.jackson.databind.JsonNode lanJson(String id) {
    for (var dc : sim.dump().path("datacenters")) {
      if (dc.path("id").asText().equals(datacenterId)) {
        for (var lan : dc.path("entities").path("lans").path("items")) {
          if (lan.path("id").asText().equals(id)) {
            return lan;
          }
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  @Override
  protected void changeImmutable(PBLan r) {
    // the LAN's datacenter is its only immutable property; with CEL off it can still change
    r.getSpec().setDatacenterId(otherDatacenterId);
  }

  @Override
  protected String createRoute() {
    return "/datacenters/{datacenterId}/lans";
  }

  @Override
  protected String itemRoute() {
    return "/datacenters/{datacenterId}/lans/{lanId}";
  }

  @Override
  protected long cloudCount() {
    for (var dc : sim.dump().path("datacenters")) {
      if (dc.path("id").asText().equals(datacenterId)) {
        return dc.path("entities").path("lans").path("items").size();
      }
    }
    return 0;
  }

  @Override
  protected String createInCloud() {
    return new TestClouds(sim).lan(datacenterId, "console");
  }

  @Test
  void aLanAppliedBeforeItsDatacenterBecomesReadyRightAfterIt() {
    String dcName = unique("parent");
    String lanName = unique("child");
    PBLan lan = named(new PBLan(), lanName);
    PBLanSpec spec = new PBLanSpec();
    spec.setDatacenterRef(new LocalRef(dcName));
    spec.setIsPublic(true);
    lan.setSpec(spec);
    apply(lan);
    awaitCondition(lanName, "Ready", "False", "DependencyNotReady");
    assertThat(condition(lanName, "Reconciling").getStatus()).isEqualTo("True");
    assertThat(sim.calls().count("POST", createRoute())).isZero();
    PBDatacenter dc = new PBDatacenter();
    dc.setMetadata(new ObjectMetaBuilder().withName(dcName).withNamespace(NS).build());
    PBDatacenterSpec dcSpec = new PBDatacenterSpec();
    dcSpec.setLocation("de/txl");
    dc.setSpec(dcSpec);
    kube.resource(dc).create();
    // no timer: the datacenter getting its id triggers the LAN (drift interval is longer than this
    // wait)
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              PBLan got = get(lanName);
              assertThat(got.getStatus().getDatacenterId()).isNotNull();
              assertThat(condition(lanName, "Ready").getStatus()).isEqualTo("True");
            });
    String cloudDc =
        kube.resources(PBDatacenter.class)
            .inNamespace(NS)
            .withName(dcName)
            .get()
            .getStatus()
            .getId();
    assertThat(get(lanName).getStatus().getDatacenterId()).isEqualTo(cloudDc);
    // deleting both at once: the LAN goes with the datacenter, nothing is left, no 4xx storm
    kube.resources(PBLan.class).inNamespace(NS).withName(lanName).delete();
    kube.resources(PBDatacenter.class).inNamespace(NS).withName(dcName).delete();
    eventually()
        .until(
            () ->
                get(lanName) == null
                    && kube.resources(PBDatacenter.class).inNamespace(NS).withName(dcName).get()
                        == null);
    assertThat(sim.dump().path("datacenters").findValuesAsText("id")).doesNotContain(cloudDc);
    // a few 404s while both deletes cross each other (each object confirms its resource is
    // gone) are fine; a storm is not
    assertThat(
            sim.calls()
                .count(c -> c.path().contains(cloudDc) && c.status() >= 400 && c.status() < 500))
        .isLessThanOrEqualTo(4);
  }

  @Test
  void aDatacenterDeletedOutOfBandIsRecreatedAndItsLanFollows() {
    String dcName = unique("recreated");
    String lanName = unique("follower");
    PBDatacenter dc = new PBDatacenter();
    dc.setMetadata(new ObjectMetaBuilder().withName(dcName).withNamespace(NS).build());
    PBDatacenterSpec dcSpec = new PBDatacenterSpec();
    dcSpec.setLocation("de/fra");
    dc.setSpec(dcSpec);
    kube.resource(dc).create();
    PBLan lan = named(new PBLan(), lanName);
    PBLanSpec spec = new PBLanSpec();
    spec.setDatacenterRef(new LocalRef(dcName));
    lan.setSpec(spec);
    apply(lan);
    awaitReady(lanName);
    String before = get(lanName).getStatus().getDatacenterId();

    new TestClouds(sim).client.datacenters().delete(before); // someone in the console
    eventually()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String now = get(lanName).getStatus().getDatacenterId();
              assertThat(now)
                  .as(
                      () ->
                          io.fabric8.kubernetes.client.utils.Serialization.asYaml(
                                  kube.resources(PBDatacenter.class)
                                      .inNamespace(NS)
                                      .withName(dcName)
                                      .get()
                                      .getStatus())
                              + io.fabric8.kubernetes.client.utils.Serialization.asYaml(
                                  get(lanName).getStatus()))
                  .isNotNull()
                  .isNotEqualTo(before);
              assertThat(condition(lanName, "Ready").getStatus()).isEqualTo("True");
            });
    String after = get(lanName).getStatus().getDatacenterId();
    assertThat(after)
        .isEqualTo(
            kube.resources(PBDatacenter.class)
                .inNamespace(NS)
                .withName(dcName)
                .get()
                .getStatus()
                .getId());
    assertThat(events(lanName)).contains("Vanished");
    assertThat(sim.dump().path("datacenters").findValuesAsText("id")).doesNotContain(before);
  }

  @Test
  void aDatacenterIdTheCloudDoesNotKnowCostsReadsThatGrowApartAndNoWrite() {
    String name = unique("void");
    PBLan lan = newObject(name);
    lan.getSpec().setDatacenterId("00000000-0000-4000-8000-000000000000");
    apply(lan);
    awaitCondition(name, "Ready", "False", "DependencyNotReady");
    assertThat(condition(name, "Ready").getMessage())
        .contains("does not exist in the cloud; nothing was sent");
    String missing = lan.getSpec().getDatacenterId();
    java.util.function.LongSupplier readsOfIt =
        () -> sim.calls().count(c -> c.method().equals("GET") && c.path().contains(missing));
    long start = readsOfIt.getAsLong();
    eventually().pollDelay(java.time.Duration.ofSeconds(4)).until(() -> true);
    long reads = readsOfIt.getAsLong() - start;
    assertThat(sim.calls().count(c -> c.isWrite() && c.path().contains(missing)))
        .as("no write into the void")
        .isZero();
    // backoff 100 ms doubling to 1 s in tests: a handful of reads in 4 s, not one every 2 s per
    // pass as before nor a POST storm
    assertThat(reads).isLessThanOrEqualTo(8);
  }

  @Test
  void objectsConvergeWhileTheRequestListingKeepsFailing() {
    sim.faults().errors("GET", "/requests", 100_000, 503);
    java.util.List<String> names =
        java.util.List.of(unique("dark"), unique("dark"), unique("dark"));
    sim.faults().holdRequests(true);
    names.forEach(n -> apply(newObject(n)));
    eventually()
        .until(
            () ->
                names.stream()
                    .allMatch(
                        n -> get(n).getStatus() != null && get(n).getStatus().getId() != null));
    sim.faults().releaseRequests();
    names.forEach(this::awaitReady);
    assertThat(sim.calls().count("GET", "/requests", 503)).as("the listing failed").isPositive();
    assertThat(sim.calls().count("GET", "/requests/{requestId}/status"))
        .as("read on their own instead")
        .isPositive();
    assertThat(sim.calls().count("POST", createRoute())).isEqualTo(3);
    sim.faults().clear();
  }

  @Test
  void aLanBusyWithSomeoneElsesRequestIsLookedAtLessAndLessOften() {
    String name = unique("busy");
    apply(newObject(name));
    awaitReady(name);
    String id = get(name).getStatus().getId();
    sim.faults().holdRequests(true);
    // someone else's change that leaves nothing to correct: the LAN is BUSY until it ends, and no
    // request the operator follows will tell it when
    new TestClouds(sim)
        .client
        .lans()
        .update(
            datacenterId,
            id,
            new com.profitbricks.client.model.Lan.Properties(cloudMutable(id), null, null, null));
    awaitCondition(name, "Ready", "False", "ResourceBusy");
    java.util.function.LongSupplier reads =
        () -> sim.calls().count(c -> c.method().equals("GET") && c.path().contains(datacenterId));
    long start = reads.getAsLong();
    eventually().pollDelay(java.time.Duration.ofSeconds(4)).until(() -> true);
    long during = reads.getAsLong() - start;
    sim.faults().releaseRequests();
    awaitReady(name);
    // poll.initial is 100 ms in tests: about 40 looks in 4 s before; now 100 ms doubling up to
    // poll.max (500 ms)
    assertThat(during).isLessThanOrEqualTo(14);
    assertThat(sim.calls().count("PATCH", itemRoute())).as("nothing to correct").isEqualTo(1);
  }

  @Test
  void aPatchTheCloudDoesNotKeepIsSentTwiceThenStalls() {
    String name = unique("sticky");
    apply(newObject(name));
    awaitReady(name);
    sim.faults().ignoreFields("PATCH", itemRoute(), "name");
    edit(name, x -> x.getSpec().setName("renamed"));
    awaitCondition(name, "Stalled", "True", "UpdateNotApplied");
    assertThat(condition(name, "Stalled").getMessage())
        .contains("PATCH of name")
        .contains("2 times");
    assertThat(sim.calls().count("PATCH", itemRoute())).isEqualTo(2);
    long patches = sim.calls().count("PATCH", itemRoute());
    eventually().pollDelay(java.time.Duration.ofSeconds(2)).until(() -> true);
    assertThat(sim.calls().count("PATCH", itemRoute())).as("nothing more").isEqualTo(patches);
  }

  @Test
  void deletingAnObjectWhoseCreateGotA5xxNeverDeletesAnotherObjectsLanWithItsName() {
    String first = unique("named");
    PBLan a = newObject(first);
    a.getSpec().setName("shared-name");
    apply(a);
    awaitReady(first);
    String lanOfA = get(first).getStatus().getId();
    String second = unique("named");
    PBLan b = newObject(second);
    b.getSpec().setName("shared-name");
    long accepted = sim.calls().count("POST", createRoute(), 202);
    sim.faults().errors("POST", createRoute(), 1, 500);
    apply(b);
    awaitCondition(second, "Ready", "False", "Creating");
    kube.resource(get(second)).delete();
    eventually().until(() -> get(second) == null);
    assertThat(lanJson(lanOfA).isMissingNode())
        .as("the other object's LAN, found by name, is kept")
        .isFalse();
    // the delete may race the create made again after the recovery window: a LAN of its own is
    // then deleted (found by its marker), never one found by name
    assertThat(sim.calls().count("DELETE", itemRoute()))
        .as("deletes only of what its own accepted creates made")
        .isEqualTo(sim.calls().count("POST", createRoute(), 202) - accepted);
  }
}
