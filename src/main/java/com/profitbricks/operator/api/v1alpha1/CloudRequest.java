package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * The latest cloud mutation made for this object. {@code status} is the cloud's QUEUED, RUNNING,
 * DONE or FAILED, or PENDING between recording the intent and the cloud's answer, or LOST when the
 * cloud no longer knows the request id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloudRequest {
  public static final String PENDING = "PENDING";
  public static final String LOST = "LOST";

  @JsonPropertyDescription(
      "Id of the cloud request, from the Location header of the cloud's answer.")
  private String id;

  @JsonPropertyDescription("What the request does: CREATE, UPDATE or DELETE.")
  private String action;

  @JsonPropertyDescription("PENDING, QUEUED, RUNNING, DONE, FAILED or LOST.")
  private String status;

  @JsonPropertyDescription("The cloud's message, e.g. why a request FAILED.")
  private String message;

  @JsonPropertyDescription("When the operator sent the request (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("When the operator last saw the request's status change (RFC 3339).")
  private String updatedAt;

  public CloudRequest() {}

  public CloudRequest(
      String id, String action, String status, String message, String startedAt, String updatedAt) {
    this.id = id;
    this.action = action;
    this.status = status;
    this.message = message;
    this.startedAt = startedAt;
    this.updatedAt = updatedAt;
  }

  @JsonIgnore
  public boolean isInFlight() {
    return "QUEUED".equals(status) || "RUNNING".equals(status) || PENDING.equals(status);
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(String updatedAt) {
    this.updatedAt = updatedAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CloudRequest r
        && Objects.equals(id, r.id)
        && Objects.equals(action, r.action)
        && Objects.equals(status, r.status)
        && Objects.equals(message, r.message)
        && Objects.equals(startedAt, r.startedAt)
        && Objects.equals(updatedAt, r.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, action, status, message, startedAt, updatedAt);
  }
}
