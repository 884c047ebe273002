package com.profitbricks.operator.tenancy;

import com.profitbricks.client.Credentials;
import com.profitbricks.operator.status.Reasons;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials Secrets, each read by name (the operator may read no other Secret: its role names
 * them) at most once per refresh interval, so a rotated Secret is used from the next read on.
 * Values are never logged nor put into status or events.
 */
final class CredentialSecrets {
  /** What a Secret holds: credentials, and optionally the API URL and contract number. */
  record Parsed(Credentials credentials, String url, String contractNumber) {}

  private record Read(Optional<Secret> secret, long at) {}

  private final KubernetesClient kube;
  private final long refreshNanos;
  private final Map<String, Read> reads = new ConcurrentHashMap<>();

  CredentialSecrets(KubernetesClient kube, Duration refresh) {
    this.kube = kube;
    this.refreshNanos = refresh.toNanos();
  }

  /** {@code fresh}: an absence read before is read again. */
  boolean exists(String namespace, String name, boolean fresh) {
    Read r = reads.get(namespace + "/" + name);
    if (fresh && r != null && r.secret().isEmpty()) {
      reads.remove(namespace + "/" + name);
    }
    return secret(namespace, name, "Secret " + namespace + "/" + name).isPresent();
  }

  Parsed credentials(String namespace, String name, String where) {
    Secret s =
        secret(namespace, name, where)
            .orElseThrow(
                () ->
                    new CredentialsRefused(
                        Reasons.CREDENTIALS_MISSING,
                        where
                            + " does not exist: create it with the keys username and password, or"
                            + " token; nothing is sent for this object until it is there"));
    String token = value(s, "token");
    String user = value(s, "username");
    String password = value(s, "password");
    Credentials c;
    if (token != null && !token.isBlank()) {
      c = Credentials.token(token.strip());
    } else if (user != null && password != null && !user.isBlank()) {
      c = Credentials.basic(user.strip(), password.strip());
    } else {
      throw new CredentialsRefused(
          Reasons.CREDENTIALS_INVALID,
          where
              + " holds no credentials: it needs the keys username and password, or token"
              + " (it has "
              + keys(s)
              + ")");
    }
    return new Parsed(c, blankToNull(value(s, "url")), blankToNull(value(s, "contractNumber")));
  }

  private Optional<Secret> secret(String namespace, String name, String where) {
    String key = namespace + "/" + name;
    long now = System.nanoTime();
    Read r = reads.get(key);
    if (r != null && now - r.at() < refreshNanos) {
      return r.secret();
    }
    Optional<Secret> s;
    try {
      s = Optional.ofNullable(kube.secrets().inNamespace(namespace).withName(name).get());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        throw new CredentialsRefused(
            Reasons.CREDENTIALS_MISSING,
            "The operator may not read "
                + where
                + ": grant its service account get on that Secret (a Role with resourceNames: ["
                + name
                + "]), or turn namespace credentials off"
                + " (profitbricks.credential-secrets.namespace-default=false)");
      }
      throw e; // the API server did not answer: the pass backs off
    }
    reads.put(key, new Read(s, now));
    return s;
  }

  private static String value(Secret s, String key) {
    if (s.getStringData() != null && s.getStringData().containsKey(key)) {
      return s.getStringData().get(key);
    }
    String encoded = s.getData() == null ? null : s.getData().get(key);
    return encoded == null
        ? null
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  private static String keys(Secret s) {
    java.util.TreeSet<String> keys = new java.util.TreeSet<>();
    if (s.getData() != null) {
      keys.addAll(s.getData().keySet());
    }
    if (s.getStringData() != null) {
      keys.addAll(s.getStringData().keySet());
    }
    return keys.isEmpty() ? "no keys" : "the keys " + String.join(", ", keys);
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }
}
