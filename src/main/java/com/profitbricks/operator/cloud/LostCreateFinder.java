package com.profitbricks.operator.cloud;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.profitbricks.client.ProfitBricksClient;
import com.profitbricks.client.Query;
import com.profitbricks.client.RequestFilter;
import com.profitbricks.client.model.Request;
import com.profitbricks.client.model.RequestStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds a resource whose create was sent but whose id never reached the status (the operator
 * stopped, or the cloud's answer was lost): the cloud's own list of requests, filtered to POSTs on
 * the collection since the recorded intent, matched on the exact properties this object sends.
 * Deterministic for a given spec, so it never adopts another object's resource.
 */
public final class LostCreateFinder {
  private static final ObjectMapper JSON =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();

  private LostCreateFinder() {}

  /**
   * @param collectionPath e.g. {@code /datacenters} or {@code /datacenters/<id>/lans}
   * @param targetType the created resource's type, e.g. {@code datacenter}
   */
  public static Optional<String> find(
      ProfitBricksClient client,
      String collectionPath,
      String targetType,
      Object desiredProperties,
      Instant intentAt) {
    JsonNode want = JSON.valueToTree(desiredProperties);
    // a minute of slack for clock skew between the operator and the cloud
    String after = intentAt.minus(Duration.ofMinutes(1)).toString();
    for (Request r :
        client
            .requests()
            .list(
                RequestFilter.create()
                    .method("POST")
                    .url(collectionPath)
                    .createdAfter(after)
                    .query(Query.depth(2)))
            .itemsOrEmpty()) {
      if (r.properties() == null
          || r.properties().body() == null
          || r.properties().url() == null
          || !r.properties().url().replaceAll("\\?.*$", "").endsWith(collectionPath)) {
        continue;
      }
      try {
        JsonNode sent = JSON.readTree(r.properties().body()).path("properties");
        if (!sent.equals(want)) {
          continue;
        }
      } catch (IOException e) {
        continue;
      }
      RequestStatus status = r.metadata() == null ? null : r.metadata().requestStatus();
      if (status == null || status.metadata() == null) {
        status = client.requests().status(r.id());
      }
      for (RequestStatus.Target t : status.targets()) {
        if (t.target() != null && targetType.equals(t.target().type())) {
          return Optional.of(t.target().id());
        }
      }
    }
    return Optional.empty();
  }
}
