package com.profitbricks.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A collection envelope. At low {@code depth} the API leaves {@code items} out (a bare reference to
 * the collection) or renders items as references only; {@link #itemsOrEmpty()} hides the
 * difference.
 */
public record Collection<T>(
    String id,
    String type,
    String href,
    List<T> items,
    Long offset,
    Long limit,
    @JsonProperty("_links") PaginationLinks links) {

  /** A collection to send inside {@code entities} of a composite create. */
  public static <T> Collection<T> of(List<T> items) {
    return new Collection<>(null, null, null, List.copyOf(items), null, null, null);
  }

  @SafeVarargs
  public static <T> Collection<T> of(T... items) {
    return of(List.of(items));
  }

  public List<T> itemsOrEmpty() {
    return items == null ? List.of() : items;
  }

  public record PaginationLinks(String prev, String self, String next) {}
}
