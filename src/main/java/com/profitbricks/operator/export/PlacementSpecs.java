package com.profitbricks.operator.export;

import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.IpBlock;
import com.profitbricks.client.model.Lan;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Specs of PBDatacenter, PBIPBlock and PBLan equal to the cloud in every field their diffs compare
 * (DatacenterMapping, IpBlockMapping, LanMapping): a field left unset there means "the object's
 * name" (name) or a default (public: false), so each is written as the cloud has it.
 */
final class PlacementSpecs {
  private PlacementSpecs() {}

  static Manifest datacenter(Datacenter dc, String name) {
    Manifest m = new Manifest(Manifest.DATACENTER, name, dc.id());
    Datacenter.Properties p = dc.properties();
    Checks.name(m, p.name());
    if (p.name() != null && !p.name().isBlank()) {
      Checks.matches(m, "name", p.name(), Checks.DATACENTER_NAME);
    }
    if (p.description() != null) {
      m.spec.put("description", p.description());
      if (p.description().length() > 1024) {
        m.blockers.add("its description is longer than the 1024 characters the spec takes");
      }
    }
    if (Checks.matches(m, "location", p.location(), Checks.LOCATION)) {
      m.spec.put("location", p.location());
    }
    if (p.secAuthProtection() != null) {
      m.spec.put("secAuthProtection", p.secAuthProtection());
    }
    m.hints.add(
        "Deleting this object deletes the datacenter with everything in it, whatever the"
            + " deletionPolicy of the objects inside says.");
    return m;
  }

  static Manifest ipBlock(ExportPlan plan, IpBlock b, String name) {
    Manifest m = new Manifest(Manifest.IP_BLOCK, name, b.id());
    IpBlock.Properties p = b.properties();
    if (Checks.matches(m, "location", p.location(), Checks.LOCATION)) {
      m.spec.put("location", p.location());
    }
    if (Checks.within(m, "size", p.size(), 1, 64)) {
      m.spec.put("size", p.size());
    }
    Checks.name(m, p.name());
    m.facts.add("reserved addresses: " + (p.ips() == null ? "none" : String.join(", ", p.ips())));
    Set<String> exported = new HashSet<>();
    plan.snapshot.datacenters().forEach(d -> exported.add(d.id()));
    for (IpBlock.IpConsumer c :
        p.ipConsumers() == null ? List.<IpBlock.IpConsumer>of() : p.ipConsumers()) {
      if (c.datacenterId() != null && !exported.contains(c.datacenterId())) {
        m.facts.add(
            "address "
                + c.ip()
                + " is used by NIC "
                + c.nicId()
                + " in datacenter "
                + c.datacenterId()
                + ", which this export does not include");
      }
    }
    return m;
  }

  static Manifest lan(ExportPlan plan, Datacenter dc, Lan l, String name) {
    Manifest m = new Manifest(Manifest.LAN, name, l.id());
    plan.datacenterOf(m, dc.id());
    Lan.Properties p = l.properties();
    Checks.name(m, p.name());
    m.spec.put("public", Boolean.TRUE.equals(p.isPublic()));
    if (p.ipFailover() != null && !p.ipFailover().isEmpty()) {
      m.facts.add(
          "IP failover groups ("
              + p.ipFailover().size()
              + "): no PBLan field holds them; the operator neither reads nor changes them");
    }
    if (p.pcc() != null) {
      m.facts.add(
          "connected to cross-connect "
              + p.pcc()
              + ": no PBLan field holds it; the operator neither reads nor changes it");
    }
    return m;
  }
}
