package com.profitbricks.operator;

import com.profitbricks.testing.OperatorJar;
import com.profitbricks.testing.StrictKubernetes;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/** What the tests of operator processes share: their kubeconfig and their Lease. */
final class Operators {
  static final String LEASE = "profitbricks-operator";

  private Operators() {}

  /**
   * A kubeconfig that reaches the API as {@code subject}, whose context namespace (where the
   * operator keeps its Lease, as a pod's namespace would be) is {@code namespace}.
   */
  static Path kubeconfig(StrictKubernetes api, Path dir, String subject, String namespace)
      throws IOException {
    Path file = api.writeKubeconfig(dir.resolve("kubeconfig"), subject);
    Files.writeString(
        file, Files.readString(file).replace("namespace: default", "namespace: " + namespace));
    return file;
  }

  static Lease lease(KubernetesClient kube, String namespace) {
    return kube.resources(Lease.class).inNamespace(namespace).withName(LEASE).get();
  }

  static String holder(KubernetesClient kube, String namespace) {
    Lease l = lease(kube, namespace);
    return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
  }

  /** Waits for any holder of the Lease; the logs of the processes say why when none comes. */
  static String awaitLeader(
      KubernetesClient kube, String namespace, Duration within, OperatorJar... ops) {
    Awaitility.await("a leader")
        .atMost(within)
        .failFast(
            "an operator exited",
            () -> {
              for (OperatorJar op : ops) {
                if (!op.alive()) {
                  throw new AssertionError("exited with " + op.exitValue() + ":\n" + op.logText());
                }
              }
            })
        .until(() -> holder(kube, namespace) != null && !holder(kube, namespace).isEmpty());
    return holder(kube, namespace);
  }
}
