package com.profitbricks.operator.engine;

import com.profitbricks.operator.status.Outcome;
import java.time.Duration;

/** The result of one pass: how the object stands, and when to look again (null: on change only). */
record Step(Outcome outcome, Duration next) {
  /**
   * The object already stands in a terminal state of this generation: nothing is written and
   * nothing is scheduled, so a stalled object costs no call until its spec changes.
   */
  static final Step UNCHANGED = new Step(null, null);
}
