package com.profitbricks.operator.kinds.lan;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.Lan;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanStatus;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.engine.KindOps;
import com.profitbricks.operator.placement.DatacenterChild;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** PBLan in the cloud: {@code /datacenters/{id}/lans}, read from the datacenter's depth view. */
final class LanOps implements DatacenterChild<PBLan, PBLanStatus> {
  private final CloudReader reader;
  private final ProfitBricksClient client;
  private final KubernetesClient kube;

  LanOps(CloudReader reader, KubernetesClient kube) {
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
  public LocalRef datacenterRef(PBLan cr) {
    return cr.getSpec().getDatacenterRef();
  }

  @Override
  public String datacenterId(PBLan cr) {
    return cr.getSpec().getDatacenterId();
  }

  @Override
  public PBLanStatus newStatus() {
    return new PBLanStatus();
  }

  @Override
  public String validate(PBLan cr) {
    boolean ref = cr.getSpec().getDatacenterRef() != null;
    boolean id = cr.getSpec().getDatacenterId() != null;
    return ref == id ? "set exactly one of spec.datacenterRef and spec.datacenterId" : null;
  }

  @Override
  public Optional<Observed<?>> observe(PBLan cr, String parentId, String id) {
    return reader
        .datacenter(parentId)
        .flatMap(dc -> lans(dc).stream().filter(l -> id.equals(l.id())).findFirst())
        .map(l -> new Observed<>(l.metadata() == null ? null : l.metadata().state(), l));
  }

  private static java.util.List<Lan> lans(Datacenter dc) {
    return dc.entities() == null || dc.entities().lans() == null
        ? java.util.List.of()
        : dc.entities().lans().itemsOrEmpty();
  }

  @Override
  public String collection(String parentId) {
    return "/datacenters/" + parentId + "/lans";
  }

  @Override
  public String cloudName(PBLan cr) {
    return CloudName.of(cr.getSpec().getName(), cr.getMetadata().getName());
  }

  @Override
  public java.util.List<Sibling> siblings(String parentId) {
    return reader.datacenter(parentId).map(LanOps::lans).orElse(java.util.List.of()).stream()
        .map(
            l ->
                KindOps.sibling(
                    l.id(), l.properties() == null ? null : l.properties().name(), l.metadata()))
        .toList();
  }

  @Override
  public String cloudType() {
    return "lan";
  }

  @Override
  public Created create(PBLan cr, String parentId, ProfitBricksClient client) {
    Accepted<Lan> a =
        client
            .lans()
            .create(parentId, Lan.of(LanMapping.lan(cr.getSpec(), cr.getMetadata().getName())));
    return new Created(a.resource().id(), a.requestId());
  }

  @Override
  public Drift<?> diff(PBLan cr, PBLanStatus status, Observed<?> observed) {
    return LanMapping.lanDrift(
        cr.getSpec(), cr.getMetadata().getName(), ((Lan) observed.resource()).properties());
  }

  @Override
  public String patch(PBLan cr, String parentId, String id, Drift<?> drift) {
    return client.lans().update(parentId, id, (Lan.Properties) drift.patch()).requestId();
  }

  @Override
  public String delete(String parentId, String id) {
    return client.lans().delete(parentId, id).requestId();
  }
}
