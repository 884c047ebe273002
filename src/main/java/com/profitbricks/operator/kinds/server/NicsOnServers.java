package com.profitbricks.operator.kinds.server;

import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.cloud.CloudName;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The PBNics on servers, for the server's reconciler: a PBNic on a server (by serverRef, or by
 * serverId once a PBServer has that cloud id) must not have the cloud name of one of its inline
 * NICs. A PBNic made, renamed, moved or deleted wakes the server it names, which checks that at
 * once (not at its next full re-read, hours away in production); and every pass reads the PBNics
 * from this informer's cache instead of listing them from the API server.
 */
final class NicsOnServers {
  /** The index of the primary cache: PBServers by their cloud id. */
  static final String BY_CLOUD_ID = "cloud-id";

  private NicsOnServers() {}

  static EventSource<?, PBServer> events(EventSourceContext<PBServer> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            BY_CLOUD_ID,
            s ->
                s.getStatus() == null || s.getStatus().getId() == null
                    ? List.of()
                    : List.of(s.getStatus().getId()));
    InformerEventSourceConfiguration<PBNic> config =
        InformerEventSourceConfiguration.from(PBNic.class, PBServer.class)
            .withName("nics-on-servers")
            .withSecondaryToPrimaryMapper(n -> servers(context, n))
            // its status changes nothing for the server
            .withOnUpdateFilter((now, before) -> !placement(now).equals(placement(before)))
            .build();
    return new InformerEventSource<>(config, context);
  }

  /** The PBServers the NIC names. */
  private static Set<ResourceID> servers(EventSourceContext<PBServer> context, PBNic n) {
    if (n.getSpec() == null) {
      return Set.of();
    }
    if (n.getSpec().getServerRef() != null) {
      return Set.of(
          new ResourceID(n.getSpec().getServerRef().getName(), n.getMetadata().getNamespace()));
    }
    if (n.getSpec().getServerId() == null) {
      return Set.of();
    }
    return context.getPrimaryCache().byIndex(BY_CLOUD_ID, n.getSpec().getServerId()).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /** Where the NIC is and what it is called: what a clash with an inline NIC depends on. */
  private static List<String> placement(PBNic n) {
    if (n.getSpec() == null) {
      return List.of();
    }
    return Arrays.asList(
        CloudName.of(n.getSpec().getName(), n.getMetadata().getName()),
        n.getSpec().getServerRef() == null ? null : n.getSpec().getServerRef().getName(),
        n.getSpec().getServerId());
  }
}
