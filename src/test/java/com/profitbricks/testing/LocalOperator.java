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
import com.profitbricks.operator.tenancy.Tenants;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The operator's six reconcilers on the plain operator SDK, without Quarkus: what a test or the
 * playground runs in its own JVM against any Kubernetes API and Cloud API. Stopping it is what a
 * crash looks like to the next instance.
 */
public final class LocalOperator implements AutoCloseable {
  /**
   * Longer than any reconcile of the tests lasts (their client gives up reading after 5 s); what is
   * still running then is interrupted, as in production.
   */
  static final Duration TERMINATION_TIMEOUT = Duration.ofSeconds(30);

  private final Operator operator;
  private final CloudReader reader;
  private final Tenants tenants;

  /**
   * How the operator runs where it matters to the API server: the namespaces it watches (none:
   * all), leader election through a Lease (off unless named), and whether it checks its CRDs at
   * start, as the operator's jar does in production.
   */
  public record Options(
      Set<String> namespaces,
      String leaseName,
      String leaseNamespace,
      Duration leaseDuration,
      LeaderCallbacks leaderCallbacks,
      boolean checkCrds,
      Clock clock) {
    /**
     * All namespaces, no leader election, no CRD check, the system clock: what the tests ran with
     * so far.
     */
    public static Options defaults() {
      return new Options(Set.of(), null, null, null, null, false, Clock.systemUTC());
    }

    public Options watching(String... namespaces) {
      return new Options(
          Set.of(namespaces),
          leaseName,
          leaseNamespace,
          leaseDuration,
          leaderCallbacks,
          checkCrds,
          clock);
    }

    /**
     * Leader election on a Lease; a lease of {@code duration} is renewed every sixth of it and lost
     * after two thirds without renewal. {@code callbacks} hear of it; losing the lease does not
     * exit (the operator SDK would end the JVM: the test's).
     */
    public Options leaderElection(
        String name, String namespace, Duration duration, LeaderCallbacks callbacks) {
      return new Options(namespaces, name, namespace, duration, callbacks, checkCrds, clock);
    }

    public Options checkingCrds() {
      return new Options(
          namespaces, leaseName, leaseNamespace, leaseDuration, leaderCallbacks, true, clock);
    }

    /** The host's clock as the operator reads it (one that is off, say). */
    public Options clock(Clock hostClock) {
      return new Options(
          namespaces,
          leaseName,
          leaseNamespace,
          leaseDuration,
          leaderCallbacks,
          checkCrds,
          hostClock);
    }
  }

  public LocalOperator(KubernetesClient kube, String cloudUrl, OperatorConfig config) {
    this(kube, cloudUrl, config, Options.defaults());
  }

  public LocalOperator(
      KubernetesClient kube, String cloudUrl, OperatorConfig config, Options options) {
    this(kube, cloudUrl, config, options, () -> Credentials.basic("local@example.com", "pw"));
  }

  public LocalOperator(
      KubernetesClient kube,
      String cloudUrl,
      OperatorConfig config,
      Options options,
      Supplier<Credentials> credentials) {
    ProfitBricksClient client =
        ProfitBricksClient.builder()
            .baseUrl(cloudUrl)
            .credentials(credentials)
            .retryPolicy(
                new RetryPolicy(
                    3, Duration.ofMillis(20), Duration.ofMillis(200), 0, Duration.ofSeconds(2)))
            .readTimeout(Duration.ofSeconds(5))
            .clock(options.clock())
            .build();
    reader = new CloudReader(client, config);
    EventRecorder events = new EventRecorder(kube);
    operator =
        new Operator(
            o -> {
              o.withKubernetesClient(kube)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withCloseClientOnStop(false)
                  // as quarkus.operator-sdk.termination-timeout in production: stop() waits for
                  // the reconciles running, so a stopped instance sends and writes nothing more
                  // while the next one acts (the SDK's default, zero, only interrupts them)
                  .withReconciliationTerminationTimeout(TERMINATION_TIMEOUT)
                  .checkingCRDAndValidateLocalModel(options.checkCrds());
              if (options.leaseName() != null) {
                Duration d = options.leaseDuration();
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        options.leaseName(),
                        options.leaseNamespace(),
                        d,
                        d.multipliedBy(2).dividedBy(3),
                        d.dividedBy(6),
                        "local-" + UUID.randomUUID(),
                        options.leaderCallbacks(),
                        false));
              }
            });
    tenants = new Tenants(kube, config, reader);
    register(new PBDatacenterReconciler(tenants, events, config, kube), options);
    register(new PBLanReconciler(tenants, events, config, kube), options);
    register(new PBIPBlockReconciler(tenants, events, config), options);
    register(new PBVolumeReconciler(tenants, events, config, kube), options);
    register(new PBServerReconciler(tenants, events, config, kube), options);
    register(new PBNicReconciler(tenants, events, config, kube), options);
    operator.start();
  }

  private <R extends io.fabric8.kubernetes.api.model.HasMetadata> void register(
      Reconciler<R> reconciler, Options options) {
    Consumer<ControllerConfigurationOverrider<R>> namespaces =
        o -> {
          if (!options.namespaces().isEmpty()) {
            o.settingNamespaces(options.namespaces());
          }
        };
    operator.register(reconciler, namespaces);
  }

  @Override
  public void close() {
    operator.stop();
    tenants.close();
    reader.close();
  }
}
