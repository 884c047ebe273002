package com.profitbricks.client.model;

import java.util.List;

/** A physical location such as {@code de/fra}. */
public record Location(
    String id, String type, String href, Metadata metadata, Properties properties) {

  public record Properties(
      String name,
      List<String> features,
      List<String> imageAliases,
      List<Datacenter.CpuArchitecture> cpuArchitecture) {}
}
