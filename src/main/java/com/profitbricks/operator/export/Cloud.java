package com.profitbricks.operator.export;

import com.profitbricks.client.model.Collection;
import com.profitbricks.client.model.Datacenter;
import com.profitbricks.client.model.FirewallRule;
import com.profitbricks.client.model.Image;
import com.profitbricks.client.model.Lan;
import com.profitbricks.client.model.Nic;
import com.profitbricks.client.model.Server;
import com.profitbricks.client.model.Volume;
import java.util.List;

/** The children of a depth read, none where the read shows no collection. */
final class Cloud {
  private Cloud() {}

  static List<Lan> lans(Datacenter dc) {
    return dc.entities() == null ? List.of() : items(dc.entities().lans());
  }

  static List<Server> servers(Datacenter dc) {
    return dc.entities() == null ? List.of() : items(dc.entities().servers());
  }

  static List<Volume> volumes(Datacenter dc) {
    return dc.entities() == null ? List.of() : items(dc.entities().volumes());
  }

  static List<Nic> nics(Server s) {
    return s.entities() == null ? List.of() : items(s.entities().nics());
  }

  /** The ids of the volumes attached to a server (a depth read lists them there by reference). */
  static List<String> attachedVolumeIds(Server s) {
    return s.entities() == null
        ? List.of()
        : items(s.entities().volumes()).stream().map(Volume::id).toList();
  }

  static List<Image> cdroms(Server s) {
    return s.entities() == null ? List.of() : items(s.entities().cdroms());
  }

  static List<FirewallRule> rules(Nic n) {
    return n.entities() == null ? List.of() : items(n.entities().firewallrules());
  }

  private static <T> List<T> items(Collection<T> c) {
    return c == null ? List.of() : c.itemsOrEmpty();
  }
}
