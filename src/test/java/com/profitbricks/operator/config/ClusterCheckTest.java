package com.profitbricks.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the operator can tell at start that there is no Kubernetes API, and what it says then. */
class ClusterCheckTest {
  static Config master(String url) {
    return new ConfigBuilder(Config.empty()).withMasterUrl(url).build();
  }

  @Test
  void outsideAPodTheInClusterFallbackMeansNoContext() {
    assertThat(ClusterCheck.problem(master("https://kubernetes.default.svc"), Map.of()))
        .contains("no kubeconfig context");
    assertThat(
            ClusterCheck.problem(
                master("https://kubernetes.default.svc"),
                Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1")))
        .as("in a pod the in-cluster address is the real one")
        .isNull();
    assertThat(ClusterCheck.problem(master("https://127.0.0.1:6443"), Map.of())).isNull();
  }

  @Test
  void theMessageNamesEveryWayForward() {
    assertThat(ClusterCheck.WAYS_FORWARD)
        .contains("kind create cluster")
        .contains("-Dquarkus.kubernetes-client.devservices.enabled=true")
        .contains("./mvnw -Pplayground");
  }
}
