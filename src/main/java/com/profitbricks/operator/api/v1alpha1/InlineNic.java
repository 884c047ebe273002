package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A NIC declared inside a PBServer: created with the server, managed with it. */
@ValidationRule(
    value = "has(self.lanRef) != has(self.lan)",
    message = "set exactly one of lanRef or lan")
public class InlineNic {
  @Required
  @Pattern("^[a-zA-Z0-9][-a-zA-Z0-9_.]{0,62}$")
  @JsonPropertyDescription(
      "Name of the NIC, unique within the server; it identifies the item across changes.")
  private String name;

  @JsonPropertyDescription(
      "The PBLan (same namespace and datacenter) to connect to: the server waits until it has its"
          + " LAN number, so a public PBLan is never replaced by a private LAN the cloud makes."
          + " Exactly one of lanRef and lan.")
  private LocalRef lanRef;

  @Min(1)
  @JsonPropertyDescription(
      "LAN number; a LAN that does not exist is created by the cloud (private). Exactly one of"
          + " lanRef and lan.")
  private Integer lan;

  @JsonPropertyDescription("Whether the NIC takes its address by DHCP. Default true.")
  private Boolean dhcp;

  @JsonPropertyDescription("Fixed IPv4 addresses; empty lets the cloud assign one.")
  private List<String> ips;

  @JsonPropertyDescription(
      "Whether the NIC's firewall is active (with no rules it blocks all inbound traffic).")
  private Boolean firewallActive;

  @JsonPropertyDescription("INGRESS (default), EGRESS or BIDIRECTIONAL.")
  private PBNicSpec.FirewallType firewallType;

  @JsonPropertyDescription(
      "Firewall rules by unique name: sent with the NIC's create, then each created, changed and deleted to match.")
  private List<FirewallRuleSpec> firewallRules = new ArrayList<>();

  public PBNicSpec.FirewallType getFirewallType() {
    return firewallType;
  }

  public void setFirewallType(PBNicSpec.FirewallType firewallType) {
    this.firewallType = firewallType;
  }

  public List<FirewallRuleSpec> getFirewallRules() {
    return firewallRules;
  }

  public void setFirewallRules(List<FirewallRuleSpec> firewallRules) {
    this.firewallRules = firewallRules;
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

  /** This NIC with {@code number} as its LAN (the number its lanRef's PBLan has), a copy. */
  public InlineNic withLanNumber(Integer number) {
    InlineNic n = new InlineNic();
    n.name = name;
    n.lanRef = lanRef;
    n.lan = number;
    n.dhcp = dhcp;
    n.ips = ips;
    n.firewallActive = firewallActive;
    n.firewallType = firewallType;
    n.firewallRules = firewallRules;
    return n;
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
}
