package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the operator would send to the cloud for the current spec, while the preview annotation is
 * set or the object is observed only. It is made by running the very code that sends, with each
 * write stopped before it leaves the process, so the plan and the act cannot disagree.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Plan {
  @JsonPropertyDescription("metadata.generation of the spec this plan is for.")
  private Long generation;

  @JsonPropertyDescription("How many calls are planned (0: nothing to send now).")
  private Integer count;

  @JsonPropertyDescription(
      "In words: the calls, or \"nothing to do\", or why nothing would be sent now.")
  private String summary;

  @JsonPropertyDescription(
      "The calls the operator's next pass would send, in order. A change that takes several steps"
          + " (create, then attach) shows the next step; the one after it is decided on the"
          + " cloud's answer to this one.")
  private List<PlannedCall> calls = new ArrayList<>();

  public Plan() {}

  public Plan(Long generation, String summary, List<PlannedCall> calls) {
    this.generation = generation;
    this.count = calls.size();
    this.summary = summary;
    this.calls = new ArrayList<>(calls);
  }

  public Long getGeneration() {
    return generation;
  }

  public void setGeneration(Long generation) {
    this.generation = generation;
  }

  public Integer getCount() {
    return count;
  }

  public void setCount(Integer count) {
    this.count = count;
  }

  public String getSummary() {
    return summary;
  }

  public void setSummary(String summary) {
    this.summary = summary;
  }

  public List<PlannedCall> getCalls() {
    return calls;
  }

  public void setCalls(List<PlannedCall> calls) {
    this.calls = calls;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Plan p
        && Objects.equals(generation, p.generation)
        && Objects.equals(count, p.count)
        && Objects.equals(summary, p.summary)
        && Objects.equals(calls, p.calls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(generation, count, summary, calls);
  }
}
