package com.profitbricks.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes API in this JVM: the Fabric8 mock server in CRUD mode with the operator's CRDs from
 * {@code crds/} (no Docker, no kube-apiserver on these machines). It records every request, so a
 * test can see what a client with a given User-Agent asked for.
 */
public final class MockKubernetes implements AutoCloseable {
  public static final List<String> PLURALS =
      List.of("pbdatacenters", "pblans", "pbipblocks", "pbvolumes", "pbservers", "pbnics");

  /** Held so the level stays: the server logs every request at INFO, a line per call. */
  private static final java.util.logging.Logger QUIET =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public MockKubernetes() {
    QUIET.setLevel(java.util.logging.Level.WARNING);
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    client = server.createClient();
    for (String plural : PLURALS) {
      try (FileInputStream in =
          new FileInputStream(Path.of("crds", plural + ".profitbricks.com-v1.yml").toFile())) {
        client.load(in).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The client of whoever plays the user (kubectl). */
  public KubernetesClient client() {
    return client;
  }

  /** A client of its own whose requests carry this User-Agent. */
  public KubernetesClient clientAs(String userAgent) {
    Config config = new ConfigBuilder(client.getConfiguration()).withUserAgent(userAgent).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  public Config config() {
    return client.getConfiguration();
  }

  /** Every request received so far (each only once: they are taken off the record). */
  public List<RecordedRequest> takeRequests() {
    List<RecordedRequest> out = new ArrayList<>();
    try {
      for (RecordedRequest r; (r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null; ) {
        out.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
