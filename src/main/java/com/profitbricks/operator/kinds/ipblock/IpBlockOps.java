package com.profitbricks.operator.kinds.ipblock;

import com.profitbricks.client.Accepted;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.Query;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockStatus;
import com.profitbricks.operator.cloud.CloudName;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.cloud.Demand;
import com.profitbricks.operator.cloud.Drift;
import com.profitbricks.operator.engine.KindOps;
import java.util.Optional;

/** PBIPBlock in the cloud: {@code /ipblocks}, not inside any datacenter. */
final class IpBlockOps implements KindOps<PBIPBlock, PBIPBlockStatus> {
  private final CloudReader reader;
  private final ProfitBricksClient client;

  IpBlockOps(CloudReader reader) {
    this.reader = reader;
    this.client = reader.client();
  }

  @Override
  public PBIPBlockStatus newStatus() {
    return new PBIPBlockStatus();
  }

  @Override
  public String validate(PBIPBlock cr) {
    if (cr.getSpec().getLocation() == null || cr.getSpec().getLocation().isBlank()) {
      return "spec.location is required, e.g. de/fra";
    }
    Integer size = cr.getSpec().getSize();
    return size == null || size < 1 ? "spec.size must be at least 1" : null;
  }

  @Override
  public Parent parent(PBIPBlock cr, PBIPBlockStatus status) {
    return Parent.ready(null);
  }

  @Override
  public Optional<Observed<?>> observe(PBIPBlock cr, String parentId, String id) {
    return reader
        .ipBlock(id)
        .map(b -> new Observed<>(b.metadata() == null ? null : b.metadata().state(), b));
  }

  @Override
  public String collection(String parentId) {
    return "/ipblocks";
  }

  @Override
  public String cloudName(PBIPBlock cr) {
    return CloudName.of(cr.getSpec().getName(), cr.getMetadata().getName());
  }

  @Override
  public java.util.List<Sibling> siblings(String parentId) {
    // every page: a first page alone (100 blocks by the API's default) may miss the suspect
    return client.ipBlocks().listAll(Query.depth(1)).stream()
        .map(
            b ->
                KindOps.sibling(
                    b.id(), b.properties() == null ? null : b.properties().name(), b.metadata()))
        .toList();
  }

  @Override
  public String cloudType() {
    return "ipblock";
  }

  @Override
  public Created create(PBIPBlock cr, String parentId, ProfitBricksClient client) {
    Accepted<IpBlock> a =
        client
            .ipBlocks()
            .reserve(IpBlock.of(IpBlockMapping.ipBlock(cr.getSpec(), cr.getMetadata().getName())));
    return new Created(a.resource().id(), a.requestId());
  }

  /** A new block reserves its size in addresses; its size never changes after. */
  @Override
  public Demand demand(PBIPBlock cr, PBIPBlockStatus status, Observed<?> observed) {
    return observed != null || cr.getSpec().getSize() == null
        ? Demand.NONE
        : Demand.ips(cr.getSpec().getSize());
  }

  @Override
  public Drift<?> diff(PBIPBlock cr, PBIPBlockStatus status, Observed<?> observed) {
    return IpBlockMapping.ipBlockDrift(
        cr.getSpec(), cr.getMetadata().getName(), ((IpBlock) observed.resource()).properties());
  }

  @Override
  public String patch(PBIPBlock cr, String parentId, String id, Drift<?> drift) {
    return client.ipBlocks().update(id, (IpBlock.Properties) drift.patch()).requestId();
  }

  @Override
  public String delete(String parentId, String id) {
    return client.ipBlocks().release(id).requestId();
  }

  @Override
  public void recordOutputs(
      PBIPBlock cr, PBIPBlockStatus status, Observed<?> observed, String parentId) {
    status.setIps(((IpBlock) observed.resource()).properties().ips());
  }

  @Override
  public String datacenterOf(String parentId, String id) {
    return CloudReader.IP_BLOCKS;
  }
}
