package com.profitbricks.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A write stopped by {@link Rehearsal} before it was sent: what would have gone out. Not a {@link
 * ProfitBricksException}: nothing failed, and code that handles the cloud's failures must not
 * mistake it for one.
 */
public final class PlannedWrite extends RuntimeException {
  private final String method;
  private final String path;
  private final transient JsonNode body;

  PlannedWrite(String method, String path, JsonNode body) {
    super(method + " " + path + " (rehearsed, not sent)", null, false, false);
    this.method = method;
    this.path = path;
    this.body = body;
  }

  /** The HTTP method: POST, PUT, PATCH or DELETE. */
  public String method() {
    return method;
  }

  /** The path below the API's base URL with its query, e.g. {@code /datacenters/1/lans?depth=1}. */
  public String path() {
    return path;
  }

  /**
   * The JSON body as it would have been sent (form bodies as an object of their fields), or null.
   */
  public JsonNode body() {
    return body;
  }
}
