package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process fake of the Cloud API v6 speaking real HTTP: the envelope, status codes,
 * asynchronous requests, validation, rate-limit headers and faults on demand. It works on JSON
 * trees and shares no class with the client.
 *
 * <pre>{@code
 * try (CloudSimulator sim = new CloudSimulator(SimConfig.builder().build())) {
 *   String baseUrl = sim.start();          // http://127.0.0.1:<port>/cloudapi/v6
 *   sim.faults().failRequests("POST", "/datacenters", 1, "out of capacity");
 *   ...
 *   sim.calls().count("POST", "/datacenters");
 * }
 * }</pre>
 *
 * Admin endpoints (no credentials needed), under a path the real API does not use: {@code GET
 * /_sim/calls}, {@code GET /_sim/counters}, {@code POST /_sim/calls/reset}, {@code GET
 * /_sim/state}, {@code POST /_sim/reset}, {@code POST /_sim/faults} (a JSON fault, see {@link
 * AdminApi}), {@code DELETE /_sim/faults}, {@code POST /_sim/requests/release}.
 */
public final class CloudSimulator implements AutoCloseable {
  static final String BASE_PATH = "/cloudapi/v6";
  private static final System.Logger LOG = System.getLogger("com.profitbricks.simulator");

  private final SimConfig config;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Faults faults;
  private final CallLog calls = new CallLog();
  private final Store store;
  private final RequestEngine engine;
  private final CloudApi api;
  private final AdminApi admin;
  private final Object lock = new Object();
  private final ArrayDeque<Long> window = new ArrayDeque<>();
  private HttpServer server;
  private ExecutorService executor;
  private String baseUrl;

  public CloudSimulator(SimConfig config) {
    this.config = config;
    this.faults = new Faults(config.seed());
    this.store = new Store(mapper, new Catalog(), config.seed());
    this.engine = new RequestEngine(System::currentTimeMillis, faults);
    this.api = new CloudApi(store, engine, faults, config, System::currentTimeMillis);
    this.admin = new AdminApi(this, mapper);
  }

  /**
   * Starts serving and answers the API base URL, e.g. {@code http://127.0.0.1:8090/cloudapi/v6}.
   */
  public synchronized String start() {
    if (server != null) {
      return baseUrl;
    }
    try {
      server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    AtomicInteger n = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "cloud-simulator-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    baseUrl = "http://" + config.host() + ":" + server.getAddress().getPort() + BASE_PATH;
    synchronized (lock) {
      store.baseUrl = baseUrl;
    }
    return baseUrl;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public Faults faults() {
    return faults;
  }

  public CallLog calls() {
    return calls;
  }

  /**
   * Sets one of the contract's resource limits ({@code coresPerServer}, {@code coresPerContract},
   * {@code ramPerServer}, {@code ramPerContract}, {@code hddLimitPerVolume}, {@code
   * hddLimitPerContract}, {@code ssdLimitPerVolume}, {@code ssdLimitPerContract}, {@code
   * reservableIps}, …): reported by {@code GET /contracts}, and a create or growth over it is taken
   * and its request ends FAILED. {@link #reset()} puts the defaults back.
   */
  public void limit(String name, long value) {
    synchronized (lock) {
      store.quotas.set(name, value);
    }
  }

  /** Puts every resource limit back to its default. */
  public void resetLimits() {
    synchronized (lock) {
      store.quotas.reset();
    }
  }

  /** Forgets every resource, request, fault and logged call. */
  public void reset() {
    synchronized (lock) {
      store.clear();
      engine.clear();
    }
    faults.clear();
    calls.reset();
  }

  /** Resources that exist now (datacenters with everything inside, IP blocks, snapshots). */
  public long resourceCount() {
    synchronized (lock) {
      engine.advance();
      return store.resourceCount();
    }
  }

  /**
   * When a request ended (DONE or FAILED), or null while it runs or for an unknown id: what a
   * benchmark measures the operator's lag from.
   */
  public java.time.Instant requestDoneAt(String requestId) {
    synchronized (lock) {
      engine.advance();
      RequestEngine.SimRequest r = engine.anyRequest(requestId);
      return r == null || r.doneAtMs == 0 ? null : java.time.Instant.ofEpochMilli(r.doneAtMs);
    }
  }

  /**
   * When the last request that touched a resource ended (its own create, or another's that made it
   * BUSY, such as a NIC added to a server), or null: a benchmark measures lag from it. A LAN is
   * named {@code <datacenter id>/<LAN number>}.
   */
  public java.time.Instant lastRequestDoneAt(String resourceId) {
    synchronized (lock) {
      engine.advance();
      Long at = engine.lastDoneAt.get(resourceId);
      return at == null ? null : java.time.Instant.ofEpochMilli(at);
    }
  }

  /** Requests not yet DONE or FAILED. */
  public long pendingRequests() {
    synchronized (lock) {
      engine.advance();
      return engine.pendingCount();
    }
  }

  /**
   * Every datacenter rendered at full depth, plus IP blocks and snapshots: for assertions. It shows
   * what late visibility hides from the API, since that exists in the cloud.
   */
  public ObjectNode dump() {
    synchronized (lock) {
      engine.advance();
      ObjectNode o = mapper.createObjectNode();
      ArrayNode dcs = o.putArray("datacenters");
      store.datacenters.values().forEach(dc -> dcs.add(store.renderAll(dc, 10)));
      ArrayNode blocks = o.putArray("ipblocks");
      store.ipBlocks.values().forEach(b -> blocks.add(store.renderAll(b, 0)));
      ArrayNode snaps = o.putArray("snapshots");
      store.snapshots.values().forEach(s -> snaps.add(store.renderAll(s, 0)));
      return o;
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getRawPath();
      if (path.startsWith("/_sim")) {
        CloudApi.Reply r =
            admin.handle(ex.getRequestMethod(), path.substring(5), HttpInput.readBody(ex));
        send(ex, r, false);
        return;
      }
      serveApi(ex, path);
    } catch (RuntimeException | IOException e) {
      LOG.log(
          Level.WARNING,
          "simulator failed on " + ex.getRequestMethod() + " " + ex.getRequestURI(),
          e);
      try {
        send(ex, error(500, "301", "Oops! Something went very wrong."), true);
      } catch (IOException ignored) {
        // the connection is gone already
      }
    } finally {
      ex.close();
    }
  }

  private void serveApi(HttpExchange ex, String rawPath) throws IOException {
    String method = ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    String rawQuery = ex.getRequestURI().getRawQuery();
    if (!rawPath.equals(BASE_PATH) && !rawPath.startsWith(BASE_PATH + "/")) {
      finish(
          ex,
          method,
          rawPath,
          "unknown",
          rawQuery,
          error(404, "309", "Resource does not exist: no API at " + rawPath));
      return;
    }
    String path = rawPath.substring(BASE_PATH.length());
    if (path.isEmpty()) {
      path = "/";
    }
    CloudApi.Match match = api.match(method, path);
    String route = match == null ? "unknown" : match.route().template();
    String user = HttpInput.authenticate(config, ex.getRequestHeaders().getFirst("Authorization"));
    if (user == null) {
      finish(ex, method, path, route, rawQuery, error(401, "315", "Unauthorized"));
      return;
    }
    if (match == null) {
      finish(
          ex, method, path, route, rawQuery, error(404, "309", "Resource does not exist: " + path));
      return;
    }
    CloudApi.Reply refused = refusal(method, route, match);
    if (refused != null) {
      finish(ex, method, path, route, rawQuery, refused);
      return;
    }
    if (!latency(method, route)) {
      return;
    }
    refused = throttled(method, route);
    if (refused != null) {
      finish(ex, method, path, route, rawQuery, refused);
      return;
    }
    CloudApi.Reply reply = dispatch(ex, method, path, rawQuery, match, user);
    if (!method.equals("GET") && reply.status() < 300 && faults.dropFor(method, route)) {
      calls.add(new CallLog.Call(Instant.now(), method, path, route, rawQuery, 0, body(ex)));
      LOG.log(Level.DEBUG, "dropping the answer to {0} {1} on purpose", method, path);
      return; // ex.close() without an answer closes the connection
    }
    if (!method.equals("GET") && reply.status() < 300 && faults.garbleFor(method, route)) {
      reply =
          new CloudApi.Reply(
              reply.status(),
              com.fasterxml.jackson.databind.node.TextNode.valueOf("<html>Bad gateway</html>"),
              reply.headers());
    }
    finish(ex, method, path, route, rawQuery, reply);
  }

  /** Runs the route's handler under the simulator's lock; an ApiError is its answer. */
  private CloudApi.Reply dispatch(
      HttpExchange ex,
      String method,
      String path,
      String rawQuery,
      CloudApi.Match match,
      String user)
      throws IOException {
    String route = match.route().template();
    String body = HttpInput.readBody(ex);
    ex.setAttribute(BODY, body); // for the call log
    CloudApi.Reply reply;
    try {
      CloudApi.Ctx ctx =
          new CloudApi.Ctx(
              method,
              route,
              match.params(),
              HttpInput.parseQuery(rawQuery),
              HttpInput.parseJson(mapper, body),
              HttpInput.parseForm(body, ex),
              body,
              HttpInput.headers(ex),
              baseUrl + path + (rawQuery == null ? "" : "?" + rawQuery),
              user);
      synchronized (lock) {
        engine.advance();
        reply = match.route().handler().apply(ctx);
      }
    } catch (ApiError e) {
      reply = error(e.status, e.errorCode, e.getMessage());
    }
    return reply;
  }

  private static final String BODY = "profitbricks.simulator.body";

  private static String body(HttpExchange ex) {
    Object body = ex.getAttribute(BODY);
    return body == null || body.toString().isEmpty() ? null : body.toString();
  }

  /** The answer to a request the API refuses before looking at it: no handler, no privilege. */
  private CloudApi.Reply refusal(String method, String route, CloudApi.Match match) {
    if (match.route().handler() == null) {
      return error(405, "305", "Method " + method + " is not allowed on " + route);
    }
    if (faults.deniedFor(method, route)) {
      return error(
          403,
          "315",
          "[VDC-3-1] Access Denied! You don't have the privilege to " + method + " " + route);
    }
    return null;
  }

  /** Waits out the injected latency; false when interrupted (the request is then dropped). */
  private boolean latency(String method, String route) {
    Duration latency = faults.latencyFor(method, route);
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** A 429 of the rate limit or an injected failure, or null. */
  private CloudApi.Reply throttled(String method, String route) {
    int retryAfter = faults.rateLimitFor();
    if (retryAfter >= 0) {
      CloudApi.Reply r = error(429, "429", "Rate limit exceeded: too many requests, retry later");
      return new CloudApi.Reply(429, r.body(), Map.of("Retry-After", Integer.toString(retryAfter)));
    }
    int forced = faults.errorFor(method, route);
    if (forced > 0) {
      return error(
          forced, forced >= 500 ? "301" : "100", "Injected failure: the server answered " + forced);
    }
    return null;
  }

  private void finish(
      HttpExchange ex, String method, String path, String route, String query, CloudApi.Reply reply)
      throws IOException {
    calls.add(
        new CallLog.Call(Instant.now(), method, path, route, query, reply.status(), body(ex)));
    send(ex, reply, true);
  }

  private void send(HttpExchange ex, CloudApi.Reply reply, boolean rateHeaders) throws IOException {
    var h = ex.getResponseHeaders();
    reply.headers().forEach(h::set);
    if (rateHeaders) {
      int remaining = remaining();
      h.set("X-RateLimit-Limit", Integer.toString(config.rateLimitPerMinute()));
      h.set("X-RateLimit-Remaining", Integer.toString(remaining));
      h.set("X-RateLimit-Burst", Integer.toString(config.rateLimitBurst()));
    }
    byte[] bytes = reply.body() == null ? new byte[0] : mapper.writeValueAsBytes(reply.body());
    if (bytes.length > 0) {
      h.set("Content-Type", "application/json");
    }
    ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Calls left in the current minute, as X-RateLimit-Remaining reports. */
  private synchronized int remaining() {
    long now = System.currentTimeMillis();
    window.addLast(now);
    while (!window.isEmpty() && window.peekFirst() < now - 60_000) {
      window.pollFirst();
    }
    return Math.max(0, config.rateLimitPerMinute() - window.size());
  }

  CloudApi.Reply error(int status, String code, String message) {
    ObjectNode o = mapper.createObjectNode();
    o.put("httpStatus", status);
    ObjectNode m = o.putArray("messages").addObject();
    m.put("errorCode", code);
    m.put("message", message);
    return new CloudApi.Reply(status, o, Map.of());
  }

  // package access for the admin endpoint
  Object lock() {
    return lock;
  }

  List<CallLog.Call> callList() {
    return calls.calls();
  }
}
