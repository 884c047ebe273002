package com.profitbricks.operator.tenancy;

import com.profitbricks.client.Credentials;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.TokenBucketRateLimiter;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.CloudClientProducer;
import com.profitbricks.operator.config.OperatorConfig;
import com.profitbricks.operator.metrics.OperatorMetrics;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** Sets by namespace, Secret, API URL and contract number. */
  private final Map<String, CredentialSet> sets = new HashMap<>();

  /** The set each object (by uid) last used. */
  private final Map<String, CredentialSet> users = new HashMap<>();

  @Inject
  public Tenants(KubernetesClient kube, OperatorConfig config, CloudReader operatorWide) {
    this(
        kube,
        config,
        operatorWide,
        (url, credentials, contract) -> {
          ProfitBricksClient.Builder b =
              ProfitBricksClient.builder()
                  .baseUrl(url)
                  .credentials(credentials)
                  .observer(OperatorMetrics.global()::cloudCall)
                  // the account's rate limit is per contract: each set has a budget of its own
                  .rateLimiter(
                      new TokenBucketRateLimiter(
                          config.api().rateLimit(), config.api().rateBurst()));
          if (contract != null) {
            b.contractNumber(contract);
          }
          return b.build();
        });
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
    this.operator = new CredentialSet(CredentialSet.OPERATOR, null, c -> operatorWide);
  }

  /** The operator's own credentials. */
  public CredentialSet operatorWide() {
    return operator;
  }

  /**
   * The credential set of an object in {@code namespace} whose spec.credentialsRef names {@code
   * credentialsRef} (null: none). The object counts as its user once it {@link #use}s it.
   *
   * @throws CredentialsRefused the Secret it resolves to is missing, unreadable or holds no
   *     credentials
   */
  public CredentialSet resolve(String namespace, String credentialsRef) {
    String name = credentialsRef;
    if (name == null
        && config.credentialSecrets().namespaceDefault()
        && !namespace.equals(operatorNamespace)
        && secrets.exists(namespace, NAMESPACE_SECRET)) {
      name = NAMESPACE_SECRET;
    }
    if (name == null) {
      return operator;
    }
    String where =
        "Secret "
            + namespace
            + "/"
            + name
            + (credentialsRef == null
                ? " (this namespace's credentials)"
                : " (spec.credentialsRef)");
    CredentialSecrets.Parsed p = secrets.credentials(namespace, name, where);
    if (p.url() != null && !config.credentialSecrets().allowApiUrl()) {
      throw new CredentialsRefused(
          Reasons.CREDENTIALS_INVALID,
          where
              + " names a Cloud API URL (key url), which this operator does not allow"
              + " (profitbricks.credential-secrets.allow-api-url is off): remove the key, or have"
              + " the operator's administrator allow it");
    }
    String url =
        p.url() == null
            ? operator.reader().client().baseUrl()
            : CloudClientProducer.baseUrl(p.url());
    String scope = "Secret " + name;
    String key = namespace + "/" + name + " " + url + " " + p.contractNumber();
    synchronized (this) {
      CredentialSet set =
          sets.computeIfAbsent(
              key,
              k -> {
                Log.infof("Credentials of %s in use, with a client of their own", where);
                return new CredentialSet(
                    scope,
                    p.credentials(),
                    c -> new CloudReader(clients.client(url, c, p.contractNumber()), config));
              });
      set.use(p.credentials()); // a rotated Secret: sent from the next call on
      return set;
    }
  }

  /**
   * The set the object last used, while it is still open: what deletes its cloud resources when the
   * Secret it came from is gone (deleted with the namespace), or null.
   */
  public synchronized CredentialSet held(String uid) {
    return users.get(uid);
  }

  /** The object is gone: a set no object uses any more is closed. */
  public synchronized void release(String uid) {
    leave(users.remove(uid));
  }

  /** Credential sets open now, the operator's own included. */
  public synchronized int open() {
    return sets.size() + 1;
  }

  /**
   * The object {@code uid} works with {@code set} from now on; a set it used before and no other
   * object uses is closed.
   */
  public synchronized void use(String uid, CredentialSet set) {
    CredentialSet was = users.put(uid, set);
    if (was != set) {
      leave(was); // another Secret, or its new URL: the old set may have lost its last user
    }
  }

  private void leave(CredentialSet set) {
    if (set == null || set == operator || users.containsValue(set)) {
      return;
    }
    sets.values().remove(set);
    Log.infof("Credentials of %s no longer used: their client is closed", set.scope());
    set.close();
  }

  @PreDestroy
  public void close() {
    List<CredentialSet> all;
    synchronized (this) {
      all = new ArrayList<>(sets.values());
      sets.clear();
    }
    all.forEach(CredentialSet::close);
  }
}
