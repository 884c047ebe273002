package com.profitbricks.operator.reconciler;

import com.profitbricks.client.CloudApiException;
import com.profitbricks.client.LabelApi;
import com.profitbricks.client.ProfitBricksClient;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** The label that ties a cloud resource to the object that created it: the object's UID. */
final class Labels {
  /** Label key on every datacenter and IP block the operator creates. */
  static final String OWNER = "pbo-owner-uid";

  private Labels() {}

  static void mark(ProfitBricksClient client, LabelApi.Owner owner, HasMetadata cr) {
    client.labels().put(owner, OWNER, cr.getMetadata().getUid());
  }

  static boolean owned(ProfitBricksClient client, LabelApi.Owner owner, HasMetadata cr) {
    try {
      return cr.getMetadata()
          .getUid()
          .equals(client.labels().get(owner, OWNER).properties().value());
    } catch (CloudApiException.NotFoundException e) {
      return false;
    }
  }
}
