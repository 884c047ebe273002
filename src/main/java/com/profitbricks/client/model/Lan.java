package com.profitbricks.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A LAN. Its {@code id} is the LAN number as a string ({@code "1"}, {@code "2"}, …). */
public record Lan(
    String id,
    String type,
    String href,
    Metadata metadata,
    Properties properties,
    Entities entities) {

  public static Lan of(Properties properties) {
    return new Lan(null, null, null, null, properties, null);
  }

  public static Lan of(Properties properties, List<Nic> memberRefs) {
    return new Lan(null, null, null, null, properties, new Entities(Collection.of(memberRefs)));
  }

  public record Properties(
      String name,
      List<IpFailover> ipFailover,
      String pcc,
      @JsonProperty("public") Boolean isPublic) {

    public static Properties create(String name, Boolean isPublic) {
      return new Properties(name, null, null, isPublic);
    }
  }

  public record Entities(Collection<Nic> nics) {}

  public record IpFailover(String ip, String nicUuid) {}
}
