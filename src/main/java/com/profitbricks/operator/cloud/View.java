package com.profitbricks.operator.cloud;

/** A view read from the cloud, and when its read began: it shows everything that ended before. */
record View<T>(T value, long atNanos) {}
