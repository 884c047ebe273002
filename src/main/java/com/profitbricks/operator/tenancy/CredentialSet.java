package com.profitbricks.operator.tenancy;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksException;
import com.profitbricks.client.model.Contract;
import com.profitbricks.operator.cloud.CloudReader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One set of credentials and everything that works with it: its client (with its own rate budget),
 * request tracker, drift watch, contract limits and read cache, all in its {@link CloudReader}. The
 * objects reached with it share these; objects of another set share nothing with them.
 */
public final class CredentialSet {
  /** The scope of the operator's own credentials, as status.credentials records it. */
  public static final String OPERATOR = "operator";

  private final String scope;
  private final CloudReader reader;
  private final Map<Object, Object> attached = new ConcurrentHashMap<>();
  private volatile Credentials credentials;

  /** A contract that could not be read for an outage is asked for again after this. */
  private static final Duration RETRY = Duration.ofMinutes(1);

  private volatile long touched;
  private Credentials learnedWith;
  private Long contract;
  private long retryAt;

  /**
   * A set whose reader's client asks the set for the credentials to send, so rotation reaches it.
   */
  CredentialSet(
      String scope, Credentials first, Function<Supplier<Credentials>, CloudReader> reader) {
    this.scope = scope;
    this.credentials = first;
    this.reader = reader.apply(this::credentials);
  }

  /**
   * What status.credentials records of an object reached with this set: {@code operator}, or {@code
   * Secret <name>} (a Secret in the object's namespace).
   */
  public String scope() {
    return scope;
  }

  public CloudReader reader() {
    return reader;
  }

  /**
   * What {@code owner} keeps for this set (a kind's engine its gates over this set's reader), made
   * once; it goes with the set.
   */
  @SuppressWarnings("unchecked")
  public <X> X attached(Object owner, Supplier<X> make) {
    return (X) attached.computeIfAbsent(owner, o -> make.get());
  }

  /** The credentials the set's client sends from now on (a rotated Secret). */
  void use(Credentials now) {
    credentials = now;
  }

  /**
   * The number of the contract these credentials reach ({@code GET /contracts}), read once per
   * credentials (again after a rotation); null when it cannot be read: a user without the privilege
   * to list contracts (not asked again until the credentials change), or an outage (asked again a
   * minute later). What status.contractNumber records, and compares with.
   */
  public synchronized Long contract() {
    Credentials now;
    try {
      now = reader.client().credentials();
    } catch (RuntimeException e) {
      return null; // no credentials: the pass says so
    }
    long t = System.nanoTime();
    if (now != null && now.equals(learnedWith) && (contract != null || t < retryAt)) {
      return contract;
    }
    contract = null;
    learnedWith = now;
    retryAt = Long.MAX_VALUE;
    try {
      for (Contract c : reader.client().contracts().list().itemsOrEmpty()) {
        if (c.properties() != null && c.properties().contractNumber() != null) {
          contract = c.properties().contractNumber();
          break;
        }
      }
    } catch (ProfitBricksException e) {
      if (e.isRetryable()) {
        retryAt = t + RETRY.toNanos();
      }
    }
    return contract;
  }

  void touched(long nanos) {
    touched = nanos;
  }

  long touched() {
    return touched;
  }

  Credentials credentials() {
    return credentials;
  }

  void close() {
    reader.close();
    reader.client().close();
    attached.clear();
  }

  @Override
  public String toString() {
    return scope;
  }
}
