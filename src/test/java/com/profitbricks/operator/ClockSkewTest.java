package com.profitbricks.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.status.Conditions;
import com.profitbricks.simulator.CloudSimulator;
import com.profitbricks.simulator.SimConfig;
import com.profitbricks.testing.LocalOperator;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An operator whose host clock is off from the cloud's: a lost create answer is looked up in the
 * cloud's request log from the cloud's time of the create (learnt from the answers' Date header),
 * so exactly one resource is made whichever way the clock is off. With the host's clock 90 s ahead
 * the log was searched from 30 s after the create and a second resource was made.
 */
class ClockSkewTest {
  static final String NS = "default";

  @ParameterizedTest(name = "host clock off by {0} s")
  @ValueSource(ints = {90, -90})
  void aLostCreateAnswerMakesOneResourceWhenTheHostClockIsOff(int seconds) throws Exception {
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      sim.start();
      KubernetesClient kube = api.client();
      Clock host = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(seconds));
      String dcRoute = "/datacenters";
      String lanRoute = "/datacenters/{datacenterId}/lans";
      sim.faults().dropResponses("POST", dcRoute, 1).dropResponses("POST", lanRoute, 1);
      try (LocalOperator op =
          new LocalOperator(
              kube,
              sim.baseUrl(),
              new TestConfig(),
              LocalOperator.Options.defaults().clock(host))) {
        kube.resource(datacenter()).create();
        kube.resource(lan()).create();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    ready(kube.resources(PBDatacenter.class).inNamespace(NS).withName("dc").get())
                        && ready(
                            kube.resources(PBLan.class).inNamespace(NS).withName("lan").get()));
      }
      assertThat(sim.calls().count("POST", dcRoute)).isEqualTo(1);
      assertThat(sim.calls().count("POST", lanRoute)).isEqualTo(1);
      assertThat(sim.dump().path("datacenters").size()).as("one datacenter").isEqualTo(1);
      assertThat(sim.dump().path("datacenters").get(0).path("entities").path("lans").path("items"))
          .as("one LAN")
          .hasSize(1);
      Instant started =
          Instant.parse(
              kube.resources(PBDatacenter.class)
                  .inNamespace(NS)
                  .withName("dc")
                  .get()
                  .getStatus()
                  .getRequest()
                  .getStartedAt());
      assertThat(Duration.between(started, Instant.now()).abs())
          .as("status times are the cloud's, not the host's")
          .isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void theOperatorLearnsTheCloudsTimeBeforeItsFirstCreate() throws Exception {
    try (StrictKubernetes api = new StrictKubernetes();
        CloudSimulator sim = new CloudSimulator(SimConfig.builder().timeFactor(0).build())) {
      sim.start();
      KubernetesClient kube = api.client();
      Clock host = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
      try (LocalOperator op =
          new LocalOperator(
              kube,
              sim.baseUrl(),
              new TestConfig(),
              LocalOperator.Options.defaults().clock(host))) {
        kube.resource(datacenter()).create();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    ready(kube.resources(PBDatacenter.class).inNamespace(NS).withName("dc").get()));
      }
      // the cloud's Date header of any answer sets the clock: here the read of the contract the
      // credentials reach, made before anything is sent; a GET / only when nothing was read yet
      assertThat(sim.calls().count("GET", "/")).as("at most one look at the time").isLessThan(2);
      java.util.List<String> calls =
          sim.calls().calls().stream().map(c -> c.method() + " " + c.route()).toList();
      assertThat(calls.get(0)).as("a read first").startsWith("GET ");
      assertThat(calls.indexOf("POST /datacenters")).isPositive();
    }
  }

  private static boolean ready(CustomResource<?, ?> o) {
    return o != null
        && o.getStatus() instanceof com.profitbricks.operator.api.v1alpha1.CommonStatus s
        && Conditions.isTrue(s, Conditions.READY);
  }

  private static PBDatacenter datacenter() {
    PBDatacenter dc = new PBDatacenter();
    dc.setMetadata(new ObjectMetaBuilder().withName("dc").withNamespace(NS).build());
    PBDatacenterSpec spec = new PBDatacenterSpec();
    spec.setLocation("de/fra");
    dc.setSpec(spec);
    return dc;
  }

  private static PBLan lan() {
    PBLan lan = new PBLan();
    lan.setMetadata(new ObjectMetaBuilder().withName("lan").withNamespace(NS).build());
    PBLanSpec spec = new PBLanSpec();
    spec.setDatacenterRef(new com.profitbricks.operator.api.v1alpha1.LocalRef("dc"));
    lan.setSpec(spec);
    return lan;
  }
}
