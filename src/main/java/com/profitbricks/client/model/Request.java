package com.profitbricks.client.model;

import java.time.OffsetDateTime;
import java.util.Map;

/** A request the API accepted: what was sent and a pointer to its status. */
public record Request(
    String id, String type, String href, RequestMetadata metadata, Properties properties) {

  public record RequestMetadata(
      OffsetDateTime createdDate, String createdBy, String etag, RequestStatus requestStatus) {}

  public record Properties(String method, Map<String, String> headers, String body, String url) {}
}
