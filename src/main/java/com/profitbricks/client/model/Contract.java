package com.profitbricks.client.model;

import java.util.Map;

/** A contract and its resource limits (kept as a map: the API adds limits over time). */
public record Contract(String type, Properties properties) {

  public record Properties(
      Long contractNumber,
      String owner,
      String status,
      String regDomain,
      Map<String, Long> resourceLimits) {}
}
