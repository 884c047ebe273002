package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Contract;

/** {@code /contracts}: the contracts of the credentials and their resource limits. */
public final class ContractApi {
  private final Ops ops;

  ContractApi(Ops ops) {
    this.ops = ops;
  }

  public Collection<Contract> list() {
    return ops.list(Contract.class, Query.depth(1), "contracts");
  }
}
