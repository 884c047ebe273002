package com.profitbricks.operator.engine;

import com.profitbricks.operator.status.Outcome;
import java.time.Duration;

/** The result of one pass: how the object stands, and when to look again (null: on change only). */
record Step(Outcome outcome, Duration next) {}
