package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a custom resource goes through between the request and storage on kube-apiserver: the status
 * subresource's split (a create or a write of the main resource cannot set status, a write of
 * /status can set nothing else), the name's rules, and the CRD's structural schema (pruning,
 * defaults, validation, CEL rules). The result is the object to store, or the reasons to refuse it.
 */
final class Admission {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private Admission() {}

  /** A create: the status the client sent is dropped when the CRD has a status subresource. */
  static StructuralSchema.Outcome create(ApiResource r, ObjectNode proposed) {
    ObjectNode o = proposed.deepCopy();
    if (r.hasStatusSubresource()) {
      o.remove("status");
    }
    StructuralSchema.Outcome out = StructuralSchema.admit(r.schema(), o, null);
    List<FieldError> errors = new ArrayList<>(metadata(out.object()));
    errors.addAll(out.errors());
    return new StructuralSchema.Outcome(out.object(), errors, out.unknownFields());
  }

  /**
   * An update (PUT, or the result of a PATCH) of the main resource or of its status: what the
   * request may change is taken from {@code proposed}, the rest from {@code stored}.
   */
  static StructuralSchema.Outcome update(
      ApiResource r, ObjectNode stored, ObjectNode proposed, boolean toStatus) {
    ObjectNode o;
    if (toStatus) {
      o = stored.deepCopy();
      if (proposed.has("status")) {
        o.set("status", proposed.get("status").deepCopy());
      } else {
        o.remove("status");
      }
      // the client's resourceVersion decides about conflicts; it stays for the storage's check
      if (proposed.at("/metadata/resourceVersion").isTextual()) {
        Json.metadata(o).set("resourceVersion", proposed.at("/metadata/resourceVersion"));
      }
    } else {
      o = proposed.deepCopy();
      if (r.hasStatusSubresource()) {
        if (stored.has("status")) {
          o.set("status", stored.get("status").deepCopy());
        } else {
          o.remove("status");
        }
      }
    }
    StructuralSchema.Outcome out = StructuralSchema.admit(r.schema(), o, stored);
    List<FieldError> errors = new ArrayList<>(metadata(out.object()));
    errors.addAll(out.errors());
    return new StructuralSchema.Outcome(out.object(), errors, out.unknownFields());
  }

  /** The rules of a custom resource's metadata that a CRD cannot change: its name. */
  private static List<FieldError> metadata(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    JsonNode name = o.at("/metadata/name");
    if (name.isTextual() && !name.asText().isEmpty()) {
      String n = name.asText();
      if (n.length() > 253 || !DNS_SUBDOMAIN.matcher(n).matches()) {
        out.add(
            FieldError.invalid(
                "metadata.name",
                name,
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                    + " characters, '-' or '.', and must start and end with an alphanumeric"
                    + " character (e.g. 'example.com', regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
      }
    } else if (o.at("/metadata/generateName").asText("").isEmpty()) {
      out.add(
          new FieldError(
              FieldError.Type.REQUIRED, "metadata.name", null, "name or generateName is required"));
    }
    return out;
  }
}
