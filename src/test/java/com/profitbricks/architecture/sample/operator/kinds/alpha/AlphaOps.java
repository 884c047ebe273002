package com.profitbricks.architecture.sample.operator.kinds.alpha;

import com.profitbricks.architecture.sample.operator.kinds.beta.BetaOps;

/** A kind that reaches into another: what the kind rule must refuse. */
public final class AlphaOps {
  public int size() {
    return new BetaOps().size() + 1;
  }
}
