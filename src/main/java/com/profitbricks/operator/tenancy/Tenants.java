package com.profitbricks.operator.tenancy;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.CloudClientProducer;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Which credentials reach an object's cloud resources, the most specific scope winning: the Secret
 * its {@code spec.credentialsRef} names, else the Secret {@value #NAMESPACE_SECRET} in its
 * namespace, else the operator's own. Each set of credentials gets its own client, with its own
 * rate budget, request tracker and read cache, made when an object first needs it and closed when
 * the last object using it is gone. A Secret that is missing, unreadable or holds no credentials is
 * refused ({@link CredentialsRefused}), never replaced by another scope's credentials.
 */
@ApplicationScoped
public class Tenants {
  /** The Secret that gives every object in its namespace its credentials (keys as the README). */
  public static final String NAMESPACE_SECRET = "profitbricks-credentials";

  /** Makes the client of a credential set. */
  public interface ClientFactory {
    ProfitBricksClient client(String baseUrl, Supplier<Credentials> credentials, String contract);
  }

  private final OperatorConfig config;

  /**
   * Where the operator runs: its Secret of the same name there is its own credentials (the
   * operator's scope), not a namespace's.
   */
  private final String operatorNamespace;

  private final CredentialSecrets secrets;
  private final ClientFactory clients;
  private final CredentialSet operator;

  /** Sets by namespace, Secret, API URL, contract number and credentials. */
  private final Map<String, CredentialSet> sets = new HashMap<>();

  /** The set each object (by uid) last used. */
  private final Map<String, CredentialSet> users = new HashMap<>();

  private static final Duration MIN_SWEEP = Duration.ofSeconds(1);

  /** How long a set nobody uses and no pass holds is kept. */
  private final long idleNanos;

  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "profitbricks-credential-sets");
            t.setDaemon(true);
            return t;
          });

  @Inject
  public Tenants(KubernetesClient kube, OperatorConfig config, CloudReader operatorWide) {
    this(
        kube,
        config,
        operatorWide,
        (url, credentials, contract) ->
            CloudClientProducer.client(config.api(), url, credentials, contract));
  }

  public Tenants(
      KubernetesClient kube,
      OperatorConfig config,
      CloudReader operatorWide,
      ClientFactory clients) {
    this.config = config;
    this.operatorNamespace = kube.getConfiguration().getNamespace();
    this.secrets = new CredentialSecrets(kube, config.credentialSecrets().refresh());
    this.clients = clients;
    this.operator =
        new CredentialSet(
            CredentialSet.OPERATOR, null, operatorContract(config), c -> operatorWide);
    this.idleNanos = config.credentialSecrets().idleClose().toNanos();
    Duration every = config.credentialSecrets().idleClose().dividedBy(2);
    every = every.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP : every;
    sweeper.scheduleWithFixedDelay(
        this::sweep, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The operator's own credentials. */
  public CredentialSet operatorWide() {
    return operator;
  }

  /**
   * The credential set of an object in {@code namespace} whose spec.credentialsRef names {@code
   * credentialsRef} (null: none), for one pass: the caller ends it with {@link
   * CredentialSet#passEnded}. The object counts as its user once it {@link #use}s it.
   *
   * @param fresh whether a namespace without its Secret is looked at again now rather than as last
   *     read: for an object that has sent nothing yet, so one applied together with its namespace's
   *     Secret is not made with the operator's credentials for a stale read
   * @throws CredentialsRefused the Secret it resolves to is missing, unreadable or holds no
   *     credentials, or none is there and the operator lends its own to no other namespace
   */
  public CredentialSet resolve(String namespace, String credentialsRef, boolean fresh) {
    if (credentialsRef != null) {
      return secretSet(namespace, credentialsRef, " (spec.credentialsRef)");
    }
    boolean own = namespace.equals(operatorNamespace);
    if (!own
        && config.credentialSecrets().namespaceDefault()
        && secrets.exists(namespace, NAMESPACE_SECRET, fresh)) {
      return secretSet(namespace, NAMESPACE_SECRET, " (this namespace's credentials)");
    }
    if (!own && config.credentialSecrets().required()) {
      throw new CredentialsRefused(
          Reasons.CREDENTIALS_MISSING,
          "No credentials for namespace "
              + namespace
              + ": create the Secret "
              + NAMESPACE_SECRET
              + " there (keys username and password, or token) or name one in"
              + " spec.credentialsRef; this operator lends its own credentials to no other"
              + " namespace (profitbricks.credential-secrets.required)");
    }
    return enter(operator);
  }

  /**
   * The set of a scope status.credentials recorded ({@code operator} or {@code Secret <name>}):
   * what the object's resource is deleted with, whatever the object resolves to now. For one pass,
   * as {@link #resolve}.
   */
  public CredentialSet recorded(String namespace, String scope) {
    if (scope == null || scope.equals(CredentialSet.OPERATOR)) {
      return enter(operator);
    }
    return secretSet(namespace, scope.substring("Secret ".length()), "");
  }

  private CredentialSet secretSet(String namespace, String name, String origin) {
    String where = "Secret " + namespace + "/" + name + origin;
    CredentialSecrets.Parsed p = secrets.credentials(namespace, name, where);
    if (p.url() != null && !config.credentialSecrets().allowApiUrl()) {
      throw new CredentialsRefused(
          Reasons.CREDENTIALS_INVALID,
          where
              + " names a Cloud API URL (key url), which this operator does not allow"
              + " (profitbricks.credential-secrets.allow-api-url is off): remove the key, or have"
              + " the operator's administrator allow it");
    }
    String url;
    try {
      url = p.url() == null ? operator.reader().client().baseUrl() : httpUrl(p.url());
    } catch (IllegalArgumentException e) {
      throw new CredentialsRefused(
          Reasons.CREDENTIALS_INVALID,
          where + " has a key url that is not an http(s) URL: " + e.getMessage());
    }
    Long contract;
    try {
      contract = number(p.contractNumber());
    } catch (NumberFormatException e) {
      throw new CredentialsRefused(
          Reasons.CREDENTIALS_INVALID,
          where + " has a key contractNumber that is not a number: " + p.contractNumber());
    }
    // a rotated Secret is a new set: a pass under way keeps the credentials it began with, and the
    // new ones' contract is read before any object uses them
    String key =
        String.join(
            " ",
            namespace + "/" + name,
            url,
            String.valueOf(p.contractNumber()),
            Integer.toHexString(p.credentials().hashCode()));
    synchronized (this) {
      sweep();
      CredentialSet set =
          sets.computeIfAbsent(
              key,
              k -> {
                Log.infof("Credentials of %s in use, with a client of their own", where);
                return new CredentialSet(
                    "Secret " + name,
                    p.credentials(),
                    contract,
                    c -> new CloudReader(clients.client(url, c, p.contractNumber()), config));
              });
      return enter(set);
    }
  }

  /** The operator's profitbricks.api.contract-number; one that is no number the cloud refuses. */
  private static Long operatorContract(OperatorConfig config) {
    try {
      return config.api() == null ? null : number(config.api().contractNumber().orElse(null));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long number(String contract) {
    return contract == null ? null : Long.valueOf(contract.strip());
  }

  private static String httpUrl(String given) {
    String url = CloudClientProducer.baseUrl(given);
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw new IllegalArgumentException(given);
    }
    return url;
  }

  /**
   * The set the object last used, while it is still open: what deletes its cloud resources when the
   * Secret it came from is gone (deleted with the namespace), or null. For one pass, as {@link
   * #resolve}.
   */
  public synchronized CredentialSet held(String uid) {
    CredentialSet set = users.get(uid);
    return set == null ? null : enter(set);
  }

  /** The object {@code uid} works with {@code set} from now on. */
  public synchronized void use(String uid, CredentialSet set) {
    users.put(uid, touch(set));
  }

  /** The object is gone: a set no object uses any more is closed after {@code idle-close}. */
  public synchronized void release(String uid) {
    users.remove(uid);
  }

  /** Credential sets open now, the operator's own included. */
  public synchronized int open() {
    return sets.size() + 1;
  }

  private synchronized CredentialSet touch(CredentialSet set) {
    set.touched(System.nanoTime());
    return set;
  }

  /** A pass begins with the set: it is not closed before {@link CredentialSet#passEnded}. */
  private synchronized CredentialSet enter(CredentialSet set) {
    set.passStarted();
    return touch(set);
  }

  /**
   * Closes the sets no object uses that were not resolved for {@code idle-close}: one just resolved
   * by a pass that has not counted itself yet stays (a pass takes far less).
   */
  void sweep() {
    sweep(idleNanos);
  }

  synchronized void sweep(long idleNanos) {
    long now = System.nanoTime();
    Set<CredentialSet> inUse = new HashSet<>(users.values());
    for (Iterator<CredentialSet> it = sets.values().iterator(); it.hasNext(); ) {
      CredentialSet set = it.next();
      if (!inUse.contains(set) && !set.inPass() && now - set.touched() >= idleNanos) {
        it.remove();
        Log.infof("Credentials of %s no longer used: their client is closed", set.scope());
        set.close();
      }
    }
  }

  @PreDestroy
  public void close() {
    sweeper.shutdownNow();
    List<CredentialSet> all;
    synchronized (this) {
      all = new ArrayList<>(sets.values());
      sets.clear();
    }
    all.forEach(CredentialSet::close);
  }
}
