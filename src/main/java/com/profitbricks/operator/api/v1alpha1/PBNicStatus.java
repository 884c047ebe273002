package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.List;
import java.util.Objects;

/** Status of a PBNic. */
@SchemaCustomizer(value = StatusSchema.class, input = StatusSchema.CONDITIONS)
@JsonClassDescription(
    "The NIC's id, MAC, addresses, rule ids, its server and datacenter, the conditions and the latest request.")
public class PBNicStatus extends CommonStatus {
  @JsonPropertyDescription("Cloud id of the NIC's datacenter.")
  private String datacenterId;

  @JsonPropertyDescription("Cloud id of the NIC's server (resolved from the reference).")
  private String serverId;

  @JsonPropertyDescription("The NIC's MAC address.")
  private String mac;

  @JsonPropertyDescription("The NIC's IP addresses, as the cloud assigned them.")
  private List<String> ips;

  @JsonPropertyDescription("The firewall rules as created: name and cloud id.")
  private List<NamedId> firewallRules;

  @JsonPropertyDescription(
      "Addresses the spec set (spec.ips or from an IP block). When the spec no longer sets any, the operator gives them back to the cloud, which then assigns its own.")
  private List<String> fixedIps;

  public List<NamedId> getFirewallRules() {
    return firewallRules;
  }

  public void setFirewallRules(List<NamedId> firewallRules) {
    this.firewallRules = firewallRules;
  }

  public String getDatacenterId() {
    return datacenterId;
  }

  public void setDatacenterId(String datacenterId) {
    this.datacenterId = datacenterId;
  }

  public String getServerId() {
    return serverId;
  }

  public void setServerId(String serverId) {
    this.serverId = serverId;
  }

  public String getMac() {
    return mac;
  }

  public void setMac(String mac) {
    this.mac = mac;
  }

  public List<String> getIps() {
    return ips;
  }

  public void setIps(List<String> ips) {
    this.ips = ips;
  }

  public List<String> getFixedIps() {
    return fixedIps;
  }

  public void setFixedIps(List<String> fixedIps) {
    this.fixedIps = fixedIps;
  }

  @Override
  protected boolean kindEquals(CommonStatus other) {
    PBNicStatus o = (PBNicStatus) other;
    return Objects.equals(datacenterId, o.datacenterId)
        && Objects.equals(serverId, o.serverId)
        && Objects.equals(mac, o.mac)
        && Objects.equals(ips, o.ips)
        && Objects.equals(fixedIps, o.fixedIps)
        && Objects.equals(firewallRules, o.firewallRules);
  }
}
