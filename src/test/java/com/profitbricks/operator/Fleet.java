package com.profitbricks.operator;

import com.profitbricks.operator.api.v1alpha1.InlineVolume;
import com.profitbricks.operator.api.v1alpha1.LocalRef;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBDatacenterSpec;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBIPBlockSpec;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBLanSpec;
import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBNicSpec;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBServerSpec;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import com.profitbricks.operator.api.v1alpha1.PBVolumeSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's fleet: per datacenter {@value #LANS} LANs, {@value #SERVERS} servers with an
 * inline boot volume and a PBNic each, a data PBVolume attached by serverRef and an IP block, that
 * is {@value #OBJECTS} objects and {@code resources(1)} cloud resources.
 */
final class Fleet {
  static final int LANS = 4;
  static final int SERVERS = 4;
  static final int OBJECTS = 1 + LANS + 2 * SERVERS + 2;

  private Fleet() {}

  /**
   * Cloud resources the fleet makes: datacenter, LANs, servers, boot volumes, NICs, data volume, IP
   * block.
   */
  static long resources(int datacenters) {
    return (long) datacenters * (1 + LANS + 3L * SERVERS + 1 + 1);
  }

  static List<HasMetadata> of(String ns, int datacenters) {
    List<HasMetadata> out = new ArrayList<>();
    for (int d = 0; d < datacenters; d++) {
      String dc = "dc-" + d;
      PBDatacenter datacenter = new PBDatacenter();
      datacenter.setMetadata(meta(ns, dc));
      PBDatacenterSpec ds = new PBDatacenterSpec();
      ds.setLocation("de/fra");
      datacenter.setSpec(ds);
      out.add(datacenter);
      for (int l = 0; l < LANS; l++) {
        PBLan lan = new PBLan();
        lan.setMetadata(meta(ns, dc + "-lan-" + l));
        PBLanSpec ls = new PBLanSpec();
        ls.setDatacenterRef(new LocalRef(dc));
        ls.setIsPublic(l == 0);
        lan.setSpec(ls);
        out.add(lan);
      }
      for (int s = 0; s < SERVERS; s++) {
        String name = dc + "-srv-" + s;
        PBServer server = new PBServer();
        server.setMetadata(meta(ns, name));
        PBServerSpec ss = new PBServerSpec();
        ss.setDatacenterRef(new LocalRef(dc));
        ss.setCores(1);
        ss.setRam(1024);
        InlineVolume boot = new InlineVolume();
        boot.setName("boot");
        boot.setSize(10);
        boot.setLicenceType(PBVolumeSpec.LicenceType.LINUX);
        ss.setVolumes(new ArrayList<>(List.of(boot)));
        server.setSpec(ss);
        out.add(server);
        PBNic nic = new PBNic();
        nic.setMetadata(meta(ns, name + "-nic"));
        PBNicSpec ns2 = new PBNicSpec();
        ns2.setServerRef(new LocalRef(name));
        ns2.setLanRef(new LocalRef(dc + "-lan-0"));
        nic.setSpec(ns2);
        out.add(nic);
      }
      PBVolume data = new PBVolume();
      data.setMetadata(meta(ns, dc + "-data"));
      PBVolumeSpec vs = new PBVolumeSpec();
      vs.setDatacenterRef(new LocalRef(dc));
      vs.setSize(20);
      vs.setLicenceType(PBVolumeSpec.LicenceType.OTHER);
      vs.setServerRef(new LocalRef(dc + "-srv-0"));
      data.setSpec(vs);
      out.add(data);
      PBIPBlock block = new PBIPBlock();
      block.setMetadata(meta(ns, dc + "-ips"));
      PBIPBlockSpec bs = new PBIPBlockSpec();
      bs.setLocation("de/fra");
      bs.setSize(1);
      block.setSpec(bs);
      out.add(block);
    }
    return out;
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String ns, String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace(ns).build();
  }
}
