package com.profitbricks.operator.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.profitbricks.operator.api.v1alpha1.PBDatacenter;
import com.profitbricks.operator.api.v1alpha1.PBIPBlock;
import com.profitbricks.operator.api.v1alpha1.PBLan;
import com.profitbricks.operator.api.v1alpha1.PBNic;
import com.profitbricks.operator.api.v1alpha1.PBServer;
import com.profitbricks.operator.api.v1alpha1.PBVolume;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One exported object, kept as a generic tree rather than the spec classes, so that fields this
 * tree writes (managementPolicy) need no setter of the version of the API it is built with.
 */
final class Manifest {
  static final String API_VERSION = HasMetadata.getApiVersion(PBDatacenter.class);
  static final String DATACENTER = HasMetadata.getKind(PBDatacenter.class);
  static final String LAN = HasMetadata.getKind(PBLan.class);
  static final String IP_BLOCK = HasMetadata.getKind(PBIPBlock.class);
  static final String SERVER = HasMetadata.getKind(PBServer.class);
  static final String VOLUME = HasMetadata.getKind(PBVolume.class);
  static final String NIC = HasMetadata.getKind(PBNic.class);

  final String kind;
  final String name;
  final String cloudId;
  final ObjectNode spec = JsonNodeFactory.instance.objectNode();

  /** Read-only facts of the cloud resource that no spec field expresses: reported, not written. */
  final List<String> facts = new ArrayList<>();

  /** Hints for the user, written as YAML comments above the object. */
  final List<String> hints = new ArrayList<>();

  /**
   * Why applying this object would make the operator write to the cloud: such an object is held
   * back (written apart, not listed in the kustomization) and its dependents name it by cloud id.
   */
  final List<String> blockers = new ArrayList<>();

  Manifest(String kind, String name, String cloudId) {
    this.kind = kind;
    this.name = name;
    this.cloudId = cloudId;
    spec.put("adoptId", cloudId);
  }

  boolean heldBack() {
    return !blockers.isEmpty();
  }

  /** {@code lan-public.yaml}: the kind without its PB prefix, and the object's name. */
  String fileName() {
    return kind.substring(2).toLowerCase(Locale.ROOT) + "-" + name + ".yaml";
  }

  /** The whole object; {@code namespace} may be null (the namespace applying it chooses). */
  ObjectNode document(String namespace) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("apiVersion", API_VERSION);
    doc.put("kind", kind);
    ObjectNode meta = doc.putObject("metadata");
    meta.put("name", name);
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    doc.set("spec", spec);
    return doc;
  }

  /** "PBServer web (cloud id …)", how the report names it. */
  String title() {
    return kind + " " + name + " (cloud id " + cloudId + ")";
  }
}
