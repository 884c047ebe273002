package com.profitbricks.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.profitbricks.client.model.Collection;
import java.util.List;
import java.util.Map;

/** The five shapes every resource call takes, so each resource API is a list of paths. */
final class Ops {
  private final HttpTransport transport;
  private final TypeFactory types;
  private final String marker;

  Ops(HttpTransport transport) {
    this(transport, null);
  }

  private Ops(HttpTransport transport, String marker) {
    this.transport = transport;
    this.types = transport.mapper().getTypeFactory();
    this.marker = marker;
  }

  /** The same calls, each carrying {@code marker} in its User-Agent. */
  Ops withMarker(String marker) {
    return new Ops(transport, marker);
  }

  HttpTransport transport() {
    return transport;
  }

  private static List<String> path(String... segments) {
    for (String s : segments) {
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException(
            "an id in the path is null or blank: "
                + String.join(
                    "/", java.util.Arrays.stream(segments).map(String::valueOf).toList()));
      }
    }
    return List.of(segments);
  }

  <T> Collection<T> list(Class<T> item, Query q, String... segments) {
    JavaType type = types.constructParametricType(Collection.class, item);
    return transport.read(HttpTransport.Call.get(path(segments), q.toParameters()), type);
  }

  /** Pages read by {@link #listAll} at most: a listing that long is a loop, not a contract. */
  static final int MAX_PAGES = 1000;

  /**
   * Every item of a paged collection: pages of {@code pageSize} (the route's maximum is cheapest)
   * read until one comes back short with no {@code next} link. Only such a whole listing can tell
   * that something is absent: the API pages every collection (IP blocks at 100 by default), and a
   * first page lacks whatever is past it.
   */
  <T> List<T> listAll(Class<T> item, Query q, long pageSize, String... segments) {
    List<T> all = new java.util.ArrayList<>();
    for (int page = 0; page < MAX_PAGES; page++) {
      Collection<T> c = list(item, q.withOffset(all.size()).withLimit(pageSize), segments);
      List<T> items = c.itemsOrEmpty();
      all.addAll(items);
      boolean next = c.links() != null && c.links().next() != null;
      if (items.isEmpty() || (items.size() < pageSize && !next)) {
        return all;
      }
    }
    throw new IllegalStateException(
        "/" + String.join("/", segments) + " has more than " + MAX_PAGES + " pages");
  }

  <T> Collection<T> list(Class<T> item, Map<String, String> query, String... segments) {
    JavaType type = types.constructParametricType(Collection.class, item);
    return transport.read(HttpTransport.Call.get(path(segments), query), type);
  }

  <T> T get(Class<T> type, Query q, String... segments) {
    return transport.read(
        HttpTransport.Call.get(path(segments), q.toParameters()), types.constructType(type));
  }

  <T> Accepted<T> post(Class<T> type, Object body, String... segments) {
    return transport.write(
        new HttpTransport.Call("POST", path(segments), Map.of(), body, null, marker),
        types.constructType(type));
  }

  <T> Accepted<T> patch(Class<T> type, Object properties, String... segments) {
    return transport.write(
        new HttpTransport.Call("PATCH", path(segments), Map.of(), properties, null, marker),
        types.constructType(type));
  }

  <T> Accepted<T> put(Class<T> type, Object body, String... segments) {
    return transport.write(
        new HttpTransport.Call("PUT", path(segments), Map.of(), body, null, marker),
        types.constructType(type));
  }

  Accepted<Void> delete(String... segments) {
    return delete(Map.of(), segments);
  }

  Accepted<Void> delete(Map<String, String> query, String... segments) {
    return transport.write(
        new HttpTransport.Call("DELETE", path(segments), query, null, null, marker), null);
  }

  /** An action POST (start, stop, restore-snapshot, …): form body or none, empty answer. */
  <T> Accepted<T> action(Class<T> answer, Map<String, String> form, String... segments) {
    return transport.write(
        new HttpTransport.Call("POST", path(segments), Map.of(), null, form, marker),
        answer == null ? null : types.constructType(answer));
  }
}
