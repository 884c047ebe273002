package com.profitbricks.operator.kinds.volume;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.operator.LifecycleSuite;
import com.profitbricks.operator.TestClouds;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import com.profitbricks.operator.api.v1alpha1.SecretKeyRef;
import com.profitbricks.operator.engine.CloudReconcilerEngine;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class VolumeLifecycleTest extends LifecycleSuite<PBVolume> {
  String datacenterId;
  String serverId;

  @BeforeEach
  void parent() {
    if (datacenterId == null) {
      TestClouds clouds = new TestClouds(embedded.simulator());
      datacenterId = clouds.datacenter("de/fra");
      serverId = clouds.server(datacenterId);
      embedded.simulator().calls().reset();
    }
  }

  @Override
  protected Class<PBVolume> type() {
    return PBVolume.class;
  }

  @Override
  protected PBVolume newObject(String name) {
    PBVolume v = named(new PBVolume(), name);
    PBVolumeSpec spec = new PBVolumeSpec();
    spec.setDatacenterId(datacenterId);
    spec.setSize(10);
    spec.setLicenceType(PBVolumeSpec.LicenceType.LINUX);
    v.setSpec(spec);
    return v;
  }

  @Override
  protected void changeMutable(PBVolume r) {
    r.getSpec().setName("changed");
  }

  @Override
  protected String cloudMutable(String id) {
    return volumeInCloud(id).path("properties").path("name").asText();
  }

  @Override
  protected void changeImmutable(PBVolume r) {
    r.getSpec().setType(PBVolumeSpec.VolumeType.SSD);
  }

  @Override
  protected String createRoute() {
    return "/datacenters/{datacenterId}/volumes";
  }

  @Override
  protected String itemRoute() {
    return "/datacenters/{datacenterId}/volumes/{volumeId}";
  }

  @Override
  protected long cloudCount() {
    for (var dc : sim.dump().path("datacenters")) {
      if (dc.path("id").asText().equals(datacenterId)) {
        return dc.path("entities").path("volumes").path("items").size();
      }
    }
    return 0;
  }

  @Override
  protected String createInCloud() {
    return new TestClouds(sim).volume(datacenterId);
  }

  @Test
  void aVolumeGrowsAndShrinkingStalls() {
    String name = unique("grow");
    apply(newObject(name));
    awaitReady(name);
    String id = get(name).getStatus().getId();
    edit(name, v -> v.getSpec().setSize(25));
    eventually()
        .untilAsserted(
            () ->
                assertThat(volumeInCloud(id).path("properties").path("size").asInt())
                    .isEqualTo(25));
    awaitReady(name);
    long writes = writes("/");
    edit(name, v -> v.getSpec().setSize(5));
    awaitCondition(name, "Stalled", "True", "ImmutableFieldChanged");
    assertThat(condition(name, "Ready").getMessage()).contains("can only grow");
    assertThat(writes("/")).isEqualTo(writes);
  }

  @Test
  void attachesToAServerAndDetachesWhenUnset() {
    String name = unique("attach");
    PBVolume v = newObject(name);
    v.getSpec().setServerId(serverId);
    v.getSpec().setBus(PBVolumeSpec.Bus.IDE);
    apply(v);
    awaitReady(name);
    assertThat(get(name).getStatus().getAttachedServerId()).isEqualTo(serverId);
    assertThat(get(name).getStatus().getDeviceNumber()).isNotNull();
    assertThat(sim.calls().count("POST", "/datacenters/{datacenterId}/servers/{serverId}/volumes"))
        .isEqualTo(1);
    edit(name, x -> x.getSpec().setServerId(null));
    eventually()
        .untilAsserted(() -> assertThat(get(name).getStatus().getAttachedServerId()).isNull());
    awaitReady(name);
    assertThat(
            sim.calls()
                .count(
                    "DELETE", "/datacenters/{datacenterId}/servers/{serverId}/volumes/{volumeId}"))
        .isEqualTo(1);
    assertThat(events(name)).contains("Updating");
  }

  @Test
  void aServerRefAttachWaitsForTheServerThenAttachesOnce() {
    String server = unique("later");
    String name = unique("byref");
    PBVolume v = newObject(name);
    v.getSpec().setServerRef(new LocalRef(server));
    apply(v);
    awaitCondition(name, "Ready", "False", "DependencyNotReady");
    assertThat(condition(name, "Ready").getMessage())
        .isEqualTo("The attach waits for PBServer " + server + ", which does not exist yet");
    assertThat(get(name).getStatus().getId()).as("the volume itself is created").isNotNull();
    assertThat(get(name).getStatus().getAttachedServerId()).isNull();

    PBServer s = new PBServer();
    s.setMetadata(new ObjectMetaBuilder().withName(server).withNamespace(NS).build());
    PBServerSpec ss = new PBServerSpec();
    ss.setDatacenterId(datacenterId);
    ss.setCores(1);
    ss.setRam(1024);
    s.setSpec(ss);
    kube.resource(s).create();
    awaitReady(name);
    String serverCloudId =
        kube.resources(PBServer.class).inNamespace(NS).withName(server).get().getStatus().getId();
    assertThat(get(name).getStatus().getAttachedServerId()).isEqualTo(serverCloudId);
    assertThat(sim.calls().count("POST", "/datacenters/{datacenterId}/servers/{serverId}/volumes"))
        .isEqualTo(1);

    edit(name, x -> x.getSpec().setServerRef(null));
    eventually()
        .untilAsserted(() -> assertThat(get(name).getStatus().getAttachedServerId()).isNull());
    awaitReady(name);
  }

  @Test
  void theImagePasswordComesFromASecretAndIsNeverShown() {
    String password = "S3cretFromSecret99";
    kube.resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("root-pw")
                .withNamespace(NS)
                .endMetadata()
                .addToStringData("password", password)
                .build())
        .create();
    String name = unique("image");
    PBVolume v = newObject(name);
    v.getSpec().setLicenceType(null);
    v.getSpec().setImageAlias("ubuntu:latest");
    v.getSpec().setImagePasswordSecretRef(new SecretKeyRef("root-pw", "password"));
    apply(v);
    awaitReady(name);
    assertThat(
            volumeInCloud(get(name).getStatus().getId())
                .path("properties")
                .path("licenceType")
                .asText())
        .isEqualTo("LINUX");
    assertThat(Serialization.asJson(get(name))).doesNotContain(password);
    List<String> messages =
        kube.v1().events().inNamespace(NS).list().getItems().stream()
            .map(e -> e.getMessage())
            .toList();
    assertThat(String.join("\n", messages)).doesNotContain(password);
  }

  @Test
  void aPreviewShowsThatAPasswordIsSentButNeverItsValue() {
    String password = "Pr3viewSecret42";
    kube.resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("preview-pw")
                .withNamespace(NS)
                .endMetadata()
                .addToStringData("password", password)
                .build())
        .create();
    String name = unique("preview-pw");
    PBVolume v = newObject(name);
    v.getSpec().setLicenceType(null);
    v.getSpec().setImageAlias("ubuntu:latest");
    v.getSpec().setImagePasswordSecretRef(new SecretKeyRef("preview-pw", "password"));
    annotate(v, CloudReconcilerEngine.PREVIEW, "true");
    apply(v);
    var plan = awaitPlan(name, "Planned");
    assertThat(plan.getCalls().get(0).getFields())
        .containsEntry("properties.imagePassword", "(secret)");
    assertThat(Serialization.asJson(get(name))).doesNotContain(password);
    int from = sim.calls().calls().size();
    edit(name, x -> x.getMetadata().getAnnotations().remove(CloudReconcilerEngine.PREVIEW));
    awaitReady(name);
    assertSentAsPlanned(plan, from);
    deleteAtTheEnd(name);
  }

  @Test
  void aMissingPasswordSecretWaitsAndSendsNothing() {
    String name = unique("nosecret");
    PBVolume v = newObject(name);
    v.getSpec().setLicenceType(null);
    v.getSpec().setImageAlias("ubuntu:latest");
    v.getSpec().setImagePasswordSecretRef(new SecretKeyRef("absent", "password"));
    apply(v);
    awaitCondition(name, "Ready", "False", "DependencyNotReady");
    assertThat(condition(name, "Ready").getMessage()).contains("Secret absent");
    assertThat(sim.calls().count("POST", createRoute())).isZero();
  }

  @Test
  void anAliasVolumeIsComparedWithTheAliasItWasCreatedFromNotWithReads() {
    String name = unique("alias");
    PBVolume v = newObject(name);
    v.getSpec().setLicenceType(null);
    v.getSpec().setImageAlias("ubuntu:latest");
    v.getSpec().setType(PBVolumeSpec.VolumeType.SSD);
    v.getSpec().setSshKeys(java.util.List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample"));
    apply(v);
    awaitReady(name);
    String id = get(name).getStatus().getId();
    // what the cloud shows: the resolved image id, no alias, SSD Premium (facts §13a E1, E5)
    assertThat(volumeInCloud(id).path("properties").path("imageAlias").isNull()).isTrue();
    assertThat(volumeInCloud(id).path("properties").path("type").asText()).isEqualTo("SSD Premium");
    assertThat(get(name).getStatus().getImageAlias()).isEqualTo("ubuntu:latest");
    assertThat(get(name).getStatus().getImage())
        .isEqualTo(volumeInCloud(id).path("properties").path("image").asText());
    long writes = sim.calls().count(c -> !c.method().equals("GET"));
    long reads = sim.calls().count("GET", "*");
    eventually().until(() -> sim.calls().count("GET", "*") >= reads + 3);
    awaitReady(name);
    assertThat(sim.calls().count(c -> !c.method().equals("GET"))).as("no churn").isEqualTo(writes);
    // CEL keeps the alias in a real cluster; without it the change is reported, nothing sent
    edit(name, x -> x.getSpec().setImageAlias("debian:latest"));
    awaitCondition(name, "Stalled", "True", "ImmutableFieldChanged");
    assertThat(condition(name, "Stalled").getMessage())
        .contains("imageAlias (spec debian:latest, created from ubuntu:latest)");
    assertThat(sim.calls().count(c -> !c.method().equals("GET"))).isEqualTo(writes);
  }

  @Test
  void anAttachWhoseRequestsFailedTwiceIsSentAThirdTimeNotCalledIgnored() {
    String attach = "/datacenters/{datacenterId}/servers/{serverId}/volumes";
    String name = unique("capacity");
    // a failed request was not taken: it does not count towards "taken twice, kept its own value"
    sim.faults().failRequests("POST", attach, 2, "no capacity");
    PBVolume v = newObject(name);
    v.getSpec().setServerId(serverId);
    apply(v);
    awaitReady(name);
    assertThat(get(name).getStatus().getAttachedServerId()).isEqualTo(serverId);
    assertThat(sim.calls().count("POST", attach)).as("two failed, the third taken").isEqualTo(3);
  }

  @Test
  void anAttachRefusedOnceAsARaceIsRetriedAndOneRefusedEveryTimeStalls() {
    String attach = "/datacenters/{datacenterId}/servers/{serverId}/volumes";
    String name = unique("race");
    sim.faults().errors("POST", attach, 1, 422);
    PBVolume v = newObject(name);
    v.getSpec().setServerId(serverId);
    apply(v);
    awaitReady(name);
    assertThat(get(name).getStatus().getAttachedServerId()).isEqualTo(serverId);
    assertThat(sim.calls().count("POST", attach)).as("refused once, then taken").isEqualTo(2);

    String other = unique("race");
    sim.faults().errors("POST", attach, 100, 422);
    PBVolume w = newObject(other);
    w.getSpec().setServerId(serverId);
    apply(w);
    awaitCondition(other, "Stalled", "True", "CloudRejected");
    long attaches = sim.calls().count("POST", attach);
    assertThat(attaches - 2).as("the first try and two more").isEqualTo(3);
    eventually().pollDelay(java.time.Duration.ofSeconds(2)).until(() -> true);
    assertThat(sim.calls().count("POST", attach)).as("then nothing").isEqualTo(attaches);
  }
}
