package com.profitbricks.client;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Location;

/** {@code /locations}. A location id is {@code region/location}, e.g. {@code de/fra}. */
public final class LocationApi {
  private final Ops ops;

  LocationApi(Ops ops) {
    this.ops = ops;
  }

  public Collection<Location> list() {
    return ops.list(Location.class, Query.depth(1), "locations");
  }

  public Collection<Location> listRegion(String regionId) {
    return ops.list(Location.class, Query.depth(1), "locations", regionId);
  }

  /** {@code locationId} as the API writes it, e.g. {@code us/las}. */
  public Location get(String locationId) {
    int slash = locationId == null ? -1 : locationId.indexOf('/');
    if (slash <= 0 || slash == locationId.length() - 1) {
      throw new IllegalArgumentException("a location id looks like 'de/fra', was: " + locationId);
    }
    return ops.get(
        Location.class,
        Query.depth(1),
        "locations",
        locationId.substring(0, slash),
        locationId.substring(slash + 1));
  }
}
