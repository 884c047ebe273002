package com.profitbricks.client.model;

import java.util.List;

/**
 * Progress of an asynchronous request: {@code QUEUED}, {@code RUNNING}, {@code DONE} or {@code
 * FAILED}, the cloud's message (not a reliable progress indicator: a queued request may already say
 * "successfully executed") and the resources it touches.
 */
public record RequestStatus(String id, String type, String href, StatusMetadata metadata) {

  public record StatusMetadata(
      RequestState status, String message, String etag, List<Target> targets) {}

  public record Target(ResourceReference target, RequestState status) {}

  public RequestState state() {
    return metadata == null || metadata.status() == null ? RequestState.UNKNOWN : metadata.status();
  }

  public String message() {
    return metadata == null ? null : metadata.message();
  }

  public List<Target> targets() {
    return metadata == null || metadata.targets() == null ? List.of() : metadata.targets();
  }
}
