package com.profitbricks.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leader election through a Kubernetes Lease in the operator's namespace, so that of several
 * replicas only one reconciles and writes to the cloud; the others wait to take over. The operator
 * SDK activates it in the prod profile ({@code
 * quarkus.operator-sdk.activate-leader-election-for-profiles}); dev and test run a single instance
 * without it.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {
  public LeaderElection(
      @ConfigProperty(
              name = "profitbricks.leader-election.lease-name",
              defaultValue = "profitbricks-operator")
          String leaseName) {
    super(leaseName);
  }
}
