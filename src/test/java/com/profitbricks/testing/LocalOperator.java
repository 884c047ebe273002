package com.profitbricks.testing;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.RetryPolicy;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.engine.EventRecorder;
import com.profitbricks.operator.kinds.datacenter.PBDatacenterReconciler;
import com.profitbricks.operator.kinds.ipblock.PBIPBlockReconciler;
import com.profitbricks.operator.kinds.lan.PBLanReconciler;
import com.profitbricks.operator.kinds.nic.PBNicReconciler;
import com.profitbricks.operator.kinds.server.PBServerReconciler;
import com.profitbricks.operator.kinds.volume.PBVolumeReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The operator's six reconcilers on the plain operator SDK, without Quarkus: what a test or the
 * playground runs in its own JVM against any Kubernetes API and Cloud API. Stopping it is what a
 * crash looks like to the next instance.
 */
public final class LocalOperator implements AutoCloseable {
  private final Operator operator;
  private final CloudReader reader;

  public LocalOperator(KubernetesClient kube, String cloudUrl, OperatorConfig config) {
    this(kube, cloudUrl, config, () -> Credentials.basic("local@example.com", "pw"));
  }

  public LocalOperator(
      KubernetesClient kube,
      String cloudUrl,
      OperatorConfig config,
      Supplier<Credentials> credentials) {
    ProfitBricksClient client =
        ProfitBricksClient.builder()
            .baseUrl(cloudUrl)
            .credentials(credentials)
            .retryPolicy(
                new RetryPolicy(
                    3, Duration.ofMillis(20), Duration.ofMillis(200), 0, Duration.ofSeconds(2)))
            .readTimeout(Duration.ofSeconds(5))
            .build();
    reader = new CloudReader(client, config);
    EventRecorder events = new EventRecorder(kube);
    operator =
        new Operator(
            o ->
                o.withKubernetesClient(kube)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withCloseClientOnStop(false));
    operator.register(new PBDatacenterReconciler(reader, events, config, kube));
    operator.register(new PBLanReconciler(reader, events, config, kube));
    operator.register(new PBIPBlockReconciler(reader, events, config));
    operator.register(new PBVolumeReconciler(reader, events, config, kube));
    operator.register(new PBServerReconciler(reader, events, config, kube));
    operator.register(new PBNicReconciler(reader, events, config, kube));
    operator.start();
  }

  @Override
  public void close() {
    operator.stop();
    reader.close();
  }
}
