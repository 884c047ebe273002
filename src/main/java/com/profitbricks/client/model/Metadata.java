package com.profitbricks.client.model;

import java.time.OffsetDateTime;

/**
 * Read-only metadata of a resource. {@code state} is the cloud's provisioning state: {@code
 * AVAILABLE}, {@code BUSY} while a request on the resource is pending, {@code INACTIVE} for a
 * stopped server, and more for managed services; kept as text so new values do not break reads.
 */
public record Metadata(
    String etag,
    OffsetDateTime createdDate,
    String createdBy,
    String createdByUserId,
    OffsetDateTime lastModifiedDate,
    String lastModifiedBy,
    String lastModifiedByUserId,
    String state) {

  public static final String AVAILABLE = "AVAILABLE";
  public static final String BUSY = "BUSY";
  public static final String INACTIVE = "INACTIVE";

  public boolean isBusy() {
    return BUSY.equals(state);
  }
}
