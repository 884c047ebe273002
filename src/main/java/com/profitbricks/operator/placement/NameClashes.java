package com.profitbricks.operator.placement;

import com.profitbricks.operator.api.v1alpha1.InlineNic;
import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.engine.Lookup;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A PBServer's inline volumes and NICs are its own only by the ids its status records, yet a
 * separate PBVolume or PBNic on the same server with the same cloud name as an inline item makes
 * two devices no human can tell apart (and the inline item waits, not adopting the other). Both
 * sides refuse such a clash with InvalidSpec before anything is sent, whichever namespace the
 * separate object is in (by spec.serverId it can name a server of any namespace). On delete, an id
 * another object's status holds is never the server's to delete.
 */
public final class NameClashes {
  private NameClashes() {}

  /** The PBServer a volume or NIC names by serverRef, or whose cloud id is {@code serverId}. */
  public static PBServer server(
      KubernetesClient kube, String namespace, LocalRef ref, String serverId) {
    if (ref != null) {
      return Lookup.get(kube, PBServer.class, namespace, ref.getName());
    }
    if (serverId == null) {
      return null;
    }
    return Lookup.listAll(kube, PBServer.class, namespace).stream()
        .filter(s -> s.getStatus() != null && serverId.equals(s.getStatus().getId()))
        .findFirst()
        .orElse(null);
  }

  /**
   * The volume ids a PBVolume's status holds, in any namespace: never a server's own, whatever its
   * name.
   */
  public static Set<String> heldVolumeIds(KubernetesClient kube, String namespace) {
    Set<String> ids = new HashSet<>();
    for (PBVolume v : Lookup.listAll(kube, PBVolume.class, namespace)) {
      if (v.getStatus() != null && v.getStatus().getId() != null) {
        ids.add(v.getStatus().getId());
      }
    }
    return ids;
  }

  /** For a PBVolume named {@code cloudName} on {@code server}: the clash, or null. */
  public static Outcome volume(PBServer server, String cloudName) {
    boolean clash =
        server != null
            && server.getSpec().getVolumes() != null
            && server.getSpec().getVolumes().stream()
                .map(InlineVolume::getName)
                .anyMatch(cloudName::equals);
    return clash ? clash("volume", cloudName, server) : null;
  }

  /** For a PBNic named {@code cloudName} on {@code server}: the clash, or null. */
  public static Outcome nic(PBServer server, String cloudName) {
    boolean clash =
        server != null
            && server.getSpec().getNics() != null
            && server.getSpec().getNics().stream()
                .map(InlineNic::getName)
                .anyMatch(cloudName::equals);
    return clash ? clash("NIC", cloudName, server) : null;
  }

  /** For a PBServer: a PBVolume or PBNic on it whose cloud name is one of its inline items. */
  public static Outcome ofServer(KubernetesClient kube, PBServer server) {
    String ns = server.getMetadata().getNamespace();
    String id = server.getStatus() == null ? null : server.getStatus().getId();
    for (PBVolume v : Lookup.listAll(kube, PBVolume.class, ns)) {
      if (on(server, v, id, v.getSpec().getServerRef(), v.getSpec().getServerId())) {
        Outcome o = volume(server, CloudName.of(v.getSpec().getName(), v.getMetadata().getName()));
        if (o != null) {
          return o;
        }
      }
    }
    for (PBNic n : Lookup.listAll(kube, PBNic.class, ns)) {
      if (on(server, n, id, n.getSpec().getServerRef(), n.getSpec().getServerId())) {
        Outcome o = nic(server, CloudName.of(n.getSpec().getName(), n.getMetadata().getName()));
        if (o != null) {
          return o;
        }
      }
    }
    return null;
  }

  /** A serverRef names a PBServer of the object's own namespace; a serverId, any server. */
  private static boolean on(
      PBServer server,
      io.fabric8.kubernetes.api.model.HasMetadata o,
      String id,
      LocalRef ref,
      String serverId) {
    return ref != null
        ? server.getMetadata().getName().equals(ref.getName())
            && Objects.equals(server.getMetadata().getNamespace(), o.getMetadata().getNamespace())
        : id != null && Objects.equals(id, serverId);
  }

  private static Outcome clash(String what, String name, PBServer server) {
    return Outcome.stalled(
        Reasons.INVALID_SPEC,
        "PBServer "
            + server.getMetadata().getName()
            + " has an inline "
            + what
            + " named "
            + name
            + ", and two devices of one name on a server cannot be told apart: give the separate "
            + what
            + " another spec.name, or drop one of them");
  }
}
