package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import com.profitbricks.operator.dev.EmbeddedSimulator;
import com.profitbricks.simulator.CallLog;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.testing.MockServerQuirks;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A spec over the contract's resource limits is refused before anything is sent: the object is
 * Stalled with reason ContractLimit naming the limit and the numbers, and the simulator (which
 * enforces the same limits by failing the request) receives no write for it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(ContractLimitTest.FreshLimits.class)
@ExtendWith(MockServerQuirks.class)
class ContractLimitTest {
  /** The limits are read before every check here, so a limit set by a test holds at once. */
  public static class FreshLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("profitbricks.contract-limits-ttl", "0s");
    }
  }

  static final String NS = "default";

  @Inject KubernetesClient kube;
  @Inject EmbeddedSimulator embedded;

  CloudSimulator sim() {
    return embedded.simulator();
  }

  @AfterEach
  void limitsBack() {
    sim().resetLimits();
    sim().faults().clear();
  }

  long provisioned(String name) {
    return new TestClouds(sim())
        .client
        .contracts()
        .list()
        .itemsOrEmpty()
        .get(0)
        .properties()
        .resourceLimits()
        .get(name);
  }

  static <T extends CustomResource<?, ?>> T named(T r, String name) {
    r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    return r;
  }

  static PBServer server(String name, String dc, int cores, int ram, InlineVolume... volumes) {
    PBServerSpec spec = new PBServerSpec();
    spec.setDatacenterId(dc);
    spec.setCores(cores);
    spec.setRam(ram);
    spec.setVolumes(new java.util.ArrayList<>(List.of(volumes)));
    PBServer s = named(new PBServer(), name);
    s.setSpec(spec);
    return s;
  }

  static PBVolume volume(String name, String dc, PBVolumeSpec.VolumeType type, int size) {
    PBVolumeSpec spec = new PBVolumeSpec();
    spec.setDatacenterId(dc);
    spec.setSize(size);
    spec.setType(type);
    spec.setLicenceType(PBVolumeSpec.LicenceType.LINUX);
    PBVolume v = named(new PBVolume(), name);
    v.setSpec(spec);
    return v;
  }

  static InlineVolume inline(String name, int size) {
    InlineVolume v = new InlineVolume();
    v.setName(name);
    v.setSize(size);
    v.setType(PBVolumeSpec.VolumeType.HDD);
    v.setLicenceType(PBVolumeSpec.LicenceType.LINUX);
    return v;
  }

  Condition condition(Class<? extends CustomResource<?, ?>> type, String name, String which) {
    CustomResource<?, ?> r = kube.resources(type).inNamespace(NS).withName(name).get();
    CommonStatus st = r == null ? null : (CommonStatus) r.getStatus();
    return st == null ? null : st.condition(which).orElse(null);
  }

  /** Waits until the object's Ready condition is False with reason ContractLimit; its message. */
  String awaitContractLimit(Class<? extends CustomResource<?, ?>> type, String name) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              Condition c = condition(type, name, "Ready");
              return c != null && "ContractLimit".equals(c.getReason());
            });
    return condition(type, name, "Ready").getMessage();
  }

  long writes(Predicate<CallLog.Call> which) {
    return sim().calls().count(c -> c.isWrite() && which.test(c));
  }

  /** One limit, a spec just over it, and what the message must say. */
  record Case(
      String name,
      String limit,
      Function<ContractLimitTest, Long> value,
      Function<String, CustomResource<?, ?>> object,
      String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case(
            "cores per server",
            "coresPerServer",
            t -> 4L,
            dc -> server("cores", dc, 6, 1024),
            "coresPerServer is 4, the spec asks 6 cores for one server"),
        new Case(
            "RAM per server",
            "ramPerServer",
            t -> 2048L,
            dc -> server("ram", dc, 1, 4096),
            "ramPerServer is 2048, the spec asks 4096 MB of RAM for one server"),
        new Case(
            "cores of the contract",
            "coresPerContract",
            t -> t.provisioned("coresProvisioned") + 1,
            dc -> server("many-cores", dc, 2, 1024),
            "this spec adds 2"),
        new Case(
            "RAM of the contract",
            "ramPerContract",
            t -> t.provisioned("ramProvisioned") + 1024,
            dc -> server("much-ram", dc, 1, 2048),
            "this spec adds 2048"),
        new Case(
            "an inline volume per volume",
            "hddLimitPerVolume",
            t -> 10L,
            dc -> server("big-disk", dc, 1, 1024, inline("data", 20)),
            "hddLimitPerVolume is 10, the spec asks 20 GB for one HDD volume"),
        new Case(
            "HDD per volume",
            "hddLimitPerVolume",
            t -> 10L,
            dc -> volume("hdd", dc, PBVolumeSpec.VolumeType.HDD, 20),
            "hddLimitPerVolume is 10, the spec asks 20 GB"),
        new Case(
            "SSD per volume",
            "ssdLimitPerVolume",
            t -> 10L,
            dc -> volume("ssd", dc, PBVolumeSpec.VolumeType.SSD_PREMIUM, 20),
            "ssdLimitPerVolume is 10, the spec asks 20 GB"),
        new Case(
            "HDD of the contract",
            "hddLimitPerContract",
            t -> t.provisioned("hddVolumeProvisioned") + 10,
            dc -> volume("hdd-total", dc, PBVolumeSpec.VolumeType.HDD, 20),
            "hddLimitPerContract is"),
        new Case(
            "SSD of the contract",
            "ssdLimitPerContract",
            t -> t.provisioned("ssdVolumeProvisioned") + 10,
            dc -> volume("ssd-total", dc, PBVolumeSpec.VolumeType.SSD, 20),
            "ssdLimitPerContract is"),
        new Case(
            "reservable addresses",
            "reservableIps",
            t -> t.provisioned("reservedIpsOnContract") + 2,
            dc -> {
              PBIPBlockSpec spec = new PBIPBlockSpec();
              spec.setLocation("de/fra");
              spec.setSize(4);
              PBIPBlock b = named(new PBIPBlock(), "addresses");
              b.setSpec(spec);
              return b;
            },
            "this spec adds 4"));
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aSpecOverALimitStallsWithNothingSent(Case c) {
    String dc = new TestClouds(sim()).datacenter("de/fra");
    sim().limit(c.limit(), c.value().apply(this));
    sim().calls().reset();
    CustomResource<?, ?> object = c.object().apply(dc);
    String name = object.getMetadata().getName();
    kube.resource(object).create();
    try {
      String message = awaitContractLimit((Class<CustomResource<?, ?>>) object.getClass(), name);
      assertThat(message)
          .startsWith("Over the contract's resource limits, nothing was sent: " + c.limit())
          .contains(c.says())
          .endsWith("have the contract's limits raised");
      assertThat(condition((Class<CustomResource<?, ?>>) object.getClass(), name, "Stalled"))
          .extracting(Condition::getStatus)
          .isEqualTo("True");
      assertThat(writes(call -> true)).as("nothing is sent for a spec over a limit").isZero();
    } finally {
      kube.resource(object).delete();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> kube.resources(object.getClass()).inNamespace(NS).withName(name).get() == null);
    }
  }

  @Test
  void aVolumeGrownPastItsLimitKeepsItsSizeAndSendsNoPatch() {
    String dc = new TestClouds(sim()).datacenter("de/fra");
    PBVolume v = volume("growing", dc, PBVolumeSpec.VolumeType.HDD, 10);
    kube.resource(v).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "Available".equals(reason(PBVolume.class, "growing")));
    sim().limit("hddLimitPerVolume", 15);
    sim().calls().reset();
    PBVolume grown = kube.resources(PBVolume.class).inNamespace(NS).withName("growing").get();
    grown.getSpec().setSize(20);
    kube.resource(grown).update();
    assertThat(awaitContractLimit(PBVolume.class, "growing"))
        .contains("hddLimitPerVolume is 15, the spec asks 20 GB");
    assertThat(writes(call -> true)).isZero();

    sim().resetLimits(); // raised: the growth goes out on the next look
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "Available".equals(reason(PBVolume.class, "growing")));
    assertThat(writes(call -> call.method().equals("PATCH"))).isEqualTo(1);
    kube.resource(grown).delete();
  }

  String reason(Class<? extends CustomResource<?, ?>> type, String name) {
    Condition c = condition(type, name, "Ready");
    return c == null ? null : c.getReason();
  }

  /**
   * Two servers applied together where the contract has room for one: the reported provisioned
   * counts do not show a create still running (late visibility), so only the operator's own record
   * of what it sent keeps the second from going out and failing in the cloud.
   */
  @Test
  void writesOnTheirWayCountAgainstTheRoomLeft() {
    String dc = new TestClouds(sim()).datacenter("de/fra");
    sim().limit("coresPerContract", provisioned("coresProvisioned") + 6);
    sim().faults().lateVisibility(true).holdRequests(true);
    sim().calls().reset();
    kube.resource(server("first", dc, 4, 1024)).create();
    kube.resource(server("second", dc, 4, 1024)).create();
    Predicate<CallLog.Call> serverCreates =
        c -> c.method().equals("POST") && c.path().endsWith(dc + "/servers");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                writes(serverCreates) == 1
                    && ("ContractLimit".equals(reason(PBServer.class, "first"))
                        || "ContractLimit".equals(reason(PBServer.class, "second"))));
    String waiting = "ContractLimit".equals(reason(PBServer.class, "first")) ? "first" : "second";
    assertThat(condition(PBServer.class, waiting, "Ready").getMessage())
        .contains("4 on the way for other objects")
        .endsWith("waiting for those writes to end");
    assertThat(condition(PBServer.class, waiting, "Reconciling").getStatus()).isEqualTo("True");

    sim().faults().releaseRequests();
    String other = waiting.equals("first") ? "second" : "first";
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "Available".equals(reason(PBServer.class, other)));
    // now the cloud's own count has it: the waiting one is over the limit on its own
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "True".equals(condition(PBServer.class, waiting, "Stalled").getStatus()));
    assertThat(writes(serverCreates)).as("the second create never went out").isEqualTo(1);

    kube.resources(PBServer.class).inNamespace(NS).withName(other).delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "Available".equals(reason(PBServer.class, waiting)));
    assertThat(writes(serverCreates)).isEqualTo(2);
    kube.resources(PBServer.class).inNamespace(NS).withName(waiting).delete();
  }
}
