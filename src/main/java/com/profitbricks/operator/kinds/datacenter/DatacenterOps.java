package com.profitbricks.operator.kinds.datacenter;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.Query;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.DeletionPolicy;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterStatus;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.engine.KindOps;
import com.profitbricks.operator.engine.Lookup;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** PBDatacenter in the cloud: {@code /datacenters}. */
final class DatacenterOps implements KindOps<PBDatacenter, PBDatacenterStatus> {
  private final CloudReader reader;
  private final ProfitBricksClient client;
  private final KubernetesClient kube;

  DatacenterOps(CloudReader reader, KubernetesClient kube) {
    this.reader = reader;
    this.client = reader.client();
    this.kube = kube;
  }

  @Override
  public PBDatacenterStatus newStatus() {
    return new PBDatacenterStatus();
  }

  @Override
  public String validate(PBDatacenter cr) {
    String location = cr.getSpec().getLocation();
    return location == null || location.isBlank() ? "spec.location is required, e.g. de/fra" : null;
  }

  @Override
  public Parent parent(PBDatacenter cr, PBDatacenterStatus status) {
    return Parent.ready(null);
  }

  @Override
  public Optional<Observed<?>> observe(PBDatacenter cr, String parentId, String id) {
    return reader
        .datacenter(id)
        .map(d -> new Observed<>(d.metadata() == null ? null : d.metadata().state(), d));
  }

  /** Deleting a datacenter takes everything in it, whatever the children's own policy says. */
  @Override
  public String deleteWarning(PBDatacenter cr) {
    String ns = cr.getMetadata().getNamespace();
    String name = cr.getMetadata().getName();
    List<String> kept = new ArrayList<>();
    for (Class<? extends CustomResource<? extends CommonSpec, ?>> kind :
        List.of(PBLan.class, PBServer.class, PBVolume.class)) {
      for (CustomResource<? extends CommonSpec, ?> o : Lookup.list(kube, kind, ns)) {
        if ((o.getSpec().getDeletionPolicy() == DeletionPolicy.Orphan
                || o.getSpec().isObserveOnly())
            && datacenterRef(o.getSpec()) != null
            && name.equals(datacenterRef(o.getSpec()).getName())) {
          kept.add(o.getKind() + " " + o.getMetadata().getName());
        }
      }
    }
    return kept.isEmpty()
        ? null
        : "Deleting the datacenter deletes everything in it, also what these objects keep with"
            + " deletionPolicy Orphan or only observe: "
            + String.join(", ", kept);
  }

  private static LocalRef datacenterRef(CommonSpec spec) {
    if (spec instanceof PBLanSpec s) {
      return s.getDatacenterRef();
    }
    if (spec instanceof PBServerSpec s) {
      return s.getDatacenterRef();
    }
    return spec instanceof PBVolumeSpec s ? s.getDatacenterRef() : null;
  }

  @Override
  public boolean stillListed(String parentId, String id) {
    return reader.datacenterListed(id);
  }

  @Override
  public String collection(String parentId) {
    return "/datacenters";
  }

  @Override
  public String cloudName(PBDatacenter cr) {
    return CloudName.of(cr.getSpec().getName(), cr.getMetadata().getName());
  }

  @Override
  public java.util.List<Sibling> siblings(String parentId) {
    return client.datacenters().list(Query.depth(1)).itemsOrEmpty().stream()
        .map(
            d ->
                KindOps.sibling(
                    d.id(), d.properties() == null ? null : d.properties().name(), d.metadata()))
        .toList();
  }

  @Override
  public String cloudType() {
    return "datacenter";
  }

  @Override
  public Created create(PBDatacenter cr, String parentId, ProfitBricksClient client) {
    Accepted<Datacenter> a =
        client
            .datacenters()
            .create(
                Datacenter.of(
                    DatacenterMapping.datacenter(cr.getSpec(), cr.getMetadata().getName())));
    return new Created(a.resource().id(), a.requestId());
  }

  @Override
  public Drift<?> diff(PBDatacenter cr, PBDatacenterStatus status, Observed<?> observed) {
    return DatacenterMapping.datacenterDrift(
        cr.getSpec(), cr.getMetadata().getName(), ((Datacenter) observed.resource()).properties());
  }

  @Override
  public String patch(PBDatacenter cr, String parentId, String id, Drift<?> drift) {
    return client.datacenters().update(id, (Datacenter.Properties) drift.patch()).requestId();
  }

  @Override
  public String delete(String parentId, String id) {
    return client.datacenters().delete(id).requestId();
  }

  @Override
  public void recordOutputs(
      PBDatacenter cr, PBDatacenterStatus status, Observed<?> observed, String parentId) {
    Datacenter d = (Datacenter) observed.resource();
    status.setVersion(d.properties().version());
    status.setFeatures(d.properties().features());
  }

  @Override
  public String datacenterOf(String parentId, String id) {
    return id;
  }
}
