package com.profitbricks.operator.config;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Map;

/**
 * Stops the start at once, with one message saying what to do, when there is no Kubernetes API to
 * run against; before the operator SDK starts its informers (priority 3123), which would otherwise
 * fill the console with connection stack traces and never say why.
 */
@ApplicationScoped
public class ClusterCheck {
  static final String WAYS_FORWARD =
      """
       Ways forward:
        1. a cluster of your own: kind create cluster (or k3d cluster create, or a kubeconfig \
      context), then start again;
        2. with Docker running, a k3s started for you: ./mvnw quarkus:dev \
      -Dquarkus.kubernetes-client.devservices.enabled=true;
        3. with only a JDK, the playground (the operator, its Cloud API simulator and an \
      in-process Kubernetes API, with samples/ applied): ./mvnw -Pplayground\
      """;

  void onStart(@Observes @Priority(100) StartupEvent event, KubernetesClient kube) {
    String problem = problem(kube.getConfiguration(), System.getenv());
    if (problem == null) {
      try {
        kube.getKubernetesVersion();
      } catch (RuntimeException e) {
        problem =
            "the Kubernetes API at "
                + kube.getConfiguration().getMasterUrl()
                + " does not answer ("
                + rootCause(e)
                + ")";
      }
    }
    if (problem != null) {
      Log.error("No Kubernetes cluster to run against: " + problem + "." + WAYS_FORWARD);
      throw new NoCluster("No Kubernetes cluster to run against (see the message above)");
    }
  }

  /**
   * Why there is certainly no cluster, or null: outside a pod, the client falls back to the
   * in-cluster address when no kubeconfig gave it a context.
   */
  static String problem(Config config, Map<String, String> env) {
    boolean inPod = env.containsKey("KUBERNETES_SERVICE_HOST");
    String host = URI.create(config.getMasterUrl()).getHost();
    if (!inPod && host != null && host.startsWith("kubernetes.default.svc")) {
      return "no kubeconfig context was found (KUBECONFIG, ~/.kube/config) and this is not a pod";
    }
    return null;
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.toString();
  }

  /** Carries the message only: its stack trace would say nothing a user can act on. */
  static final class NoCluster extends RuntimeException {
    NoCluster(String message) {
      super(message, null, false, false);
    }
  }
}
