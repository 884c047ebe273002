package com.profitbricks.architecture.sample.operator.kinds.beta;

/** The kind {@code AlphaOps} reaches into. */
public final class BetaOps {
  public int size() {
    return 1;
  }
}
