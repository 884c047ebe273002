package com.profitbricks.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code filter.*} parameters of {@code GET /requests}. Each value is matched by the API as the
 * v6 description says: status exactly, dates in {@code yyyy-MM-dd HH:mm:ss}, the others as
 * case-insensitive substrings that need a depth above 0 (the default depth here is 1).
 */
public final class RequestFilter {
  private final Map<String, String> filters = new LinkedHashMap<>();
  private Query query = Query.depth(1);

  public static RequestFilter create() {
    return new RequestFilter();
  }

  private RequestFilter put(String name, String value) {
    if (value != null) {
      filters.put("filter." + name, value);
    }
    return this;
  }

  public RequestFilter status(String v) {
    return put("status", v);
  }

  public RequestFilter requestStatus(String v) {
    return put("requestStatus", v);
  }

  /** The format the API takes for its date filters: {@code yyyy-MM-dd HH:mm:ss}, UTC. */
  public static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Requests created after {@code v}, given in the API's {@code yyyy-MM-dd HH:mm:ss} form. */
  public RequestFilter createdAfter(String v) {
    return put("createdAfter", v);
  }

  /** Requests created after this instant (sent as {@code yyyy-MM-dd HH:mm:ss}, UTC). */
  public RequestFilter createdAfter(Instant v) {
    return put("createdAfter", DATE.format(v));
  }

  /** Requests created before {@code v}, given in the API's {@code yyyy-MM-dd HH:mm:ss} form. */
  public RequestFilter createdBefore(String v) {
    return put("createdBefore", v);
  }

  /** Requests created before this instant (sent as {@code yyyy-MM-dd HH:mm:ss}, UTC). */
  public RequestFilter createdBefore(Instant v) {
    return put("createdBefore", DATE.format(v));
  }

  public RequestFilter createdDate(String v) {
    return put("createdDate", v);
  }

  public RequestFilter createdBy(String v) {
    return put("createdBy", v);
  }

  public RequestFilter etag(String v) {
    return put("etag", v);
  }

  public RequestFilter method(String v) {
    return put("method", v);
  }

  public RequestFilter headers(String v) {
    return put("headers", v);
  }

  public RequestFilter body(String v) {
    return put("body", v);
  }

  public RequestFilter url(String v) {
    return put("url", v);
  }

  /** Depth, offset and limit of the listing (default depth 1). */
  public RequestFilter query(Query q) {
    this.query = q;
    return this;
  }

  Map<String, String> toParameters() {
    Map<String, String> p = new LinkedHashMap<>(query.toParameters());
    p.putAll(filters);
    return p;
  }
}
