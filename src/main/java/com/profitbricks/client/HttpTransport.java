package com.profitbricks.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one logical call: rate limiting, retries, error mapping and logging live here, once, so
 * every resource API behaves the same.
 */
final class HttpTransport {
  private static final System.Logger LOG = System.getLogger("com.profitbricks.client");
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Pattern REQUEST_ID = Pattern.compile("/requests/([-A-Fa-f0-9]+)/status");

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final Supplier<Credentials> credentials;
  private final String contractNumber;
  private final String userAgent;
  private final RetryPolicy retry;
  private final RateLimiter limiter;
  private final Sleeper sleeper;
  private final CallObserver observer;
  private final ObjectMapper mapper;
  private final CloudClock clock;

  HttpTransport(
      OkHttpClient http,
      HttpUrl baseUrl,
      Supplier<Credentials> credentials,
      String contractNumber,
      String userAgent,
      RetryPolicy retry,
      RateLimiter limiter,
      Sleeper sleeper,
      CallObserver observer,
      ObjectMapper mapper,
      CloudClock clock) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.credentials = credentials;
    this.contractNumber = contractNumber;
    this.userAgent = userAgent;
    this.retry = retry;
    this.limiter = limiter;
    this.sleeper = sleeper;
    this.observer = observer;
    this.mapper = mapper;
    this.clock = clock;
  }

  CloudClock clock() {
    return clock;
  }

  /** The credentials the next call sends (a rotating supplier's value now). */
  Credentials credentials() {
    try {
      return credentials.get();
    } catch (RuntimeException e) {
      throw new CredentialsUnavailableException(e.getMessage(), e);
    }
  }

  /** Stops the limiter's background work and drops idle connections. */
  void close() {
    limiter.close();
    http.connectionPool().evictAll();
  }

  RateLimiter limiter() {
    return limiter;
  }

  Duration readTimeout() {
    return Duration.ofMillis(http.readTimeoutMillis());
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** A call: method, path segments below the base URL, query and an optional body. */
  record Call(
      String method,
      List<String> path,
      Map<String, String> query,
      Object json,
      Map<String, String> form,
      String marker) {
    static Call get(List<String> path, Map<String, String> query) {
      return new Call("GET", path, query, null, null, null);
    }
  }

  /** The parts of an answer the APIs read. */
  record Answer(int status, Headers headers, byte[] body, String url) {
    String requestId() {
      String location = headers.get("Location");
      if (location == null) {
        return null;
      }
      Matcher m = REQUEST_ID.matcher(location);
      return m.find() ? m.group(1) : null;
    }

    URI statusUrl() {
      String location = headers.get("Location");
      try {
        return location == null ? null : URI.create(location);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  <T> T read(Call call, JavaType type) {
    Answer a = execute(call);
    return parse(a, type, call.method());
  }

  <T> Accepted<T> write(Call call, JavaType type) {
    Answer a = execute(call);
    T body;
    try {
      body = type == null || a.body().length == 0 ? null : parse(a, type, call.method());
    } catch (MalformedResponseException e) {
      if (call.method().equals("POST")) {
        // the cloud took it (2xx) but what it made cannot be read: as with a lost answer, it
        // must be looked up, never sent again
        throw new AmbiguousWriteException(
            "POST " + a.url() + " was taken (" + a.status() + ") but its answer cannot be read", e);
      }
      throw e;
    }
    return new Accepted<>(body, a.requestId(), a.statusUrl());
  }

  <T> T parse(Answer a, JavaType type, String method) {
    if (a.body().length == 0) {
      throw new MalformedResponseException(
          method + " " + a.url() + " answered " + a.status() + " with an empty body",
          a.status(),
          null);
    }
    try {
      JsonNode tree = mapper.readTree(a.body());
      if (tree == null || !tree.isObject()) {
        throw new MalformedResponseException(
            method + " " + a.url() + " answered " + a.status() + " with JSON that is not an object",
            a.status(),
            null);
      }
      return mapper.convertValue(tree, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new MalformedResponseException(
          method
              + " "
              + a.url()
              + " answered "
              + a.status()
              + " with a body that is not the expected JSON: "
              + e.getMessage(),
          a.status(),
          e);
    }
  }

  Answer execute(Call call) {
    HttpUrl url = url(call);
    if (!call.method().equals("GET") && Rehearsal.active()) {
      throw planned(call, url);
    }
    Request request = buildRequest(call, url);
    boolean safe = call.method().equals("GET");
    String route = route(call.path());
    for (int attempt = 1; ; attempt++) {
      acquirePermit(safe);
      long started = System.nanoTime();
      Answer answer = send(call, request, url, route, attempt, safe, started);
      if (answer == null) {
        continue; // no answer, and sending again is safe: send paused already
      }
      observed(call, url, route, attempt, started, answer);
      if (answer.status() < 400) {
        return answer;
      }
      pause(retryWait(call, url, answer, attempt, safe));
    }
  }

  /**
   * One attempt; null when it got no answer and may be sent again (after the backoff it waited),
   * else the answer, or the failure raised.
   */
  private Answer send(
      Call call,
      Request request,
      HttpUrl url,
      String route,
      int attempt,
      boolean safe,
      long started) {
    try (Response response = http.newCall(request).execute()) {
      clock.observe(response.headers().getDate("Date"));
      ResponseBody rb = response.body();
      return new Answer(
          response.code(),
          response.headers(),
          rb == null ? new byte[0] : rb.bytes(),
          url.toString());
    } catch (IOException e) {
      boolean notSent =
          e instanceof ConnectException
              || e instanceof UnknownHostException
              || e instanceof NoRouteToHostException;
      LOG.log(
          Level.DEBUG,
          "{0} {1} failed after {2} ms: {3}",
          call.method(),
          url.encodedPath(),
          elapsedMs(started),
          e.toString());
      observer.onCall(
          call.method(), route, 0, attempt, Duration.ofNanos(System.nanoTime() - started));
      if ((safe || notSent)
          && attempt < retry.maxAttempts()
          && !(e instanceof InterruptedIOException && Thread.currentThread().isInterrupted())) {
        pause(jittered(retry.backoff(attempt)));
        return null;
      }
      if (!notSent && call.method().equals("POST")) {
        throw new AmbiguousWriteException(
            "POST "
                + url
                + " got no answer ("
                + e
                + "); it may have been applied, so it was not sent again",
            e);
      }
      throw new TransportException(call.method() + " " + url + " failed: " + e, e);
    }
  }

  /** Tells the observer and the rate limiter of an answer, and logs it. */
  private void observed(
      Call call, HttpUrl url, String route, int attempt, long started, Answer answer) {
    observer.onCall(
        call.method(),
        route,
        answer.status(),
        attempt,
        Duration.ofNanos(System.nanoTime() - started));
    limiter.onResponse(
        ErrorAnswers.intHeader(answer.headers(), "X-RateLimit-Limit"),
        ErrorAnswers.intHeader(answer.headers(), "X-RateLimit-Remaining"),
        ErrorAnswers.intHeader(answer.headers(), "X-RateLimit-Burst"));
    LOG.log(
        Level.DEBUG,
        "{0} {1} -> {2} in {3} ms{4}",
        call.method(),
        url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery()),
        answer.status(),
        elapsedMs(started),
        answer.requestId() == null ? "" : " request " + answer.requestId());
  }

  /** How long to wait before sending an error answer's call again; raises the error if never. */
  private Duration retryWait(Call call, HttpUrl url, Answer answer, int attempt, boolean safe) {
    CloudApiException error = ErrorAnswers.toError(mapper, call.method(), answer);
    if (answer.status() >= 500 && call.method().equals("POST")) {
      // a 5xx on a POST (503 maintenance, a proxy's 502/504) does not say the cloud did not
      // take it: never resend it, treat it like a lost answer (look it up first)
      throw new AmbiguousWriteException(
          "POST "
              + url
              + " answered "
              + answer.status()
              + "; it may have been applied, so it was not sent again",
          error);
    }
    if (attempt < retry.maxAttempts()) {
      Duration wait = null;
      if (answer.status() == 429 || answer.status() == 503) {
        Duration retryAfter = ErrorAnswers.retryAfter(answer.headers());
        if (retryAfter == null) {
          wait = jittered(retry.backoff(attempt));
        } else if (retryAfter.compareTo(retry.maxRetryAfter()) <= 0) {
          wait = retryAfter;
        }
      } else if (answer.status() >= 500 && safe) {
        wait = jittered(retry.backoff(attempt));
      }
      if (wait != null) {
        return wait;
      }
    }
    throw error;
  }

  private static final Pattern ID =
      Pattern.compile(
          "[0-9]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** The path with ids as {@code {id}}: what {@link CallObserver} reports. */
  static String route(List<String> path) {
    StringBuilder b = new StringBuilder();
    for (String segment : path) {
      b.append('/').append(ID.matcher(segment).matches() ? "{id}" : segment);
    }
    return b.length() == 0 ? "/" : b.toString();
  }

  /** The write as it would have gone out, relative to the base URL, before any token is taken. */
  private PlannedWrite planned(Call call, HttpUrl url) {
    String path = "/" + String.join("/", call.path());
    String query = url.encodedQuery();
    Object body = call.json() != null ? call.json() : call.form();
    return new PlannedWrite(
        call.method(),
        query == null ? path : path + "?" + query,
        body == null ? null : mapper.valueToTree(body));
  }

  private HttpUrl url(Call call) {
    HttpUrl.Builder b = baseUrl.newBuilder();
    for (String segment : call.path()) {
      b.addPathSegment(segment);
    }
    if (call.path().isEmpty()) {
      b.addPathSegment(""); // the API root is {base}/, with the slash
    }
    if (call.query() != null) {
      call.query().forEach(b::addQueryParameter);
    }
    return b.build();
  }

  private Request buildRequest(Call call, HttpUrl url) {
    Request.Builder b =
        new Request.Builder()
            .url(url)
            .header(
                "User-Agent", call.marker() == null ? userAgent : userAgent + " " + call.marker())
            .header("Accept", "application/json");
    Credentials c = credentials();
    if (c != null) {
      b.header("Authorization", c.authorizationHeader());
    }
    if (contractNumber != null) {
      b.header("X-Contract-Number", contractNumber);
    }
    RequestBody body = null;
    if (call.json() != null) {
      byte[] bytes;
      try {
        bytes = mapper.writeValueAsBytes(call.json());
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot serialize request body: " + e.getMessage(), e);
      }
      if (LOG.isLoggable(Level.TRACE)) {
        LOG.log(
            Level.TRACE,
            "{0} {1} body {2}",
            call.method(),
            url.encodedPath(),
            JsonSupport.redact(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
      }
      body = RequestBody.create(bytes, JSON);
    } else if (call.form() != null) {
      FormBody.Builder f = new FormBody.Builder();
      call.form()
          .forEach(
              (k, v) -> {
                if (v != null) {
                  f.add(k, v);
                }
              });
      body = f.build();
    } else if (!call.method().equals("GET") && !call.method().equals("DELETE")) {
      body = RequestBody.create(new byte[0], null);
    }
    return b.method(call.method(), body).build();
  }

  private Duration jittered(Duration d) {
    if (retry.jitter() == 0 || d.isZero()) {
      return d;
    }
    double f = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * retry.jitter();
    return Duration.ofNanos((long) (d.toNanos() * f));
  }

  private void acquirePermit(boolean read) {
    try {
      if (read) {
        limiter.acquire();
      } else {
        limiter.acquireWrite();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while waiting for the rate limiter", e);
    }
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while waiting to retry", e);
    }
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
