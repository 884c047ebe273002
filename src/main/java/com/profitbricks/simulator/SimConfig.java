package com.profitbricks.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a simulator behaves. {@code timeFactor} scales every request duration: 0 finishes requests at
 * the next call (tests), 1 gives durations of a few seconds like a small real cloud.
 */
public record SimConfig(
    String host,
    int port,
    String username,
    String password,
    String token,
    double timeFactor,
    Map<String, Duration> durations,
    long seed,
    int rateLimitPerMinute,
    int rateLimitBurst,
    long contractNumber) {

  /** Request durations at time factor 1, by kind of work. */
  public static Map<String, Duration> defaultDurations() {
    Map<String, Duration> d = new LinkedHashMap<>();
    d.put("datacenter", Duration.ofSeconds(4));
    d.put("server", Duration.ofSeconds(8));
    d.put("volume", Duration.ofSeconds(6));
    d.put("nic", Duration.ofSeconds(2));
    d.put("firewall-rule", Duration.ofMillis(1500));
    d.put("lan", Duration.ofMillis(1500));
    d.put("loadbalancer", Duration.ofSeconds(3));
    d.put("ipblock", Duration.ofMillis(1500));
    d.put("snapshot", Duration.ofSeconds(8));
    d.put("image", Duration.ofSeconds(1));
    d.put("action", Duration.ofSeconds(3));
    d.put("attach", Duration.ofSeconds(2));
    d.put("update", Duration.ofMillis(1500));
    d.put("delete", Duration.ofSeconds(2));
    return d;
  }

  public static Builder builder() {
    return new Builder();
  }

  long durationMs(String kind) {
    Duration d = durations.getOrDefault(kind, Duration.ofSeconds(2));
    return (long) (d.toMillis() * timeFactor);
  }

  /** Builder with test-friendly defaults: free port, any credentials, time factor 0. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private String username;
    private String password;
    private String token;
    private double timeFactor;
    private final Map<String, Duration> durations = defaultDurations();
    private long seed = 42;
    private int rateLimitPerMinute = 600;
    private int rateLimitBurst = 50;
    private long contractNumber = 31415926;

    public Builder host(String v) {
      host = v;
      return this;
    }

    /** 0 picks a free port. */
    public Builder port(int v) {
      port = v;
      return this;
    }

    /** Only these Basic credentials are accepted (default: any). */
    public Builder credentials(String user, String pass) {
      username = user;
      password = pass;
      return this;
    }

    /** Only this Bearer token is accepted (default: any). */
    public Builder token(String v) {
      token = v;
      return this;
    }

    public Builder timeFactor(double v) {
      timeFactor = v;
      return this;
    }

    public Builder duration(String kind, Duration d) {
      durations.put(kind, d);
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** The values of {@code X-RateLimit-Limit} (per minute) and {@code X-RateLimit-Burst}. */
    public Builder rateLimit(int perMinute, int burst) {
      rateLimitPerMinute = perMinute;
      rateLimitBurst = burst;
      return this;
    }

    /** The account's contract number ({@code GET /contracts}); accounts of a test differ by it. */
    public Builder contractNumber(long v) {
      contractNumber = v;
      return this;
    }

    public SimConfig build() {
      return new SimConfig(
          host,
          port,
          username,
          password,
          token,
          timeFactor,
          Map.copyOf(durations),
          seed,
          rateLimitPerMinute,
          rateLimitBurst,
          contractNumber);
    }
  }
}
