package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** What a PBServer should be. Inline volumes and NICs are created with it in one request. */
@ValidationRule(
    value = "has(self.datacenterRef) != has(self.datacenterId)",
    message = "set exactly one of datacenterRef or datacenterId")
@ValidationRule(
    value =
        "has(self.datacenterRef) == has(oldSelf.datacenterRef) && has(self.datacenterId) == has(oldSelf.datacenterId)",
    message = "the datacenter of a server cannot change: create a new PBServer")
@ValidationRule(
    value = "has(self.availabilityZone) == has(oldSelf.availabilityZone)",
    message =
        "availabilityZone cannot be added or removed once the server exists (unset is AUTO):"
            + " create a new PBServer in the zone you want")
@ValidationRule(
    value = "!has(self.volumes) || !self.volumes.exists(v, has(v.imageAlias)) || self.ram >= 1024",
    message =
        "a server with a volume from a public image (imageAlias) needs ram of at least 1024 MiB")
@JsonClassDescription(
    "What the server should be: its datacenter, size (cores, ram), CPU family, availability zone, power state, inline volumes and NICs by unique name, and the volume to boot from.")
public class PBServerSpec extends CommonSpec {
  @ValidationRule(
      value = "self.name == oldSelf.name",
      message = "the datacenter of a server cannot change: create a new PBServer")
  @JsonPropertyDescription(
      "The PBDatacenter (same namespace) of the server. Exactly one of datacenterRef and datacenterId.")
  private LocalRef datacenterRef;

  @Pattern("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
  @ValidationRule(
      value = "self == oldSelf",
      message = "the datacenter of a server cannot change: create a new PBServer")
  @JsonPropertyDescription(
      "Cloud id of a datacenter not managed by this cluster. Exactly one of datacenterRef and datacenterId.")
  private String datacenterId;

  @Size(max = 255)
  @JsonPropertyDescription("Name in the cloud; defaults to the object's name.")
  private String name;

  @Required
  @Min(1)
  @Max(62)
  @JsonPropertyDescription("Number of cores.")
  private Integer cores;

  @Required
  @Min(256)
  @ValidationRule(
      value = "self % 256 == 0",
      message = "ram is in MiB and must be a multiple of 256")
  @JsonPropertyDescription(
      "Memory in MiB, a multiple of 256; at least 1024 with a volume from a public image (the"
          + " cloud's rule for RAM hot-plug capable images).")
  private Integer ram;

  @JsonPropertyDescription(
      "CPU family, e.g. INTEL_SKYLAKE or AMD_OPTERON. Unset: the cloud chooses (shown in status.cpuFamily).")
  private String cpuFamily;

  @ValidationRule(
      value = "self == oldSelf",
      message = "the zone of a server cannot change: create a new PBServer")
  @JsonPropertyDescription(
      "AUTO (default), ZONE_1 or ZONE_2. Immutable: set at create or" + " never, then not changed.")
  private ServerZone availabilityZone;

  @Default("Running")
  @JsonPropertyDescription(
      "Running (default) or Stopped; the operator starts or stops the server to match.")
  private PowerState powerState = PowerState.Running;

  @JsonPropertyDescription(
      "Volumes created with the server and attached to it, by unique name; the first is the boot volume unless bootVolumeRef names another.")
  private List<InlineVolume> volumes = new ArrayList<>();

  @JsonPropertyDescription(
      "A PBVolume (same namespace and datacenter) to boot from instead of the first inline volume. That PBVolume must name this server in its serverRef; an available, unattached volume is attached in the server's create request.")
  private LocalRef bootVolumeRef;

  @JsonPropertyDescription("NICs created with the server, by unique name.")
  private List<InlineNic> nics = new ArrayList<>();

  public enum ServerZone {
    AUTO,
    ZONE_1,
    ZONE_2
  }

  public enum PowerState {
    Running,
    Stopped
  }

  public LocalRef getBootVolumeRef() {
    return bootVolumeRef;
  }

  public void setBootVolumeRef(LocalRef bootVolumeRef) {
    this.bootVolumeRef = bootVolumeRef;
  }

  public LocalRef getDatacenterRef() {
    return datacenterRef;
  }

  public void setDatacenterRef(LocalRef datacenterRef) {
    this.datacenterRef = datacenterRef;
  }

  public String getDatacenterId() {
    return datacenterId;
  }

  public void setDatacenterId(String datacenterId) {
    this.datacenterId = datacenterId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getCores() {
    return cores;
  }

  public void setCores(Integer cores) {
    this.cores = cores;
  }

  public Integer getRam() {
    return ram;
  }

  public void setRam(Integer ram) {
    this.ram = ram;
  }

  public String getCpuFamily() {
    return cpuFamily;
  }

  public void setCpuFamily(String cpuFamily) {
    this.cpuFamily = cpuFamily;
  }

  public ServerZone getAvailabilityZone() {
    return availabilityZone;
  }

  public void setAvailabilityZone(ServerZone availabilityZone) {
    this.availabilityZone = availabilityZone;
  }

  public PowerState getPowerState() {
    return powerState;
  }

  public void setPowerState(PowerState powerState) {
    this.powerState = powerState;
  }

  public List<InlineVolume> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<InlineVolume> volumes) {
    this.volumes = volumes;
  }

  public List<InlineNic> getNics() {
    return nics;
  }

  public void setNics(List<InlineNic> nics) {
    this.nics = nics;
  }
}
