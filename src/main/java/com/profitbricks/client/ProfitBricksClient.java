package com.profitbricks.client;

import com.profitbricks.client.model.ApiInfo;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The Cloud API v6 client: the Java counterpart of the ProfitBricks Python SDK. Thread-safe; one
 * instance per set of credentials, shared by all callers so they share its rate limiter and
 * connection pool.
 *
 * <pre>{@code
 * ProfitBricksClient pb = ProfitBricksClient.builder()
 *     .credentials(Credentials.basic("user@example.com", "secret"))
 *     .build();
 * Accepted<Datacenter> dc = pb.datacenters().create(
 *     Datacenter.of(Datacenter.Properties.create("demo", "de/fra", "made with Java")));
 * pb.requests().waitForCompletion(dc);
 * }</pre>
 */
public final class ProfitBricksClient implements AutoCloseable {
  /** The production endpoint of the Cloud API v6. */
  public static final String DEFAULT_BASE_URL = "https://api.ionos.com/cloudapi/v6";

  private final HttpUrl baseUrl;
  private final String userAgent;
  private final Ops ops;
  private final DatacenterApi datacenters;
  private final ServerApi servers;
  private final VolumeApi volumes;
  private final SnapshotApi snapshots;
  private final NicApi nics;
  private final FirewallRuleApi firewallRules;
  private final LanApi lans;
  private final LoadBalancerApi loadBalancers;
  private final IpBlockApi ipBlocks;
  private final LocationApi locations;
  private final ImageApi images;
  private final RequestApi requests;
  private final LabelApi labels;
  private final ContractApi contracts;
  private final Sleeper sleeper;

  private ProfitBricksClient(HttpUrl baseUrl, String userAgent, Ops ops, Sleeper sleeper) {
    this.baseUrl = baseUrl;
    this.userAgent = userAgent;
    this.ops = ops;
    this.sleeper = sleeper;
    this.datacenters = new DatacenterApi(ops);
    this.servers = new ServerApi(ops);
    this.volumes = new VolumeApi(ops);
    this.snapshots = new SnapshotApi(ops);
    this.nics = new NicApi(ops);
    this.firewallRules = new FirewallRuleApi(ops);
    this.lans = new LanApi(ops);
    this.loadBalancers = new LoadBalancerApi(ops);
    this.ipBlocks = new IpBlockApi(ops);
    this.locations = new LocationApi(ops);
    this.images = new ImageApi(ops);
    this.requests = new RequestApi(ops, sleeper);
    this.labels = new LabelApi(ops);
    this.contracts = new ContractApi(ops);
  }

  private static ProfitBricksClient from(Builder b) {
    HttpUrl baseUrl =
        HttpUrl.get(
            b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl);
    String userAgent =
        (b.userAgentPrefix == null ? "" : b.userAgentPrefix + " ")
            + "profitbricks-operator/"
            + version();
    OkHttpClient http =
        (b.okHttpClient == null ? new OkHttpClient() : b.okHttpClient)
            .newBuilder()
            .connectTimeout(b.connectTimeout)
            .readTimeout(b.readTimeout)
            .writeTimeout(b.readTimeout)
            .callTimeout(b.callTimeout)
            // retries are this client's decision: OkHttp must never resend a POST by itself
            .retryOnConnectionFailure(false)
            .build();
    HttpTransport transport =
        new HttpTransport(
            http,
            baseUrl,
            b.credentials,
            b.contractNumber,
            userAgent,
            b.retryPolicy,
            b.rateLimiter,
            b.sleeper,
            b.observer,
            JsonSupport.newMapper(),
            new CloudClock(b.clock));
    return new ProfitBricksClient(baseUrl, userAgent, new Ops(transport), b.sleeper);
  }

  /**
   * The same client (connection pool, credentials, rate limiter), whose every call appends {@code
   * marker} to its User-Agent: {@code "<user agent> <marker>"}. The cloud records the User-Agent of
   * each request in its request log, where {@code GET /requests?depth=1&filter.headers=<marker>}
   * finds it again, e.g. the create of a resource whose answer was lost. The marker must be one
   * User-Agent product or comment token: printable ASCII without spaces.
   *
   * @throws IllegalArgumentException for a blank marker or one with spaces or control characters
   */
  public ProfitBricksClient onBehalfOf(String marker) {
    if (marker == null || marker.isBlank() || !marker.matches("[\\x21-\\x7e]{1,200}")) {
      throw new IllegalArgumentException(
          "a User-Agent marker is 1 to 200 printable ASCII characters without spaces: " + marker);
    }
    return new ProfitBricksClient(baseUrl, userAgent, ops.withMarker(marker), sleeper);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The version of this client, as sent in the User-Agent. */
  public static String version() {
    try (InputStream in =
        ProfitBricksClient.class.getResourceAsStream("/profitbricks-client.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through to the default
    }
    return "dev";
  }

  /**
   * Stops the client's background work (the rate limiter's write turns) and drops its idle
   * connections; clients made from it with an owner marker share these and are done with too.
   */
  @Override
  public void close() {
    ops.transport().close();
  }

  public String baseUrl() {
    return baseUrl.toString();
  }

  public String userAgent() {
    return userAgent;
  }

  /**
   * The cloud's clock as the answers so far showed it (their {@code Date} headers): what times
   * recorded by the cloud, such as a request's {@code createdDate}, are to be compared with. Shared
   * by every {@link #onBehalfOf} view of this client.
   */
  /**
   * The credentials the next call sends: with a rotating source (a mounted Secret), its value now.
   *
   * @throws CredentialsUnavailableException the source has none
   */
  public Credentials credentials() {
    return ops.transport().credentials();
  }

  public CloudClock cloudClock() {
    return ops.transport().clock();
  }

  /**
   * How long a call waits for its answer once sent. A create whose answer did not come may still be
   * taken by the cloud that long after it was sent (and a little later: the cloud does not know the
   * client stopped waiting).
   */
  public Duration readTimeout() {
    return ops.transport().readTimeout();
  }

  /**
   * Whether the calling thread may send a write now without waiting for the rate limiter: true
   * gives it a turn its next write (POST, PATCH, PUT, DELETE) takes; false queues {@code key} and
   * runs {@code wake} when its turn is set aside, which a later call with the same key takes. Reads
   * go ahead of queued writes; the queued writers of one {@code group} (the datacenter they write
   * into, null for none) are served together. A thread that got a turn and sends nothing gives it
   * back with {@link #releaseTurn()}.
   */
  public boolean writeTurn(String key, String group, Runnable wake) {
    return ops.transport().limiter().writeTurn(key, group, wake);
  }

  /** Gives back a turn of {@link #writeTurn} this thread holds and did not use. */
  public void releaseTurn() {
    ops.transport().limiter().releaseTurn();
  }

  /** {@code GET /}: the API's name and version; a cheap credentials check. */
  public ApiInfo info() {
    return ops.get(ApiInfo.class, Query.NONE);
  }

  public DatacenterApi datacenters() {
    return datacenters;
  }

  public ServerApi servers() {
    return servers;
  }

  public VolumeApi volumes() {
    return volumes;
  }

  public SnapshotApi snapshots() {
    return snapshots;
  }

  public NicApi nics() {
    return nics;
  }

  public FirewallRuleApi firewallRules() {
    return firewallRules;
  }

  public LanApi lans() {
    return lans;
  }

  public LoadBalancerApi loadBalancers() {
    return loadBalancers;
  }

  public IpBlockApi ipBlocks() {
    return ipBlocks;
  }

  public LocationApi locations() {
    return locations;
  }

  public ImageApi images() {
    return images;
  }

  public RequestApi requests() {
    return requests;
  }

  public LabelApi labels() {
    return labels;
  }

  public ContractApi contracts() {
    return contracts;
  }

  /** Settings of a client. Only credentials are required. */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private Supplier<Credentials> credentials;
    private String contractNumber;
    private String userAgentPrefix;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration callTimeout = Duration.ofSeconds(90);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RateLimiter rateLimiter = new TokenBucketRateLimiter(10, 20);
    private OkHttpClient okHttpClient;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private CallObserver observer = CallObserver.NONE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder baseUrl(String url) {
      this.baseUrl = Objects.requireNonNull(url, "baseUrl");
      return this;
    }

    public Builder credentials(Credentials c) {
      Objects.requireNonNull(c, "credentials");
      this.credentials = () -> c;
      return this;
    }

    /** Asked before every call, so rotated credentials are used without a new client. */
    public Builder credentials(Supplier<Credentials> supplier) {
      this.credentials = Objects.requireNonNull(supplier, "credentials");
      return this;
    }

    /** Sent as {@code X-Contract-Number}, for users with several contracts. */
    public Builder contractNumber(String contractNumber) {
      this.contractNumber = contractNumber;
      return this;
    }

    /** Put before {@code profitbricks-operator/<version>}, like the SDK's client_user_agent. */
    public Builder userAgentPrefix(String prefix) {
      this.userAgentPrefix = prefix;
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    public Builder readTimeout(Duration d) {
      this.readTimeout = d;
      return this;
    }

    public Builder callTimeout(Duration d) {
      this.callTimeout = d;
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy);
      return this;
    }

    public Builder rateLimiter(RateLimiter limiter) {
      this.rateLimiter = Objects.requireNonNull(limiter);
      return this;
    }

    /** A caller's OkHttpClient (proxy, TLS, interceptors); timeouts above are applied to a copy. */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttpClient = client;
      return this;
    }

    /**
     * The local clock {@link ProfitBricksClient#cloudClock()} corrects by the cloud's {@code Date}
     * headers (default: the system clock).
     */
    public Builder clock(Clock local) {
      this.clock = Objects.requireNonNull(local);
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    /** Told of every exchange (metrics); {@link CallObserver#NONE} by default. */
    public Builder observer(CallObserver observer) {
      this.observer = Objects.requireNonNull(observer);
      return this;
    }

    public ProfitBricksClient build() {
      if (credentials == null) {
        throw new IllegalStateException(
            "credentials are required: Credentials.basic(user, password) or"
                + " Credentials.token(token)");
      }
      return ProfitBricksClient.from(this);
    }
  }
}
