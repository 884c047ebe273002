package com.profitbricks.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query parameters of a read: {@code depth} (0–10, how much of the children is rendered), {@code
 * offset} and {@code limit} for paged collections. Immutable.
 */
public record Query(Integer depth, Long offset, Long limit) {

  public static final Query NONE = new Query(null, null, null);

  public static Query depth(int depth) {
    if (depth < 0 || depth > 10) {
      throw new IllegalArgumentException("depth must be within 0..10, was " + depth);
    }
    return new Query(depth, null, null);
  }

  public Query withOffset(long offset) {
    return new Query(depth, offset, limit);
  }

  public Query withLimit(long limit) {
    return new Query(depth, offset, limit);
  }

  Map<String, String> toParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    if (depth != null) {
      p.put("depth", depth.toString());
    }
    if (offset != null) {
      p.put("offset", offset.toString());
    }
    if (limit != null) {
      p.put("limit", limit.toString());
    }
    return p;
  }
}
