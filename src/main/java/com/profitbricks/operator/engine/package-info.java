/**
 * How any kind is reconciled, without knowing which: a pass runs its gates in order (pause, a pass
 * asked for, validation, terminal stall, parent, the request in flight, references, adopt, recover,
 * create, observe, busy, immutable drift, patch, converge, ready), the finalizer deletes by the
 * same rules, failures map to conditions and backoff, and objects are woken by their requests and
 * annotations. A kind plugs in through {@link com.profitbricks.operator.engine.KindOps}.
 *
 * <p>A change here changes every kind; it needs no change in a kind as long as {@code KindOps}
 * keeps its contract. Nothing here imports a kind.
 */
package com.profitbricks.operator.engine;
