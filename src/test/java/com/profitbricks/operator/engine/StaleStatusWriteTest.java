package com.profitbricks.operator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profitbricks.operator.api.v1alpha1.CloudRequest;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterStatus;
import com.profitbricks.testing.StrictKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ResourceOperations;
import java.lang.reflect.Proxy;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A status write diffed from a copy whose status another writer changed since: kube-apiserver
 * refuses the JSON Patch's {@code replace} of a key the stored status no longer has (422). The
 * write must not fail that way until the informer catches up, nor overwrite the newer status.
 */
class StaleStatusWriteTest {
  @Test
  void aRefusedWriteBringsTheStoredObjectInHandAndTheNextWriteLands() {
    try (StrictKubernetes api = new StrictKubernetes();
        KubernetesClient operator = api.clientAs("operator")) {
      KubernetesClient user = api.client();
      PBDatacenter dc = new PBDatacenter();
      dc.setMetadata(new ObjectMetaBuilder().withName("dc").withNamespace("default").build());
      PBDatacenterSpec spec = new PBDatacenterSpec();
      spec.setLocation("de/fra");
      dc.setSpec(spec);
      user.resource(dc).create();
      PBDatacenterStatus pending = new PBDatacenterStatus();
      pending.setRequest(request("QUEUED"));
      PBDatacenter stored =
          user.resources(PBDatacenter.class).inNamespace("default").withName("dc").get();
      stored.setStatus(pending);
      user.resource(stored).updateStatus();

      // the operator's copy still shows the request ...
      PBDatacenter inHand =
          operator.resources(PBDatacenter.class).inNamespace("default").withName("dc").get();
      // ... which another writer has taken out of the stored status meanwhile
      PBDatacenter other =
          user.resources(PBDatacenter.class).inNamespace("default").withName("dc").get();
      PBDatacenterStatus done = new PBDatacenterStatus();
      done.setId("other-writer");
      other.setStatus(done);
      user.resource(other).updateStatus();

      StatusWrites<PBDatacenter, PBDatacenterStatus> writes = new StatusWrites<>();
      Context<PBDatacenter> ctx = context(operator);
      PBDatacenterStatus decided = writes.copy(inHand.getStatus());
      decided.getRequest().setStatus("RUNNING");
      assertThatThrownBy(() -> writes.persist(inHand, ctx, decided))
          .isInstanceOf(StaleStatus.class);
      assertThat(api.refusals())
          .as("the API server refused the patch of a key it no longer has")
          .anyMatch(r -> r.code() == 422 && r.message().contains("missing key"));
      assertThat(inHand.getStatus().getRequest()).as("the stored status is in hand").isNull();
      assertThat(inHand.getStatus().getId()).isEqualTo("other-writer");

      // the pass made again from the stored status writes, and keeps the other writer's work
      PBDatacenterStatus again = writes.copy(inHand.getStatus());
      again.setState("AVAILABLE");
      writes.persist(inHand, ctx, again);
      PBDatacenterStatus now =
          user.resources(PBDatacenter.class)
              .inNamespace("default")
              .withName("dc")
              .get()
              .getStatus();
      assertThat(now.getState()).isEqualTo("AVAILABLE");
      assertThat(now.getId()).isEqualTo("other-writer");
      assertThat(now.getRequest()).isNull();
    }
  }

  private static CloudRequest request(String status) {
    CloudRequest r = new CloudRequest();
    r.setId("req-1");
    r.setAction("CREATE");
    r.setStatus(status);
    return r;
  }

  /**
   * The two things a status write uses of the operator SDK's context: its client, and the patch the
   * SDK sends (Fabric8's editStatus, a JSON Patch diffed from the object given), without the SDK's
   * cache, which needs a running controller.
   */
  @SuppressWarnings("unchecked")
  private static Context<PBDatacenter> context(KubernetesClient client) {
    Context<PBDatacenter>[] self = new Context[1];
    self[0] =
        (Context<PBDatacenter>)
            Proxy.newProxyInstance(
                Context.class.getClassLoader(),
                new Class<?>[] {Context.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getClient" -> client;
                      case "resourceOperations" -> new DirectOperations(self[0], client);
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    return self[0];
  }

  private static final class DirectOperations extends ResourceOperations<PBDatacenter> {
    private final KubernetesClient client;

    DirectOperations(Context<PBDatacenter> ctx, KubernetesClient client) {
      super(ctx);
      this.client = client;
    }

    @Override
    public PBDatacenter jsonPatchPrimaryStatus(
        PBDatacenter resource, UnaryOperator<PBDatacenter> change) {
      return client.resource(resource).editStatus(change);
    }
  }
}
