package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The seeded, read-only part of the cloud: locations and their public images. */
final class Catalog {
  record CpuFamily(String name, int maxCores, int maxRam, String vendor) {}

  record LocationInfo(String id, String name, List<CpuFamily> cpuFamilies) {}

  record ImageInfo(
      String id,
      String name,
      String location,
      double size,
      String licenceType,
      String imageType,
      List<String> aliases) {}

  static final List<String> FEATURES =
      List.of("SSD", "MULTIPLE_CPU", "VNF_LB", "PRIVATE_LAN", "ZONING");

  final Map<String, LocationInfo> locations = new LinkedHashMap<>();
  final Map<String, ImageInfo> images = new LinkedHashMap<>();

  Catalog() {
    CpuFamily amd = new CpuFamily("AMD_OPTERON", 62, 245760, "AuthenticAMD");
    CpuFamily skylake = new CpuFamily("INTEL_SKYLAKE", 62, 245760, "GenuineIntel");
    CpuFamily xeon = new CpuFamily("INTEL_XEON", 31, 196608, "GenuineIntel");
    CpuFamily icelake = new CpuFamily("INTEL_ICELAKE", 62, 245760, "GenuineIntel");
    CpuFamily epyc = new CpuFamily("AMD_EPYC", 62, 245760, "AuthenticAMD");
    add(new LocationInfo("de/fra", "frankfurt", List.of(icelake, amd, epyc, skylake)));
    add(new LocationInfo("de/fkb", "karlsruhe", List.of(amd, skylake, xeon)));
    add(new LocationInfo("de/txl", "berlin", List.of(icelake, amd, epyc, skylake)));
    add(new LocationInfo("gb/lhr", "london", List.of(amd, skylake)));
    add(new LocationInfo("gb/bhx", "worcester", List.of(icelake)));
    add(new LocationInfo("us/las", "lasvegas", List.of(amd, epyc, xeon, skylake)));
    add(new LocationInfo("us/ewr", "newark", List.of(amd, skylake)));
    add(new LocationInfo("us/mci", "kansascity", List.of(icelake)));
    add(new LocationInfo("es/vit", "vitoria", List.of(icelake, skylake)));
    add(new LocationInfo("fr/par", "paris", List.of(icelake)));
    for (LocationInfo l : locations.values()) {
      image(
          l,
          "ubuntu-24.04-server-cloudimg-amd64",
          3.5,
          "LINUX",
          "HDD",
          "ubuntu:latest",
          "ubuntu:24.04");
      image(l, "ubuntu-22.04-server-cloudimg-amd64", 3.5, "LINUX", "HDD", "ubuntu:22.04");
      image(l, "debian-12-genericcloud-amd64", 2, "LINUX", "HDD", "debian:latest", "debian:12");
      image(
          l, "rockylinux-9-GenericCloud", 10, "LINUX", "HDD", "rockylinux:latest", "rockylinux:9");
      image(l, "windows-2022-server", 32, "WINDOWS2022", "HDD", "windows:latest", "windows:2022");
      image(l, "ubuntu-24.04-live-server-amd64.iso", 2.6, "LINUX", "CDROM", "ubuntu:latest_iso");
      image(l, "debian-12-netinst-amd64.iso", 0.6, "LINUX", "CDROM", "debian:latest_iso");
    }
  }

  private void add(LocationInfo l) {
    locations.put(l.id(), l);
  }

  private void image(
      LocationInfo l,
      String name,
      double size,
      String licence,
      String imageType,
      String... aliases) {
    // stable ids: the same image has the same id in every simulator run
    String id =
        UUID.nameUUIDFromBytes(
                (l.id() + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString();
    images.put(id, new ImageInfo(id, name, l.id(), size, licence, imageType, List.of(aliases)));
  }

  /** Resolves an image alias (e.g. {@code ubuntu:latest}) in a location to an image id. */
  String resolveAlias(String alias, String location) {
    for (ImageInfo i : images.values()) {
      if (i.location().equals(location) && i.aliases().contains(alias)) {
        return i.id();
      }
    }
    return null;
  }

  List<String> aliases(String location) {
    List<String> out = new ArrayList<>();
    for (ImageInfo i : images.values()) {
      if (i.location().equals(location)) {
        out.addAll(i.aliases());
      }
    }
    return out;
  }

  ObjectNode cpuArchitecture(ObjectMapper m, CpuFamily f) {
    ObjectNode o = m.createObjectNode();
    o.put("cpuFamily", f.name());
    o.put("maxCores", f.maxCores());
    o.put("maxRam", f.maxRam());
    o.put("vendor", f.vendor());
    return o;
  }

  ArrayNode cpuArchitectures(ObjectMapper m, String location) {
    ArrayNode a = m.createArrayNode();
    for (CpuFamily f : locations.get(location).cpuFamilies()) {
      a.add(cpuArchitecture(m, f));
    }
    return a;
  }

  CpuFamily family(String location, String name) {
    for (CpuFamily f : locations.get(location).cpuFamilies()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** The public images, as nodes of the store. */
  List<Node> imageNodes(ObjectMapper mapper) {
    List<Node> out = new ArrayList<>();
    for (ImageInfo i : images.values()) {
      ObjectNode p = mapper.createObjectNode();
      p.put("name", i.name());
      p.putNull("description");
      p.put("location", i.location());
      p.put("size", i.size());
      for (String flag : Rules.VOLUME_HOT_PLUG) {
        p.put(flag, true);
      }
      for (String flag :
          List.of("cpuHotUnplug", "ramHotUnplug", "discScsiHotPlug", "discScsiHotUnplug")) {
        p.put(flag, false);
      }
      p.put("licenceType", i.licenceType());
      p.put("imageType", i.imageType());
      p.put("public", true);
      ArrayNode aliases = p.putArray("imageAliases");
      i.aliases().forEach(aliases::add);
      p.put("cloudInit", i.imageType().equals("HDD") ? "V1" : "NONE");
      out.add(new Node(i.id(), "image", null, "images", p, "2024-01-01T00:00:00Z", "System"));
    }
    return out;
  }
}
