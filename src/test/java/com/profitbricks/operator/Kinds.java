package com.profitbricks.operator;

import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/** Every kind of the operator, and how the objects of a namespace stand, for whole-set tests. */
final class Kinds {
  private Kinds() {}

  static final List<Class<? extends CustomResource<?, ?>>> ALL =
      List.of(
          PBDatacenter.class,
          PBLan.class,
          PBIPBlock.class,
          PBVolume.class,
          PBServer.class,
          PBNic.class);

  /** The objects of a namespace that are not Ready, each with its Ready reason and message. */
  static List<String> notReady(KubernetesClient kube, String ns) {
    List<String> out = new ArrayList<>();
    for (Class<? extends CustomResource<?, ?>> k : ALL) {
      for (CustomResource<?, ?> r : kube.resources(k).inNamespace(ns).list().getItems()) {
        CommonStatus st = (CommonStatus) r.getStatus();
        boolean ready =
            st != null
                && st.condition("Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
        if (!ready) {
          out.add(
              r.getKind()
                  + "/"
                  + r.getMetadata().getName()
                  + ": "
                  + (st == null
                      ? "no status"
                      : st.condition("Ready")
                          .map(c -> c.getReason() + " " + c.getMessage())
                          .orElse("")));
        }
      }
    }
    return out;
  }

  /** How many objects of the operator's kinds a namespace holds. */
  static long count(KubernetesClient kube, String ns) {
    return ALL.stream()
        .mapToLong(k -> kube.resources(k).inNamespace(ns).list().getItems().size())
        .sum();
  }
}
