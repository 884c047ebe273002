package com.profitbricks.operator.tenancy;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksException;
import com.profitbricks.client.model.Contract;
import com.profitbricks.operator.cloud.CloudReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
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

  /** A Secret's credentials (a rotated Secret makes a new set); null: the client's own source. */
  private final Credentials credentials;

  /** The contract the client names in X-Contract-Number (a reseller's pick), or null. */
  private final Long fixedContract;

  /** A contract that could not be read for an outage is asked for again after this. */
  private static final Duration RETRY = Duration.ofMinutes(1);

  /** Held while the contract is read; the answer is kept outside it, read without the lock. */
  private final ReentrantLock learning = new ReentrantLock();

  private volatile Credentials learnedWith;
  private volatile Long contract;
  private volatile long retryAt;
  private volatile long touched;

  /** Passes between their resolve and their end: a set with any is not closed. */
  private final AtomicInteger passes = new AtomicInteger();

  CredentialSet(
      String scope,
      Credentials credentials,
      Long contractNumber,
      Function<Supplier<Credentials>, CloudReader> reader) {
    this.scope = scope;
    this.credentials = credentials;
    this.fixedContract = contractNumber;
    this.reader = reader.apply(() -> this.credentials);
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

  /**
   * The number of the contract these credentials reach: the one the Secret names, else {@code GET
   * /contracts} when it lists exactly one (a reseller's credentials list several), read once per
   * credentials; null while it is not known: a user without the privilege to list contracts (not
   * asked again until the credentials change), an outage (asked again a minute later), or while
   * another pass reads it (never waited for). What status.contractNumber records and compares with.
   */
  public Long contract() {
    if (fixedContract != null) {
      return fixedContract;
    }
    Credentials now;
    try {
      now = reader.client().credentials(); // the operator's own may rotate under its client
    } catch (RuntimeException e) {
      return null; // no credentials: the pass says so
    }
    if (known(now)) {
      return contract;
    }
    // passes that need it wait for the one read (bounded by the client's timeouts) rather than
    // take "unknown", which stalls an object with a recorded contract: a new leader's first passes
    // all come at once
    learning.lock();
    try {
      if (known(now)) {
        return contract; // read by the pass this one waited for
      }
      contract = null;
      retryAt = Long.MAX_VALUE;
      learnedWith = now;
      List<Contract> listed = reader.client().contracts().list().itemsOrEmpty();
      if (listed.size() == 1 && listed.get(0).properties() != null) {
        contract = listed.get(0).properties().contractNumber();
      }
    } catch (ProfitBricksException e) {
      if (e.isRetryable()) {
        retryAt = System.nanoTime() + RETRY.toNanos();
      }
    } finally {
      learning.unlock();
    }
    return contract;
  }

  /**
   * Whether these credentials cannot tell their contract for good (they may not list contracts, or
   * list several): unlike an outage's unknown, which passes.
   */
  public boolean contractUnreadable() {
    return contract() == null && retryAt == Long.MAX_VALUE && fixedContract == null;
  }

  /** Whether what was read for {@code now} still stands (an outage's unknown for a minute). */
  private boolean known(Credentials now) {
    return now != null
        && now.equals(learnedWith)
        && (contract != null || System.nanoTime() < retryAt);
  }

  void passStarted() {
    passes.incrementAndGet();
  }

  /** A pass that resolved this set is over. */
  public void passEnded() {
    passes.decrementAndGet();
  }

  boolean inPass() {
    return passes.get() > 0;
  }

  void touched(long nanos) {
    touched = nanos;
  }

  long touched() {
    return touched;
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
