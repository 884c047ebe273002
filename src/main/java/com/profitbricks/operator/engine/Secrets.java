package com.profitbricks.operator.engine;

import com.profitbricks.operator.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Values read from Secrets (image passwords). Never logged, never put into status or events. */
public final class Secrets {
  private Secrets() {}

  /** The value of the key, or null when the Secret or the key does not exist. */
  public static String read(KubernetesClient kube, String namespace, SecretKeyRef ref) {
    Secret secret = kube.secrets().inNamespace(namespace).withName(ref.getName()).get();
    if (secret == null) {
      return null;
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(ref.getKey())) {
      return secret.getStringData().get(ref.getKey());
    }
    String encoded = secret.getData() == null ? null : secret.getData().get(ref.getKey());
    return encoded == null
        ? null
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }
}
