package com.profitbricks.operator.reconciler;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.LabelApi;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.cloud.LostCreateFinder;
import com.profitbricks.operator.cloud.Mapping;
import java.time.Instant;
import java.util.Optional;

/** PBDatacenter in the cloud: {@code /datacenters}. */
final class DatacenterOps implements KindOps<PBDatacenter, PBDatacenterStatus> {
  private final CloudReader reader;
  private final ProfitBricksClient client;

  DatacenterOps(CloudReader reader) {
    this.reader = reader;
    this.client = reader.client();
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

  @Override
  public Created create(PBDatacenter cr, String parentId) {
    Accepted<Datacenter> a =
        client
            .datacenters()
            .create(Datacenter.of(Mapping.datacenter(cr.getSpec(), cr.getMetadata().getName())));
    return new Created(a.resource().id(), a.requestId());
  }

  @Override
  public Drift<?> diff(PBDatacenter cr, Observed<?> observed) {
    return Mapping.datacenterDrift(
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
  public Optional<String> findLost(PBDatacenter cr, String parentId, Instant intentAt) {
    Datacenter.Properties want = Mapping.datacenter(cr.getSpec(), cr.getMetadata().getName());
    Optional<String> byRequest =
        LostCreateFinder.find(client, "/datacenters", "datacenter", want, intentAt);
    if (byRequest.isPresent()) {
      return byRequest;
    }
    for (Datacenter d : client.datacenters().list().itemsOrEmpty()) {
      if (d.properties() != null
          && want.name().equals(d.properties().name())
          && want.location().equals(d.properties().location())
          && Labels.owned(client, LabelApi.datacenter(d.id()), cr)) {
        return Optional.of(d.id());
      }
    }
    return Optional.empty();
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

  @Override
  public void label(PBDatacenter cr, String parentId, String id) {
    Labels.mark(client, LabelApi.datacenter(id), cr);
  }
}
