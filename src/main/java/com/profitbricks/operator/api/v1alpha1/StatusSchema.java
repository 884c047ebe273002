package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;

/**
 * What the CRD generator has no annotation for, applied while the CRDs are generated at build time
 * (never at run time): {@value #CONDITIONS} on a status class makes {@code conditions} a list keyed
 * by {@code type} whose entries are shaped and constrained like metav1.Condition, so kubectl,
 * server-side apply and kstatus treat them as Kubernetes' own; {@value #STATUS_DEFAULT} on a kind
 * defaults {@code status} to {@code {observedGeneration: -1}}, so kstatus (Flux {@code wait}, Argo
 * CD) sees an object the operator has not looked at yet as in progress rather than current.
 */
public final class StatusSchema implements SchemaCustomizer.Customizer {
  public static final String CONDITIONS = "conditions";
  public static final String STATUS_DEFAULT = "statusDefault";

  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (STATUS_DEFAULT.equals(input)) {
      schema
          .getProperties()
          .get("status")
          .setDefault(json.objectNode().put("observedGeneration", -1));
      return schema;
    }
    JSONSchemaProps conditions = schema.getProperties().get("conditions");
    conditions.setXKubernetesListType("map");
    conditions.setXKubernetesListMapKeys(List.of("type"));
    JSONSchemaProps item = conditions.getItems().getSchema();
    item.setRequired(List.of("type", "status", "lastTransitionTime", "reason", "message"));
    Map<String, JSONSchemaProps> p = item.getProperties();
    p.get("type").setMaxLength(316L);
    p.get("status")
        .setEnum(
            List.<JsonNode>of(
                json.textNode("True"), json.textNode("False"), json.textNode("Unknown")));
    p.get("observedGeneration").setMinimum(0.0);
    p.get("lastTransitionTime").setFormat("date-time");
    p.get("reason").setMinLength(1L);
    p.get("reason").setMaxLength(1024L);
    p.get("reason").setPattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");
    p.get("message").setMaxLength(32768L);
    return schema;
  }
}
