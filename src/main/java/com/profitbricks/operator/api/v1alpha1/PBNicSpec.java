package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What a PBNic should be. */
@ValidationRule(
    value = "has(self.serverRef) != has(self.serverId)",
    message = "set exactly one of serverRef or serverId")
@ValidationRule(
    value = "has(self.lanRef) != has(self.lan)",
    message = "set exactly one of lanRef or lan")
@ValidationRule(
    value = "!(has(self.ips) && size(self.ips) > 0 && has(self.ipBlockRef))",
    message = "set ips or ipBlockRef, not both")
@ValidationRule(
    value = "!has(self.indexes) || has(self.ipBlockRef)",
    message = "indexes pick addresses of ipBlockRef: set ipBlockRef too")
@ValidationRule(
    value =
        "has(self.serverRef) == has(oldSelf.serverRef) && has(self.serverId) == has(oldSelf.serverId)",
    message = "the server of a NIC cannot change: create a new PBNic")
@JsonClassDescription(
    "What the NIC should be: its server (serverRef or serverId), LAN (lanRef or lan), addresses (ips, or ipBlockRef with indexes), DHCP and firewall with its rules by name.")
public class PBNicSpec extends CommonSpec {
  @ValidationRule(
      value = "self.name == oldSelf.name",
      message = "the server of a NIC cannot change: create a new PBNic")
  @JsonPropertyDescription(
      "The PBServer (same namespace) the NIC belongs to; its datacenter follows. Exactly one of serverRef and serverId.")
  private LocalRef serverRef;

  @Pattern("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
  @ValidationRule(
      value = "self == oldSelf",
      message = "the server of a NIC cannot change: create a new PBNic")
  @JsonPropertyDescription(
      "Cloud id of a server not managed by this cluster. Exactly one of serverRef and serverId.")
  private String serverId;

  @Size(max = 255)
  @JsonPropertyDescription("Name in the cloud; defaults to the object's name.")
  private String name;

  @JsonPropertyDescription(
      "The PBLan (same namespace) to connect to. Exactly one of lanRef and lan.")
  private LocalRef lanRef;

  @Min(1)
  @JsonPropertyDescription(
      "A LAN number; a LAN that does not exist is created by the cloud (private). Exactly one of lanRef and lan.")
  private Integer lan;

  @JsonPropertyDescription("Whether the NIC takes its address by DHCP. Default true.")
  private Boolean dhcp;

  @JsonPropertyDescription(
      "Fixed IPv4 addresses; empty lets the cloud assign one. Public ones must be reserved in an IP block of the location.")
  private List<String> ips;

  @JsonPropertyDescription(
      "A PBIPBlock (same namespace) whose reserved addresses the NIC takes, picked by indexes. Not with ips.")
  private LocalRef ipBlockRef;

  @JsonPropertyDescription(
      "Positions in the PBIPBlock's status.ips (0 is the first address) of the addresses the NIC takes, in order. Default [0].")
  private List<@Min(0) Integer> indexes;

  @JsonPropertyDescription(
      "Whether the NIC's firewall is active (with no rules it blocks all inbound traffic).")
  private Boolean firewallActive;

  @JsonPropertyDescription("INGRESS (default), EGRESS or BIDIRECTIONAL.")
  private FirewallType firewallType;

  @JsonPropertyDescription(
      "Firewall rules by unique name; each is created, changed and deleted to match.")
  private List<FirewallRuleSpec> firewallRules = new java.util.ArrayList<>();

  public LocalRef getIpBlockRef() {
    return ipBlockRef;
  }

  public void setIpBlockRef(LocalRef ipBlockRef) {
    this.ipBlockRef = ipBlockRef;
  }

  public List<Integer> getIndexes() {
    return indexes;
  }

  public void setIndexes(List<Integer> indexes) {
    this.indexes = indexes;
  }

  public List<FirewallRuleSpec> getFirewallRules() {
    return firewallRules;
  }

  public void setFirewallRules(List<FirewallRuleSpec> firewallRules) {
    this.firewallRules = firewallRules;
  }

  public enum FirewallType {
    INGRESS,
    EGRESS,
    BIDIRECTIONAL
  }

  public LocalRef getServerRef() {
    return serverRef;
  }

  public void setServerRef(LocalRef serverRef) {
    this.serverRef = serverRef;
  }

  public String getServerId() {
    return serverId;
  }

  public void setServerId(String serverId) {
    this.serverId = serverId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public LocalRef getLanRef() {
    return lanRef;
  }

  public void setLanRef(LocalRef lanRef) {
    this.lanRef = lanRef;
  }

  public Integer getLan() {
    return lan;
  }

  public void setLan(Integer lan) {
    this.lan = lan;
  }

  public Boolean getDhcp() {
    return dhcp;
  }

  public void setDhcp(Boolean dhcp) {
    this.dhcp = dhcp;
  }

  public List<String> getIps() {
    return ips;
  }

  public void setIps(List<String> ips) {
    this.ips = ips;
  }

  public Boolean getFirewallActive() {
    return firewallActive;
  }

  public void setFirewallActive(Boolean firewallActive) {
    this.firewallActive = firewallActive;
  }

  public FirewallType getFirewallType() {
    return firewallType;
  }

  public void setFirewallType(FirewallType firewallType) {
    this.firewallType = firewallType;
  }
}
