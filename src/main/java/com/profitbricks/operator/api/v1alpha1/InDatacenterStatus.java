package com.profitbricks.operator.api.v1alpha1;

/** The status of a kind that lives in a datacenter: the datacenter its resource was made in. */
public interface InDatacenterStatus {
  String getDatacenterId();

  void setDatacenterId(String datacenterId);
}
