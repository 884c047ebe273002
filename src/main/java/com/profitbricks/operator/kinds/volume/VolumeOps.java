package com.profitbricks.operator.kinds.volume;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import com.profitbricks.operator.api.v1alpha1.PBVolumeStatus;
import com.profitbricks.operator.api.v1alpha1.SecretKeyRef;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.Demand;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.devices.DeviceMapping;
import com.profitbricks.operator.engine.KindOps;
import com.profitbricks.operator.engine.Lookup;
import com.profitbricks.operator.engine.Secrets;
import com.profitbricks.operator.placement.DatacenterChild;
import com.profitbricks.operator.placement.NameClashes;
import com.profitbricks.operator.status.Outcome;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * PBVolume in the cloud: {@code /datacenters/{id}/volumes}, attached through {@code
 * /servers/{id}/volumes}; read from the datacenter's depth view.
 */
final class VolumeOps implements DatacenterChild<PBVolume, PBVolumeStatus> {
  /** A volume as seen, and the server it is attached to (null when none). */
  record Seen(Volume volume, String serverId) {}

  private final CloudReader reader;
  private final ProfitBricksClient client;
  private final KubernetesClient kube;

  VolumeOps(CloudReader reader, KubernetesClient kube) {
    this.reader = reader;
    this.client = reader.client();
    this.kube = kube;
  }

  @Override
  public CloudReader reader() {
    return reader;
  }

  @Override
  public KubernetesClient kube() {
    return kube;
  }

  @Override
  public LocalRef datacenterRef(PBVolume cr) {
    return cr.getSpec().getDatacenterRef();
  }

  @Override
  public String datacenterId(PBVolume cr) {
    return cr.getSpec().getDatacenterId();
  }

  @Override
  public PBVolumeStatus newStatus() {
    return new PBVolumeStatus();
  }

  @Override
  public String validate(PBVolume cr) {
    PBVolumeSpec s = cr.getSpec();
    if ((s.getDatacenterRef() != null) == (s.getDatacenterId() != null)) {
      return "set exactly one of spec.datacenterRef and spec.datacenterId";
    }
    if (s.getSize() == null || s.getSize() < 1) {
      return "spec.size must be at least 1 (GB)";
    }
    if (s.getServerRef() != null && s.getServerId() != null) {
      return "set spec.serverRef or spec.serverId, not both";
    }
    if (s.getImage() != null && s.getImageAlias() != null) {
      return "set spec.image or spec.imageAlias, not both";
    }
    if (s.getImage() == null && s.getImageAlias() == null && s.getLicenceType() == null) {
      return "a volume without spec.image or spec.imageAlias needs spec.licenceType";
    }
    return null;
  }

  /** A volume still to be created waits for its image password. */
  @Override
  public Outcome references(PBVolume cr, PBVolumeStatus status) {
    Outcome clash =
        NameClashes.volume(
            NameClashes.server(
                kube,
                cr.getMetadata().getNamespace(),
                cr.getSpec().getServerRef(),
                cr.getSpec().getServerId()),
            CloudName.of(cr.getSpec().getName(), cr.getMetadata().getName()));
    if (clash != null) {
      return clash;
    }
    SecretKeyRef ref = cr.getSpec().getImagePasswordSecretRef();
    if (status.getId() == null && ref != null && password(cr) == null) {
      return Outcome.progressing(
          Reasons.DEPENDENCY_NOT_READY,
          "Secret "
              + ref.getName()
              + " with key "
              + ref.getKey()
              + " (the image password) does not exist yet");
    }
    return null;
  }

  /** The image password from its Secret, or null. Never logged, never put into status. */
  private String password(PBVolume cr) {
    SecretKeyRef ref = cr.getSpec().getImagePasswordSecretRef();
    return ref == null ? null : Secrets.read(kube, cr.getMetadata().getNamespace(), ref);
  }

  @Override
  public Optional<Observed<?>> observe(PBVolume cr, String parentId, String id) {
    return reader
        .datacenter(parentId)
        .flatMap(
            dc ->
                volumes(dc).stream()
                    .filter(v -> id.equals(v.id()))
                    .findFirst()
                    .map(
                        v ->
                            new Observed<>(
                                v.metadata() == null ? null : v.metadata().state(),
                                new Seen(v, attachedTo(dc, id)))));
  }

  private static List<Volume> volumes(Datacenter dc) {
    return dc.entities() == null || dc.entities().volumes() == null
        ? List.of()
        : dc.entities().volumes().itemsOrEmpty();
  }

  private static String attachedTo(Datacenter dc, String volumeId) {
    if (dc.entities() == null || dc.entities().servers() == null) {
      return null;
    }
    for (Server s : dc.entities().servers().itemsOrEmpty()) {
      if (s.entities() != null
          && s.entities().volumes() != null
          && s.entities().volumes().itemsOrEmpty().stream()
              .anyMatch(v -> volumeId.equals(v.id()))) {
        return s.id();
      }
    }
    return null;
  }

  @Override
  public String collection(String parentId) {
    return "/datacenters/" + parentId + "/volumes";
  }

  @Override
  public String cloudName(PBVolume cr) {
    return CloudName.of(cr.getSpec().getName(), cr.getMetadata().getName());
  }

  @Override
  public java.util.List<Sibling> siblings(String parentId) {
    return reader.datacenter(parentId).map(VolumeOps::volumes).orElse(List.of()).stream()
        .map(
            v ->
                KindOps.sibling(
                    v.id(), v.properties() == null ? null : v.properties().name(), v.metadata()))
        .toList();
  }

  @Override
  public String cloudType() {
    return "volume";
  }

  @Override
  public Created create(PBVolume cr, String parentId, ProfitBricksClient client) {
    Accepted<Volume> a =
        client
            .volumes()
            .create(
                parentId,
                Volume.of(
                    DeviceMapping.volume(cr.getSpec(), cr.getMetadata().getName(), password(cr))));
    return new Created(a.resource().id(), a.requestId());
  }

  /** The volume's size, or its growth, in the capacity of its type. */
  @Override
  public Demand demand(PBVolume cr, PBVolumeStatus status, Observed<?> observed) {
    long size = cr.getSpec().getSize() == null ? 0 : cr.getSpec().getSize();
    Volume.Properties had =
        observed == null ? null : ((Seen) observed.resource()).volume().properties();
    long hadSize = had == null || had.size() == null ? 0 : had.size().longValue();
    String type = cr.getSpec().getType() == null ? "HDD" : cr.getSpec().getType().name();
    return Demand.volume(type, size, size - hadSize);
  }

  @Override
  public Drift<?> diff(PBVolume cr, PBVolumeStatus status, Observed<?> observed) {
    return DeviceMapping.volumeDrift(
        cr.getSpec(),
        cr.getMetadata().getName(),
        status.getImageAlias(),
        ((Seen) observed.resource()).volume().properties());
  }

  @Override
  public void recordCreated(PBVolume cr, PBVolumeStatus status) {
    status.setImageAlias(cr.getSpec().getImageAlias());
  }

  @Override
  public String patch(PBVolume cr, String parentId, String id, Drift<?> drift) {
    return client.volumes().update(parentId, id, (Volume.Properties) drift.patch()).requestId();
  }

  /**
   * Attach to the server of spec.serverRef or spec.serverId, or detach from another one (neither
   * set detaches). An attach waits until the server exists and is not BUSY, and never goes to a
   * server whose PBServer is being deleted.
   */
  @Override
  public Optional<Action> converge(PBVolume cr, String parentId, String id, Observed<?> observed) {
    String have = ((Seen) observed.resource()).serverId();
    String want = cr.getSpec().getServerId();
    LocalRef ref = cr.getSpec().getServerRef();
    if (ref != null) {
      PBServer server =
          Lookup.get(kube, PBServer.class, cr.getMetadata().getNamespace(), ref.getName());
      if (server == null || server.getStatus() == null || server.getStatus().getId() == null) {
        return Optional.of(
            Action.waiting(
                "The attach waits for PBServer "
                    + ref.getName()
                    + (server == null ? ", which does not exist yet" : " to get a cloud id")));
      }
      if (!parentId.equals(server.getStatus().getDatacenterId())) {
        return Optional.of(
            Action.waiting(
                "PBServer "
                    + ref.getName()
                    + " is in datacenter "
                    + server.getStatus().getDatacenterId()
                    + ", this volume in "
                    + parentId
                    + ": a volume attaches only to a server of its datacenter"));
      }
      want = server.getStatus().getId();
    }
    if (want != null && !want.equals(have)) {
      PBServer target =
          NameClashes.server(kube, cr.getMetadata().getNamespace(), ref, ref == null ? want : null);
      if (target != null && target.getMetadata().getDeletionTimestamp() != null) {
        // the server's DELETE may take every volume attached to it: this one waits
        return Optional.of(
            Action.waiting(
                "The attach waits: PBServer "
                    + target.getMetadata().getName()
                    + " (server "
                    + want
                    + ") is being deleted"));
      }
      String state = serverState(parentId, want);
      if ("BUSY".equals(state)) {
        // the server's own create or change may be attaching this very volume
        return Optional.of(
            Action.busy("The attach waits for server " + want + ", which is BUSY in the cloud"));
      }
    }
    if (have != null && !have.equals(want)) {
      return Optional.of(
          Action.of(
              "DETACH",
              "Detaching volume " + id + " from server " + have,
              () -> client.servers().detachVolume(parentId, have, id).requestId()));
    }
    if (want != null && !Objects.equals(want, have)) {
      String server = want;
      return Optional.of(
          Action.of(
              "ATTACH",
              "Attaching volume " + id + " to server " + server,
              () -> client.servers().attachVolume(parentId, server, id).requestId()));
    }
    return Optional.empty();
  }

  /** The server's metadata.state in the datacenter's view, or null when it is not there. */
  private String serverState(String parentId, String serverId) {
    return reader
        .datacenter(parentId)
        .flatMap(
            dc ->
                dc.entities() == null || dc.entities().servers() == null
                    ? Optional.empty()
                    : dc.entities().servers().itemsOrEmpty().stream()
                        .filter(s -> serverId.equals(s.id()))
                        .findFirst())
        .map(s -> s.metadata() == null ? null : s.metadata().state())
        .orElse(null);
  }

  @Override
  public String delete(String parentId, String id) {
    return client.volumes().delete(parentId, id).requestId();
  }

  @Override
  public void recordOutputs(
      PBVolume cr, PBVolumeStatus status, Observed<?> observed, String parentId) {
    Seen seen = (Seen) observed.resource();
    status.setAttachedServerId(seen.serverId());
    status.setDeviceNumber(
        seen.serverId() == null ? null : seen.volume().properties().deviceNumber());
    if (status.getImage() == null) {
      status.setImage(seen.volume().properties().image());
    }
  }
}
