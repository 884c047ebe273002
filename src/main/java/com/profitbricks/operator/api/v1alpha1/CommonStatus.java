package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Status every kind has. Unset fields are left out, never written as null: the operator patches
 * status with a JSON patch computed from the status it read, and the API server drops nulls of
 * fields whose schema is not nullable, so a null in the read status would make the patch {@code
 * replace} a key the stored object lacks, which a real API server refuses (422).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CommonStatus {
  @JsonPropertyDescription("metadata.generation of the spec this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ready (summary), Reconciling (work in progress) and Stalled (needs a change by a human),"
          + " with kstatus semantics. Reasons are listed in the README.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Id of the cloud resource.")
  private String id;

  @JsonPropertyDescription(
      "The credentials the cloud resource is reached with: operator (the operator's own) or"
          + " Secret <name> (spec.credentialsRef or the namespace's profitbricks-credentials)."
          + " Kept with the resource: if the object later resolves to other credentials, it is"
          + " Stalled with reason CredentialsChanged and nothing is sent.")
  private String credentials;

  @JsonPropertyDescription(
      "The contract the cloud resource is in, as its credentials could read it (GET /contracts);"
          + " absent when they may not. If the same credentials later reach another contract (a"
          + " Secret changed to another account), the object is Stalled with reason"
          + " CredentialsChanged and nothing is sent.")
  private Long contractNumber;

  @JsonPropertyDescription("The cloud's metadata.state: AVAILABLE, BUSY, INACTIVE, …")
  private String state;

  @JsonPropertyDescription("The latest cloud mutation made for this object and its progress.")
  private CloudRequest request;

  @JsonPropertyDescription(
      "The last value of the profitbricks.com/reconcile-requested-at annotation acted on (as"
          + " Flux's lastHandledReconcileAt): equal to the annotation once the requested pass ran.")
  private String lastHandledReconcileAt;

  @JsonPropertyDescription(
      "What the operator would send for the current spec, while the profitbricks.com/preview"
          + " annotation is \"true\" or spec.managementPolicy is Observe; absent otherwise.")
  private Plan plan;

  @JsonIgnore
  public Optional<Condition> condition(String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public Long getContractNumber() {
    return contractNumber;
  }

  public void setContractNumber(Long contractNumber) {
    this.contractNumber = contractNumber;
  }

  public String getCredentials() {
    return credentials;
  }

  public void setCredentials(String credentials) {
    this.credentials = credentials;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getLastHandledReconcileAt() {
    return lastHandledReconcileAt;
  }

  public void setLastHandledReconcileAt(String lastHandledReconcileAt) {
    this.lastHandledReconcileAt = lastHandledReconcileAt;
  }

  public Plan getPlan() {
    return plan;
  }

  public void setPlan(Plan plan) {
    this.plan = plan;
  }

  public CloudRequest getRequest() {
    return request;
  }

  public void setRequest(CloudRequest request) {
    this.request = request;
  }

  @Override
  public boolean equals(Object o) {
    return o != null
        && o.getClass() == getClass()
        && o instanceof CommonStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(id, s.id)
        && Objects.equals(state, s.state)
        && Objects.equals(request, s.request)
        && Objects.equals(lastHandledReconcileAt, s.lastHandledReconcileAt)
        && Objects.equals(plan, s.plan)
        && kindEquals(s);
  }

  /** Kind-specific outputs compared by subclasses. */
  protected boolean kindEquals(CommonStatus other) {
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, id, state, request);
  }
}
