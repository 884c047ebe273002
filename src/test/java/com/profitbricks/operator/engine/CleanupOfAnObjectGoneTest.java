package com.profitbricks.operator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.kinds.datacenter.PBDatacenterReconciler;
import com.profitbricks.operator.tenancy.Tenants;
import com.profitbricks.testing.StrictKubernetes;
import com.profitbricks.testing.TestConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator SDK can hand a cleanup an object that is gone already (its retry after a failed
 * step, or the next event of the name, served from a cache that still holds the object). Seen in
 * NicLifecycleTest: a PBServer deleted and created again under its name was never reconciled, since
 * the old one's retried cleanup let the SDK take the new one's finalizer (its conflict retry reads
 * the object again by name) and the SDK then waited for a delete of the new one.
 */
class CleanupOfAnObjectGoneTest {
  static final String NS = "default";

  @Test
  void aCleanupOfAnObjectWhoseNameANewObjectHasNowLeavesTheNewOneAlone() {
    CloudReader reader = reader();
    try (StrictKubernetes api = new StrictKubernetes();
        KubernetesClient operator = api.clientAs("operator")) {
      KubernetesClient user = api.client();
      user.resource(datacenter()).create();
      PBDatacenter old = user.resources(PBDatacenter.class).inNamespace(NS).withName("web").get();
      user.resource(old).delete();
      PBDatacenter created = datacenter();
      created.getMetadata().setFinalizers(List.of(CloudReconcilerEngine.FINALIZER));
      created = user.resource(created).create();
      PBDatacenterReconciler reconciler =
          new PBDatacenterReconciler(
              new Tenants(operator, new TestConfig(), reader),
              new EventRecorder(operator),
              new TestConfig(),
              operator);

      DeleteControl control = reconciler.cleanup(handedAgain(old), context(operator));

      assertThat(control.isRemoveFinalizer()).as("never the new object's finalizer").isFalse();
      assertThat(control.getScheduleDelay())
          .as("the name is looked at again: a pass of the new object")
          .isPresent();
      PBDatacenter now = user.resources(PBDatacenter.class).inNamespace(NS).withName("web").get();
      assertThat(now.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
      assertThat(now.getMetadata().getFinalizers())
          .containsExactly(CloudReconcilerEngine.FINALIZER);
      assertThat(now.getStatus() == null ? null : now.getStatus().getConditions())
          .as("nothing of the old object's cleanup written")
          .isNullOrEmpty();

      now.getMetadata().setFinalizers(List.of());
      user.resource(now).update();
      user.resource(now).delete();
      assertThat(reconciler.cleanup(handedAgain(old), context(operator)).isRemoveFinalizer())
          .as("gone and no other object of its name: its finalizer went already")
          .isFalse();
    } finally {
      reader.close();
    }
  }

  private static PBDatacenter datacenter() {
    PBDatacenter dc = new PBDatacenter();
    dc.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace(NS).build());
    PBDatacenterSpec spec = new PBDatacenterSpec();
    spec.setLocation("de/fra");
    dc.setSpec(spec);
    return dc;
  }

  /** The object as the SDK hands it to its cleanup again: with the finalizer, being deleted. */
  private static PBDatacenter handedAgain(PBDatacenter dc) {
    dc.getMetadata().setFinalizers(List.of(CloudReconcilerEngine.FINALIZER));
    dc.getMetadata().setDeletionTimestamp("2026-12-02T20:00:00Z");
    return dc;
  }

  /** No Cloud API answers here: nothing of the old object is looked for in the cloud. */
  private static CloudReader reader() {
    return new CloudReader(
        ProfitBricksClient.builder()
            .baseUrl("http://127.0.0.1:9/cloudapi/v6")
            .credentials(Credentials.basic("nobody", "pw"))
            .build(),
        new TestConfig());
  }

  @SuppressWarnings("unchecked")
  private static Context<PBDatacenter> context(KubernetesClient client) {
    return (Context<PBDatacenter>)
        Proxy.newProxyInstance(
            Context.class.getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getClient")) {
                return client;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
