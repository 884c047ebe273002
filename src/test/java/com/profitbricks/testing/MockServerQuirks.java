package com.profitbricks.testing;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On each test class that runs an operator ({@code @ExtendWith}; a global registration would need
 * JUnit configuration that replaces Quarkus' own, whose class orderer keeps test profiles
 * together): Awaitility stops failing a wait on an uncaught exception of another thread. The one
 * such exception seen here comes from the operator SDK 5.3.2 after removing a finalizer against the
 * Fabric8 mock API server, which answers the patch that lets the object go without a body:
 * ResourceID.fromResource(null) throws, the SDK then schedules a retry on a timer task already
 * scheduled, and that IllegalStateException is uncaught in its executor. The object is gone by
 * then; a real API server answers with the object. Our own reconcilers' exceptions never reach this
 * path (the SDK catches them).
 */
public final class MockServerQuirks implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    Awaitility.doNotCatchUncaughtExceptionsByDefault();
  }
}
