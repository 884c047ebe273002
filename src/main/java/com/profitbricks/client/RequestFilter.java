package com.profitbricks.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code filter.*} parameters of {@code GET /requests}. Each value is matched by the API as the
 * v6 description says (status exactly, the others as substrings or dates).
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

  public RequestFilter createdAfter(String v) {
    return put("createdAfter", v);
  }

  public RequestFilter createdBefore(String v) {
    return put("createdBefore", v);
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
