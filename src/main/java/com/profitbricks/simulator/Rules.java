package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each resource type accepts in {@code properties}: types (leniently, as the real API takes
 * {@code "true"} for a boolean and {@code "2"} for a number, facts §8), enums, ranges, required and
 * immutable fields. Unknown property names are refused with 422 on purpose: a client that misspells
 * a field then fails here instead of being silently ignored. Read-only properties (what a GET
 * returns) are accepted and dropped, so a read-modify-write round trip works.
 */
final class Rules {
  enum Kind {
    STRING,
    BOOL,
    INT,
    NUMBER,
    STRINGS,
    REF,
    OBJECTS,
    IPV4,
    MAC
  }

  record Prop(
      String name,
      Kind kind,
      Set<String> values,
      boolean required,
      boolean immutable,
      Integer min,
      Integer max) {}

  enum Mode {
    CREATE,
    PATCH,
    PUT
  }

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern PASSWORD = Pattern.compile("^[A-Za-z0-9]{8,50}$");
  private static final Pattern DC_NAME_FORBIDDEN = Pattern.compile("[@/\\\\|\"']");

  static final Set<String> LICENCES =
      Set.of("UNKNOWN", "WINDOWS", "WINDOWS2016", "WINDOWS2022", "LINUX", "OTHER");

  /** The ten hot-plug flags of images and snapshots (v4 and v6 names). */
  static final List<String> HOT_PLUG =
      List.of(
          "cpuHotPlug",
          "cpuHotUnplug",
          "ramHotPlug",
          "ramHotUnplug",
          "nicHotPlug",
          "nicHotUnplug",
          "discVirtioHotPlug",
          "discVirtioHotUnplug",
          "discScsiHotPlug",
          "discScsiHotUnplug");

  /** The six of them a v6 volume has; the others a volume reads as absent. */
  static final List<String> VOLUME_HOT_PLUG =
      List.of(
          "cpuHotPlug",
          "ramHotPlug",
          "nicHotPlug",
          "nicHotUnplug",
          "discVirtioHotPlug",
          "discVirtioHotUnplug");

  /**
   * Properties where {@code null} in an update has a documented meaning, so it is applied rather
   * than ignored (facts §13a E10): NIC {@code ips} null means addresses assigned by the cloud, a
   * firewall rule's address, MAC, ICMP and port fields null mean "any".
   */
  private static final Map<String, Set<String>> NULL_MEANS =
      Map.of(
          "nic",
          Set.of("ips"),
          "firewall-rule",
          Set.of(
              "sourceMac",
              "sourceIp",
              "targetIp",
              "icmpCode",
              "icmpType",
              "portRangeStart",
              "portRangeEnd"));

  /** Volume properties only a create takes (facts §13a E2): refused in PATCH and PUT. */
  static final List<String> CREATE_ONLY =
      List.of("imagePassword", "sshKeys", "userData", "backupunitId");

  /** RAM a server needs when one of its volumes is ramHotPlug capable (facts §13a E4). */
  static final int HOT_PLUG_MIN_RAM = 1024;

  private static final Map<String, Map<String, Prop>> SCHEMA = new LinkedHashMap<>();
  private static final Map<String, Set<String>> READ_ONLY = new LinkedHashMap<>();

  static {
    type(
        "datacenter",
        Set.of("version", "features", "cpuArchitecture"),
        p("name", Kind.STRING),
        p("description", Kind.STRING),
        req(imm(p("location", Kind.STRING))),
        p("secAuthProtection", Kind.BOOL));
    type(
        "server",
        Set.of("vmState"),
        p("name", Kind.STRING),
        req(range(p("cores", Kind.INT), 1, null)),
        req(range(p("ram", Kind.INT), 256, null)),
        imm(e("availabilityZone", "AUTO", "ZONE_1", "ZONE_2")),
        p("bootVolume", Kind.REF),
        p("bootCdrom", Kind.REF),
        p("cpuFamily", Kind.STRING),
        imm(e("type", "ENTERPRISE", "CUBE", "VCPU")),
        imm(p("templateUuid", Kind.STRING)),
        p("placementGroupId", Kind.STRING));
    type(
        "volume",
        Set.of(
            "deviceNumber",
            "pciSlot",
            "bootServer",
            "cpuHotUnplug",
            "ramHotUnplug",
            "discScsiHotPlug",
            "discScsiHotUnplug"),
        p("name", Kind.STRING),
        imm(e("type", "HDD", "SSD", "SSD Standard", "SSD Premium", "DAS", "ISO")),
        req(p("size", Kind.NUMBER)),
        imm(e("availabilityZone", "AUTO", "ZONE_1", "ZONE_2", "ZONE_3")),
        imm(p("image", Kind.STRING)),
        p("imagePassword", Kind.STRING),
        imm(p("imageAlias", Kind.STRING)),
        p("sshKeys", Kind.STRINGS),
        e("bus", "VIRTIO", "IDE", "UNKNOWN"),
        new Prop("licenceType", Kind.STRING, LICENCES, false, false, null, null),
        p("cpuHotPlug", Kind.BOOL),
        p("ramHotPlug", Kind.BOOL),
        p("nicHotPlug", Kind.BOOL),
        p("nicHotUnplug", Kind.BOOL),
        p("discVirtioHotPlug", Kind.BOOL),
        p("discVirtioHotUnplug", Kind.BOOL),
        p("backupunitId", Kind.STRING),
        p("userData", Kind.STRING),
        e("bootOrder", "AUTO", "NONE", "PRIMARY"));
    type(
        "nic",
        Set.of("mac", "deviceNumber", "pciSlot", "nat", "vnet"),
        p("name", Kind.STRING),
        p("ips", Kind.STRINGS),
        p("dhcp", Kind.BOOL),
        req(range(p("lan", Kind.INT), 1, null)),
        p("firewallActive", Kind.BOOL),
        e("firewallType", "INGRESS", "EGRESS", "BIDIRECTIONAL"));
    type(
        "firewall-rule",
        Set.of(),
        p("name", Kind.STRING),
        req(imm(e("protocol", "TCP", "UDP", "ICMP", "ANY"))),
        p("sourceMac", Kind.MAC),
        p("sourceIp", Kind.IPV4),
        p("targetIp", Kind.IPV4),
        range(p("icmpCode", Kind.INT), 0, 254),
        range(p("icmpType", Kind.INT), 0, 254),
        range(p("portRangeStart", Kind.INT), 1, 65534),
        range(p("portRangeEnd", Kind.INT), 1, 65534),
        e("type", "INGRESS", "EGRESS"));
    type(
        "lan",
        Set.of(),
        p("name", Kind.STRING),
        p("public", Kind.BOOL),
        p("ipFailover", Kind.OBJECTS),
        p("pcc", Kind.STRING));
    type(
        "loadbalancer", Set.of(), p("name", Kind.STRING), p("ip", Kind.IPV4), p("dhcp", Kind.BOOL));
    type(
        "ipblock",
        Set.of("ips", "ipConsumers"),
        req(imm(p("location", Kind.STRING))),
        req(imm(range(p("size", Kind.INT), 1, 64))),
        p("name", Kind.STRING));
    Prop[] snapshot = new Prop[HOT_PLUG.size() + 4];
    snapshot[0] = p("name", Kind.STRING);
    snapshot[1] = p("description", Kind.STRING);
    snapshot[2] = p("secAuthProtection", Kind.BOOL);
    snapshot[3] = new Prop("licenceType", Kind.STRING, LICENCES, false, false, null, null);
    for (int i = 0; i < HOT_PLUG.size(); i++) {
      snapshot[i + 4] = p(HOT_PLUG.get(i), Kind.BOOL);
    }
    type("snapshot", Set.of("location", "size"), snapshot);
    Prop[] image = java.util.Arrays.copyOf(snapshot, snapshot.length + 1);
    image[2] = e("cloudInit", "NONE", "V1");
    image[snapshot.length] = p("description", Kind.STRING);
    type("image", Set.of("location", "size", "imageType", "public", "imageAliases"), image);
  }

  private Rules() {}

  private static void type(String type, Set<String> readOnly, Prop... props) {
    Map<String, Prop> m = new LinkedHashMap<>();
    for (Prop p : props) {
      m.put(p.name(), p);
    }
    SCHEMA.put(type, m);
    READ_ONLY.put(type, readOnly);
  }

  private static Prop p(String name, Kind kind) {
    return new Prop(name, kind, null, false, false, null, null);
  }

  private static Prop e(String name, String... values) {
    return new Prop(name, Kind.STRING, Set.of(values), false, false, null, null);
  }

  private static Prop req(Prop p) {
    return new Prop(p.name(), p.kind(), p.values(), true, p.immutable(), p.min(), p.max());
  }

  private static Prop imm(Prop p) {
    return new Prop(p.name(), p.kind(), p.values(), p.required(), true, p.min(), p.max());
  }

  private static Prop range(Prop p, Integer min, Integer max) {
    return new Prop(p.name(), p.kind(), p.values(), p.required(), p.immutable(), min, max);
  }

  /**
   * Checks and normalizes the {@code properties} of a create, patch or put. For PATCH and PUT an
   * immutable property may be repeated with its current value but not changed.
   */
  static ObjectNode normalize(
      String type, JsonNode input, Mode mode, ObjectNode current, String path) {
    Map<String, Prop> schema = SCHEMA.get(type);
    if (input != null && !input.isNull() && !input.isObject()) {
      throw ApiError.validation("[(root)." + path + "] must be an object");
    }
    ObjectNode out = F.objectNode();
    if (input != null && input.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String name = f.getKey();
        Prop prop = schema.get(name);
        if (prop == null) {
          if (READ_ONLY.get(type).contains(name)) {
            continue;
          }
          throw ApiError.validation(
              "[(root)."
                  + path
                  + "."
                  + name
                  + "] Attribute '"
                  + name
                  + "' is not allowed for a "
                  + type);
        }
        if (f.getValue().isNull()) {
          if (mode != Mode.CREATE && NULL_MEANS.getOrDefault(type, Set.of()).contains(name)) {
            out.putNull(name);
          }
          continue;
        }
        JsonNode value = Coercion.coerce(prop, f.getValue(), path + "." + name);
        if (mode != Mode.CREATE && prop.immutable() && current != null) {
          JsonNode was = current.get(name);
          if (!sameValue(was, value)) {
            throw ApiError.immutable(path + "." + name);
          }
        }
        out.set(name, value);
      }
    }
    if (mode != Mode.PATCH) {
      for (Prop p : schema.values()) {
        if (p.required() && !out.has(p.name()) && (mode == Mode.CREATE || !p.immutable())) {
          throw ApiError.required(path + "." + p.name());
        }
      }
    }
    return out;
  }

  private static boolean sameValue(JsonNode was, JsonNode now) {
    if (was == null || was.isNull()) {
      return now == null || now.isNull();
    }
    if (was.isNumber() && now.isNumber()) {
      return was.decimalValue().compareTo(now.decimalValue()) == 0;
    }
    return was.equals(now);
  }

  static void checkDatacenterName(ObjectNode props, String path) {
    String name = props.path("name").asText(null);
    if (name != null && DC_NAME_FORBIDDEN.matcher(name).find()) {
      throw ApiError.validation("[(root)." + path + ".name] must not contain @, /, \\, |, \" or '");
    }
  }

  static void checkServer(ObjectNode merged, Catalog.CpuFamily family, String path) {
    int ram = merged.path("ram").asInt();
    if (ram % 256 != 0) {
      throw ApiError.validation(
          "[(root)." + path + ".ram] must be a multiple of 256 MiB, was " + ram);
    }
    int cores = merged.path("cores").asInt();
    if (family != null && cores > family.maxCores()) {
      throw ApiError.validation(
          "[(root)."
              + path
              + ".cores] "
              + family.name()
              + " allows at most "
              + family.maxCores()
              + " cores, was "
              + cores);
    }
    if (family != null && ram > family.maxRam()) {
      throw ApiError.validation(
          "[(root)."
              + path
              + ".ram] "
              + family.name()
              + " allows at most "
              + family.maxRam()
              + " MiB, was "
              + ram);
    }
  }

  static void checkPassword(String password, String path) {
    if (password != null && !PASSWORD.matcher(password).matches()) {
      throw ApiError.validation(
          "[(root)."
              + path
              + ".imagePassword] Password must be 8 to 50 characters long and contain only"
              + " a-z, A-Z and 0-9");
    }
  }

  /**
   * Create-only volume properties in an update: refused, as the API does (facts §13a E2). A PUT may
   * repeat what a read showed ({@code current}), so a read-modify-write round trip works.
   */
  static void checkCreateOnly(JsonNode input, JsonNode current, String path) {
    if (input == null || !input.isObject()) {
      return;
    }
    for (String name : CREATE_ONLY) {
      if (input.hasNonNull(name)
          && (current == null || !input.get(name).equals(current.get(name)))) {
        throw ApiError.validation(
            "[(root)."
                + path
                + "."
                + name
                + "] Attribute '"
                + name
                + "' can only be set when the volume is created; it is forbidden in update"
                + " requests");
      }
    }
  }

  /**
   * A server with a volume whose image is RAM hot-plug capable (every public image) needs 1024 MiB
   * (facts §13a E4).
   */
  static void checkHotPlugRam(int ram, boolean hotPlugVolume, String path) {
    if (hotPlugVolume && ram < HOT_PLUG_MIN_RAM) {
      throw ApiError.business(
          "VDC-1-1832",
          "[(root)."
              + path
              + ".ram] a server with a RAM hot-plug capable volume needs at least "
              + HOT_PLUG_MIN_RAM
              + " MB of RAM, was "
              + ram);
    }
  }

  static void checkPorts(ObjectNode merged, String path) {
    if (merged.hasNonNull("portRangeStart")
        && merged.hasNonNull("portRangeEnd")
        && merged.get("portRangeStart").asInt() > merged.get("portRangeEnd").asInt()) {
      throw ApiError.validation(
          "[(root)." + path + ".portRangeEnd] must not be lower than portRangeStart");
    }
  }

  static void checkIps(JsonNode ips, String path) {
    if (ips == null) {
      return;
    }
    for (JsonNode ip : ips) {
      if (!IPV4.matcher(ip.asText()).matches()) {
        throw ApiError.validation(
            "[(root)." + path + ".ips] '" + ip.asText() + "' is not a valid IPv4 address");
      }
    }
  }
}
