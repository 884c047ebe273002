package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A firewall rule of a NIC, identified by its name. */
public class FirewallRuleSpec {
  @Required
  @Pattern("^[a-zA-Z0-9][-a-zA-Z0-9_. ]{0,62}$")
  @JsonPropertyDescription(
      "Name of the rule, unique within the NIC; it identifies the rule across changes.")
  private String name;

  @Required
  @JsonPropertyDescription("TCP, UDP, ICMP or ANY. A changed protocol replaces the rule.")
  private Protocol protocol;

  @Pattern("^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$")
  @JsonPropertyDescription("Only traffic from this MAC address; unset: any.")
  private String sourceMac;

  @Pattern(
      "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$")
  @JsonPropertyDescription("Only traffic from this IPv4 address; unset: any.")
  private String sourceIp;

  @Pattern(
      "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$")
  @JsonPropertyDescription("Only traffic to this IPv4 address of the NIC; unset: any.")
  private String targetIp;

  @Min(1)
  @Max(65534)
  @JsonPropertyDescription("First port (TCP and UDP); unset: all ports.")
  private Integer portRangeStart;

  @Min(1)
  @Max(65534)
  @JsonPropertyDescription("Last port (TCP and UDP).")
  private Integer portRangeEnd;

  @Min(0)
  @Max(254)
  @JsonPropertyDescription("ICMP type (ICMP rules); unset: all.")
  private Integer icmpType;

  @Min(0)
  @Max(254)
  @JsonPropertyDescription("ICMP code (ICMP rules); unset: all.")
  private Integer icmpCode;

  @JsonPropertyDescription("INGRESS (default) or EGRESS.")
  private Direction type;

  public enum Protocol {
    TCP,
    UDP,
    ICMP,
    ANY
  }

  public enum Direction {
    INGRESS,
    EGRESS
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Protocol getProtocol() {
    return protocol;
  }

  public void setProtocol(Protocol protocol) {
    this.protocol = protocol;
  }

  public String getSourceMac() {
    return sourceMac;
  }

  public void setSourceMac(String sourceMac) {
    this.sourceMac = sourceMac;
  }

  public String getSourceIp() {
    return sourceIp;
  }

  public void setSourceIp(String sourceIp) {
    this.sourceIp = sourceIp;
  }

  public String getTargetIp() {
    return targetIp;
  }

  public void setTargetIp(String targetIp) {
    this.targetIp = targetIp;
  }

  public Integer getPortRangeStart() {
    return portRangeStart;
  }

  public void setPortRangeStart(Integer portRangeStart) {
    this.portRangeStart = portRangeStart;
  }

  public Integer getPortRangeEnd() {
    return portRangeEnd;
  }

  public void setPortRangeEnd(Integer portRangeEnd) {
    this.portRangeEnd = portRangeEnd;
  }

  public Integer getIcmpType() {
    return icmpType;
  }

  public void setIcmpType(Integer icmpType) {
    this.icmpType = icmpType;
  }

  public Integer getIcmpCode() {
    return icmpCode;
  }

  public void setIcmpCode(Integer icmpCode) {
    this.icmpCode = icmpCode;
  }

  public Direction getType() {
    return type;
  }

  public void setType(Direction type) {
    this.type = type;
  }
}
