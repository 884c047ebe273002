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

  /**
   * The object's write waits for its turn of the account's rate limit: nothing is written, the rate
   * limiter wakes the object when its turn has come, {@code backstop} in case that wake is lost.
   */
  static Step queued(Duration backstop) {
    return new Step(null, backstop);
  }
}
