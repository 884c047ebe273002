package com.profitbricks.testing;

/**
 * The name the tests knew the in-JVM Kubernetes API by: it is now {@link StrictKubernetes}, which
 * refuses what a real API server refuses. Kept so that code written against the old name still
 * compiles (and runs strictly).
 *
 * @deprecated use {@link StrictKubernetes}
 */
@Deprecated
public final class MockKubernetes extends StrictKubernetes {}
