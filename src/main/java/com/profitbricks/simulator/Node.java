package com.profitbricks.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cloud resource as the simulator keeps it: a JSON tree of properties plus the bookkeeping the
 * API derives its answers from. Plain mutable state, only touched under the store's lock.
 */
final class Node {
  final String id;
  final String type;
  final Node parent;
  final String collection;
  ObjectNode properties;
  final String createdDate;
  final String createdBy;
  String lastModifiedDate;
  String lastModifiedBy;
  String etag;

  /** AVAILABLE or INACTIVE when no request is pending on this node. */
  String restingState = "AVAILABLE";

  /** Unfinished requests that touch this node; BUSY while above zero. */
  int pending;

  /** A DELETE was accepted and is not yet DONE: still readable, then gone. */
  boolean deleting;

  /**
   * Created by a request that has not ended yet while late visibility is on: the API answers 404
   * for it and leaves it out of every listing, though it exists (and counts) in the cloud.
   */
  boolean hidden;

  /** Volume: the bus asked for at create, shown only once attached (the API reads null before). */
  String requestedBus;

  final Map<String, LinkedHashMap<String, Node>> children = new LinkedHashMap<>();

  /** Server: ids of attached volumes, in attach order. */
  final List<String> attachedVolumes = new ArrayList<>();

  /** Server: ids of attached CD-ROM images. */
  final List<String> cdroms = new ArrayList<>();

  /**
   * NIC: the dynamic public addresses the cloud took back when its server was stopped; as many new
   * ones, different, come with the next start.
   */
  final List<String> releasedIps = new ArrayList<>();

  /** Load balancer: ids of balanced NICs. */
  final List<String> balancedNics = new ArrayList<>();

  final Map<String, Node> labels = new LinkedHashMap<>();

  Node(
      String id,
      String type,
      Node parent,
      String collection,
      ObjectNode properties,
      String now,
      String user) {
    this.id = id;
    this.type = type;
    this.parent = parent;
    this.collection = collection;
    this.properties = properties;
    this.createdDate = now;
    this.createdBy = user;
    this.lastModifiedDate = now;
    this.lastModifiedBy = user;
  }

  LinkedHashMap<String, Node> children(String name) {
    return children.computeIfAbsent(name, k -> new LinkedHashMap<>());
  }

  String path() {
    return (parent == null ? "" : parent.path()) + "/" + collection + "/" + id;
  }

  Node datacenter() {
    Node n = this;
    while (n != null && !n.type.equals("datacenter")) {
      n = n.parent;
    }
    return n;
  }

  String state() {
    return pending > 0 ? "BUSY" : restingState;
  }

  String text(String property) {
    var v = properties.get(property);
    return v == null || v.isNull() ? null : v.asText();
  }
}
