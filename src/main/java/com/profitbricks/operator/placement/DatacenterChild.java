package com.profitbricks.operator.placement;

import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.api.v1alpha1.InDatacenterStatus;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.engine.KindOps;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A kind whose resource lives directly in a datacenter (LAN, volume, server): the datacenter is its
 * immutable parent, read from {@code datacenterRef} or {@code datacenterId} and recorded in status,
 * and its resource goes when that datacenter goes.
 */
public interface DatacenterChild<
        R extends CustomResource<? extends CommonSpec, T>,
        T extends CommonStatus & InDatacenterStatus>
    extends KindOps<R, T> {
  CloudReader reader();

  KubernetesClient kube();

  LocalRef datacenterRef(R cr);

  String datacenterId(R cr);

  @Override
  default Parent parent(R cr, T status) {
    return References.resolve(
        kube(),
        cr.getMetadata().getNamespace(),
        datacenterRef(cr),
        datacenterId(cr),
        status.getDatacenterId());
  }

  @Override
  default boolean parentExists(String parentId) {
    return reader().datacenterShows(parentId, dc -> true);
  }

  @Override
  default boolean goesWithParent(R cr, String parentId) {
    return References.datacenterGoing(
        kube(), cr.getMetadata().getNamespace(), datacenterRef(cr), parentId);
  }

  /** Gone with its datacenter when the cloud no longer lists that (no 404 of its own). */
  @Override
  default boolean stillListed(String parentId, String id) {
    return reader().datacenterListed(parentId);
  }

  @Override
  default String parentDrift(T status, String parentId) {
    return References.moved(status.getDatacenterId(), parentId);
  }

  @Override
  default String recordedParent(T status) {
    return status.getDatacenterId();
  }

  @Override
  default void recordParent(T status, String parentId) {
    status.setDatacenterId(parentId);
  }
}
