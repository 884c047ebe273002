package com.profitbricks.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the operator ({@code profitbricks.*} in application.properties or env). */
@ConfigMapping(prefix = "profitbricks")
public interface OperatorConfig {
  Api api();

  /**
   * How often the cloud's request log is listed for changes somebody else made (one call for all
   * objects); a converged object in a datacenter or IP block a request touched is compared with the
   * cloud at once.
   */
  @WithDefault("5m")
  Duration driftInterval();

  /**
   * How often a converged object is compared with the cloud even when no request touched it (what
   * the cloud changes on its own leaves no request): one read per datacenter per interval.
   */
  @WithDefault("6h")
  Duration fullResyncInterval();

  Poll poll();

  Backoff backoff();

  /**
   * How long one read of the contract's resource limits ({@code GET /contracts}) serves the checks
   * made before creates and growth; a request that FAILED naming a limit reads them again sooner.
   */
  @WithDefault("60s")
  Duration contractLimitsTtl();

  /** How long one datacenter read (depth GET) serves the objects in that datacenter. */
  @WithDefault("2s")
  Duration readCacheTtl();

  /**
   * How long after a create whose answer was lost the request log is searched for it before
   * creating again: the record of a POST that is still in flight may appear late.
   */
  @WithDefault("60s")
  Duration recoveryWindow();

  /**
   * How long an object may wait for a reference (a PBLan, PBServer, PBIPBlock, PBVolume or Secret
   * that does not exist or has no cloud id yet) before it reports Stalled. It keeps looking: the
   * reference appearing later still completes it.
   */
  @WithDefault("10m")
  Duration progressDeadline();

  Simulator simulator();

  /** The Lease that elects the one replica that reconciles (prod profile). */
  LeaderElection leaderElection();

  /** Credentials per namespace (a Secret of a fixed name) and per object (spec.credentialsRef). */
  CredentialSecrets credentialSecrets();

  interface CredentialSecrets {
    /**
     * How long one read of a credentials Secret serves: a rotated Secret is used from the next read
     * on, with no restart.
     */
    @WithDefault("30s")
    Duration refresh();

    /**
     * Whether the Secret {@code profitbricks-credentials} in an object's namespace is looked for
     * (off: an object uses its spec.credentialsRef or the operator's own credentials).
     */
    @WithDefault("true")
    boolean namespaceDefault();

    /**
     * Whether a credentials Secret may name its own Cloud API URL (key {@code url}). Off by
     * default: whoever may write a Secret in a namespace could otherwise point the operator at any
     * endpoint its network reaches.
     */
    @WithDefault("false")
    boolean allowApiUrl();

    /**
     * Whether an object outside the operator's namespace must have credentials of its own (its
     * namespace's Secret or spec.credentialsRef): on, the operator's credentials are lent to no
     * other namespace, and an object without is refused (CredentialsMissing).
     */
    @WithDefault("false")
    boolean required();

    /**
     * How long a credential set no object uses is kept before its client, request tracker and cache
     * are closed.
     */
    @WithDefault("1m")
    Duration idleClose();
  }

  interface Api {
    /**
     * The Cloud API base URL; {@code embedded} starts the project's simulator in-process (the
     * default of the dev and test profiles).
     */
    @WithDefault("https://api.ionos.com/cloudapi/v6")
    String url();

    /** From PROFITBRICKS_USERNAME (a Secret). */
    Optional<String> username();

    /** From PROFITBRICKS_PASSWORD (a Secret). */
    Optional<String> password();

    /** From PROFITBRICKS_TOKEN (a Secret); used instead of username and password. */
    Optional<String> token();

    /**
     * A directory with files {@code username} and {@code password}, or {@code token} (a Secret
     * mounted as a volume). Read again when they change, so a rotated Secret needs no restart.
     */
    Optional<String> credentialsDir();

    Optional<String> contractNumber();

    /** Client-side calls per second (token bucket). */
    @WithDefault("10")
    double rateLimit();

    @WithDefault("20")
    int rateBurst();
  }

  interface Poll {
    /** First wait before asking for a request's status again. */
    @WithDefault("2s")
    Duration initial();

    @WithDefault("30s")
    Duration max();

    /**
     * How often the one shared listing of in-flight requests is read (only while any are in
     * flight); waiting objects are woken from it. At most one call per this interval in all.
     */
    @WithDefault("1s")
    Duration requests();
  }

  interface Backoff {
    /** First wait after a transient Cloud API error. */
    @WithDefault("2s")
    Duration initial();

    @WithDefault("5m")
    Duration max();
  }

  interface Simulator {
    /** Scales the embedded simulator's request durations (0: instant, 1: a few seconds). */
    @WithDefault("0.5")
    double timeFactor();

    /** Port of the embedded simulator; 0 picks a free one. */
    @WithDefault("0")
    int port();
  }

  interface LeaderElection {
    /** The Lease's name, in the operator's namespace: one per release when several run there. */
    @WithDefault("profitbricks-operator")
    String leaseName();

    /** How long a leader that stopped renewing holds the Lease. */
    @WithDefault("15s")
    Duration leaseDuration();

    /** How long a leader keeps trying to renew before it gives up leading (and exits). */
    @WithDefault("10s")
    Duration renewDeadline();

    /** How often a follower tries to take the Lease, and a leader renews it. */
    @WithDefault("2s")
    Duration retryPeriod();
  }
}
