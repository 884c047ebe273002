package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.IpBlock;

/** {@code /ipblocks}: reserve, list, get, rename, release. */
public final class IpBlockApi {
  private final Ops ops;

  IpBlockApi(Ops ops) {
    this.ops = ops;
  }

  public Collection<IpBlock> list() {
    return list(Query.depth(1));
  }

  public Collection<IpBlock> list(Query query) {
    return ops.list(IpBlock.class, query, "ipblocks");
  }

  /**
   * Every IP block of the contract, all pages read (1000 a page, the route's maximum): the API
   * lists 100 by default, so a single {@link #list()} of a contract with more shows only some.
   */
  public java.util.List<IpBlock> listAll(Query query) {
    return ops.listAll(IpBlock.class, query, 1000, "ipblocks");
  }

  public IpBlock get(String ipBlockId) {
    return ops.get(IpBlock.class, Query.depth(1), "ipblocks", ipBlockId);
  }

  /** Reserves a block; its {@code ips} are already in the answer. */
  public Accepted<IpBlock> reserve(IpBlock ipBlock) {
    return ops.post(IpBlock.class, ipBlock, "ipblocks");
  }

  /** Only {@code name} can change. */
  public Accepted<IpBlock> update(String ipBlockId, IpBlock.Properties changes) {
    return ops.patch(IpBlock.class, changes, "ipblocks", ipBlockId);
  }

  public Accepted<IpBlock> replace(String ipBlockId, IpBlock.Properties properties) {
    return ops.put(IpBlock.class, IpBlock.of(properties), "ipblocks", ipBlockId);
  }

  public Accepted<Void> release(String ipBlockId) {
    return ops.delete("ipblocks", ipBlockId);
  }
}
