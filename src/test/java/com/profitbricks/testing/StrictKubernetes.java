package com.profitbricks.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.profitbricks.testing.strict.Leniency;
import com.profitbricks.testing.strict.Refusal;
import com.profitbricks.testing.strict.StrictDispatcher;
import com.profitbricks.testing.strict.Subject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kubernetes API in this JVM that forgives nothing a real kube-apiserver would refuse (no Docker,
 * no kube-apiserver on these machines): the Fabric8 mock server's CRUD storage behind a request
 * pipeline of its own (see {@link StrictDispatcher}), with the operator's CRDs from {@code crds/}
 * and the namespace {@code default}.
 *
 * <ul>
 *   <li>Who asks: a bearer token from {@link #tokenFor} is that subject (a ServiceAccount's {@code
 *       system:serviceaccount:<ns>:<name>}); no token or another one is the cluster admin, the test
 *       playing the user ({@link #client()}).
 *   <li>RBAC: the Roles, ClusterRoles and bindings stored (e.g. by {@link #apply} of what {@code
 *       kubectl kustomize deploy/base} renders) decide every subject's request; a refusal is the
 *       403 Status kube-apiserver sends, and is recorded ({@link #refusals()}).
 *   <li>Self reviews: SelfSubjectRulesReview and SelfSubjectAccessReview answered from the same
 *       rules (the operator SDK checks its lease rights with the former).
 *   <li>Optimistic concurrency: a PUT or a PATCH (merge or JSON) carrying a resourceVersion other
 *       than the stored one gets 409 Conflict, for every kind.
 *   <li>Admission of custom resources against their stored CRD: pruning, defaults, structural
 *       schema validation and CEL rules (transition rules on update), 422 Invalid with the field
 *       causes; /status writes change only status, main writes never status; strategic merge
 *       patches refused with 415; creates in a namespace that does not exist refused with 404.
 *   <li>Discovery ({@code /api}, {@code /apis}, ...), OpenAPI v3 and server-side tables, so kubectl
 *       works with {@link #writeKubeconfig}: get (with the CRDs' printer columns), apply, create,
 *       patch, label, wait, explain, delete. Not server-side apply (415).
 * </ul>
 *
 * <p>Every request is also recorded ({@link #takeRequests()}), so a test can see what a client with
 * a given User-Agent or token asked for.
 */
public class StrictKubernetes implements AutoCloseable {
  public static final List<String> PLURALS =
      List.of("pbdatacenters", "pblans", "pbipblocks", "pbvolumes", "pbservers", "pbnics");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Held so the level stays: the server logs every request at INFO, a line per call. */
  private static final java.util.logging.Logger QUIET =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final StrictDispatcher dispatcher;
  private final KubernetesClient client;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final AtomicInteger issued = new AtomicInteger();

  /**
   * The API with the operator's CRDs and the namespace {@code default}, refusing all it should but
   * what {@code tolerated} names (each a known difference to fix; see {@link Leniency}).
   */
  public StrictKubernetes(Leniency... tolerated) {
    QUIET.setLevel(java.util.logging.Level.WARNING);
    MockWebServer web = new MockWebServer();
    dispatcher =
        new StrictDispatcher(
            () -> "localhost:" + web.getPort(),
            tolerated.length == 0
                ? EnumSet.noneOf(Leniency.class)
                : EnumSet.copyOf(List.of(tolerated)));
    server =
        new KubernetesMockServer(
            // HTTPS as on a cluster: kubectl (client-go) sends no bearer token over plain HTTP
            new Context(Serialization.jsonMapper()), web, new HashMap<>(), dispatcher, true);
    server.init();
    client = server.createClient();
    client
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName("default")
                .endMetadata()
                .build())
        .create();
    for (String plural : PLURALS) {
      try {
        apply(read(Path.of("crds", plural + ".profitbricks.com-v1.yml")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The client of whoever plays the user (kubectl): the cluster admin. */
  public KubernetesClient client() {
    return client;
  }

  /** A client of the admin whose requests carry this User-Agent. */
  public KubernetesClient clientAs(String userAgent) {
    Config config = new ConfigBuilder(client.getConfiguration()).withUserAgent(userAgent).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * A client that authenticates as {@code subject} (e.g. {@code
   * system:serviceaccount:profitbricks-operator:profitbricks-operator}): RBAC decides what it may.
   */
  public KubernetesClient clientFor(String subject) {
    return new KubernetesClientBuilder().withConfig(configFor(subject)).build();
  }

  /**
   * The configuration of {@link #clientFor}: the server, the subject's token, namespace default.
   */
  public Config configFor(String subject) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(config().getMasterUrl())
        .withTrustCerts(true)
        .withNamespace("default")
        .withOauthToken(tokenFor(subject))
        .withUserAgent(subject)
        .withRequestRetryBackoffLimit(0)
        .build();
  }

  /** The bearer token that authenticates as {@code subject} (the same each time). */
  public String tokenFor(String subject) {
    Subject s = Subject.of(subject);
    return tokens.computeIfAbsent(
        s.name(),
        n -> {
          String token =
              "strict-" + issued.incrementAndGet() + "-" + Integer.toHexString(n.hashCode());
          dispatcher.authenticate(token, s);
          return token;
        });
  }

  /**
   * Writes a kubeconfig that reaches this API as {@code subject} (null: as the admin), for kubectl
   * or a process of its own (KUBECONFIG). The server's certificate is self-signed, so the
   * kubeconfig skips its verification.
   */
  public Path writeKubeconfig(Path file, String subject) throws IOException {
    String token = subject == null ? "strict-admin" : tokenFor(subject);
    String user = subject == null ? "admin" : subject;
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: strict
            cluster: {server: "%s", insecure-skip-tls-verify: true}
        contexts:
          - name: strict
            context: {cluster: strict, user: "%s", namespace: default}
        current-context: strict
        users:
          - name: "%s"
            user: {token: "%s"}
        """
            .formatted(config().getMasterUrl().replaceAll("/$", ""), user, user, token));
    return file;
  }

  public Config config() {
    return client.getConfiguration();
  }

  /**
   * Creates each object as the admin, as {@code kubectl apply} would for a fresh install (an object
   * that exists is replaced); namespaced objects without a namespace go to {@code
   * defaultNamespace}, which is created when missing. Roles and bindings among them take effect at
   * once.
   */
  public void apply(List<JsonNode> objects, String defaultNamespace) {
    for (JsonNode o : objects) {
      GenericKubernetesResource r =
          Serialization.jsonMapper().convertValue(o, GenericKubernetesResource.class);
      if (r.getMetadata().getNamespace() == null && defaultNamespace != null && namespaced(r)) {
        r.getMetadata().setNamespace(defaultNamespace);
      }
      if (r.getMetadata().getNamespace() != null) {
        ensureNamespace(r.getMetadata().getNamespace());
      }
      try {
        client.resource(r).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        // kubectl apply would patch; an update needs the stored resourceVersion
        GenericKubernetesResource stored = client.resource(r).get();
        r.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
        client.resource(r).update();
      }
    }
  }

  /** {@link #apply(List, String)} of objects that all name their namespace where they need one. */
  public void apply(List<JsonNode> objects) {
    apply(objects, null);
  }

  /** Creates a namespace unless it exists (a real API refuses objects in a missing one). */
  public void ensureNamespace(String name) {
    if (client.namespaces().withName(name).get() == null) {
      client
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .endMetadata()
                  .build())
          .create();
    }
  }

  /** Every request this API refused (403, 409, 415, 422, ...) so far, oldest first. */
  public List<Refusal> refusals() {
    return dispatcher.refusals();
  }

  /** The refusals of one subject with one status code (e.g. 403 of the operator). */
  public List<Refusal> refusals(String subject, int code) {
    String name = Subject.of(subject).name();
    return refusals().stream().filter(r -> r.subject().equals(name) && r.code() == code).toList();
  }

  /**
   * The warnings a real server would also have sent (fields unknown to a CRD's schema, dropped
   * before storing), each with the request it was about.
   */
  public List<String> warnings() {
    return dispatcher.warnings();
  }

  /** What a {@link Leniency} let pass that a real API server would have refused, oldest first. */
  public List<String> tolerated() {
    return dispatcher.tolerated();
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

  /** The objects of a YAML file (several documents). */
  public static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (var p = YAML.getFactory().createParser(file.toFile())) {
      for (var it = YAML.readValues(p, JsonNode.class); it.hasNext(); ) {
        JsonNode n = it.next();
        if (n != null && n.has("kind")) {
          out.add(n);
        }
      }
    }
    return out;
  }

  private boolean namespaced(GenericKubernetesResource r) {
    return !List.of(
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "PersistentVolume",
            "StorageClass")
        .contains(r.getKind());
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
