package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.List;
import java.util.Objects;

/** Status of a PBServer. */
@SchemaCustomizer(value = StatusSchema.class, input = StatusSchema.CONDITIONS)
@JsonClassDescription(
    "The server's id, VM state, CPU family, boot volume, the ids of its inline volumes and NICs,"
        + " the conditions and the latest request.")
public class PBServerStatus extends CommonStatus implements InDatacenterStatus {
  @JsonPropertyDescription("Cloud id of the server's datacenter.")
  private String datacenterId;

  @JsonPropertyDescription("The cloud's vmState: RUNNING, SHUTOFF, …")
  private String vmState;

  @JsonPropertyDescription(
      "The CPU family the server runs on (the cloud's choice when the spec names none).")
  private String cpuFamily;

  @JsonPropertyDescription("Cloud id of the boot volume.")
  private String bootVolumeId;

  @JsonPropertyDescription("The inline volumes as created: name and cloud id.")
  private List<Item> volumes;

  @JsonPropertyDescription("The inline NICs as created: name, cloud id, MAC and addresses.")
  private List<Item> nics;

  @JsonPropertyDescription(
      "The create of an inline volume, NIC or firewall rule that was sent (or is about to be) and"
          + " whose new id is not recorded yet. Recorded before the POST; if the answer is lost,"
          + " what the create made is looked up in the cloud's request log by this server's owner"
          + " marker before anything is created again.")
  private PendingCreate pendingCreate;

  /**
   * A create of an inline item whose answer has not been recorded: which item, and when. Items are
   * only ever this server's by the ids status records, so this is how a create whose answer was
   * lost is found again (never by the item's name).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PendingCreate {
    /** A create-and-attach of an inline volume. */
    public static final String VOLUME = "volume";

    /** A create of an inline NIC (with its firewall rules). */
    public static final String NIC = "nic";

    /** A create of a firewall rule of an inline NIC. */
    public static final String FIREWALL_RULE = "firewallRule";

    @JsonPropertyDescription("What is created: volume, nic or firewallRule.")
    private String kind;

    @JsonPropertyDescription("The item's name in the spec (the rule's, for a firewall rule).")
    private String name;

    @JsonPropertyDescription("For a firewall rule: the name of the inline NIC it is created on.")
    private String nic;

    @JsonPropertyDescription("When the intent was recorded, before the POST (RFC 3339).")
    private String startedAt;

    @JsonPropertyDescription(
        "When the last send ended without an answer (RFC 3339): the request log is searched for"
            + " the recovery window from here.")
    private String updatedAt;

    public PendingCreate() {}

    public PendingCreate(String kind, String name, String nic, String startedAt) {
      this.kind = kind;
      this.name = name;
      this.nic = nic;
      this.startedAt = startedAt;
      this.updatedAt = startedAt;
    }

    public String getKind() {
      return kind;
    }

    public void setKind(String kind) {
      this.kind = kind;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getNic() {
      return nic;
    }

    public void setNic(String nic) {
      this.nic = nic;
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
      return o instanceof PendingCreate p
          && Objects.equals(kind, p.kind)
          && Objects.equals(name, p.name)
          && Objects.equals(nic, p.nic)
          && Objects.equals(startedAt, p.startedAt)
          && Objects.equals(updatedAt, p.updatedAt);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, name, nic, startedAt, updatedAt);
    }
  }

  /** An inline item of the server in the cloud. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Item {
    @JsonPropertyDescription("The item's name in the spec.")
    private String name;

    @JsonPropertyDescription("The item's cloud id.")
    private String id;

    @JsonPropertyDescription("MAC address (NICs).")
    private String mac;

    @JsonPropertyDescription("IP addresses (NICs).")
    private List<String> ips;

    @JsonPropertyDescription("The firewall rules as created: name and cloud id (NICs).")
    private List<NamedId> firewallRules;

    @JsonPropertyDescription(
        "The image alias an inline volume was created from (a read never shows it).")
    private String imageAlias;

    @JsonPropertyDescription(
        "Addresses the spec of an inline NIC set; given back to the cloud when the spec drops"
            + " them.")
    private List<String> fixedIps;

    public Item() {}

    public Item(String name, String id, String mac, List<String> ips) {
      this.name = name;
      this.id = id;
      this.mac = mac;
      this.ips = ips;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
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

    public List<NamedId> getFirewallRules() {
      return firewallRules;
    }

    public void setFirewallRules(List<NamedId> firewallRules) {
      this.firewallRules = firewallRules;
    }

    public String getImageAlias() {
      return imageAlias;
    }

    public void setImageAlias(String imageAlias) {
      this.imageAlias = imageAlias;
    }

    public List<String> getFixedIps() {
      return fixedIps;
    }

    public void setFixedIps(List<String> fixedIps) {
      this.fixedIps = fixedIps;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Item i
          && Objects.equals(name, i.name)
          && Objects.equals(id, i.id)
          && Objects.equals(mac, i.mac)
          && Objects.equals(ips, i.ips)
          && Objects.equals(firewallRules, i.firewallRules)
          && Objects.equals(imageAlias, i.imageAlias)
          && Objects.equals(fixedIps, i.fixedIps);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, id, mac, ips, firewallRules, imageAlias, fixedIps);
    }
  }

  public String getDatacenterId() {
    return datacenterId;
  }

  public void setDatacenterId(String datacenterId) {
    this.datacenterId = datacenterId;
  }

  public String getVmState() {
    return vmState;
  }

  public void setVmState(String vmState) {
    this.vmState = vmState;
  }

  public String getCpuFamily() {
    return cpuFamily;
  }

  public void setCpuFamily(String cpuFamily) {
    this.cpuFamily = cpuFamily;
  }

  public String getBootVolumeId() {
    return bootVolumeId;
  }

  public void setBootVolumeId(String bootVolumeId) {
    this.bootVolumeId = bootVolumeId;
  }

  public List<Item> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<Item> volumes) {
    this.volumes = volumes;
  }

  public List<Item> getNics() {
    return nics;
  }

  public void setNics(List<Item> nics) {
    this.nics = nics;
  }

  public PendingCreate getPendingCreate() {
    return pendingCreate;
  }

  public void setPendingCreate(PendingCreate pendingCreate) {
    this.pendingCreate = pendingCreate;
  }

  @Override
  protected boolean kindEquals(CommonStatus other) {
    PBServerStatus o = (PBServerStatus) other;
    return Objects.equals(datacenterId, o.datacenterId)
        && Objects.equals(vmState, o.vmState)
        && Objects.equals(cpuFamily, o.cpuFamily)
        && Objects.equals(bootVolumeId, o.bootVolumeId)
        && Objects.equals(volumes, o.volumes)
        && Objects.equals(nics, o.nics)
        && Objects.equals(pendingCreate, o.pendingCreate);
  }
}
