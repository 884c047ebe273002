package com.profitbricks.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Gives {@code kubectl explain <kind>}, {@code .spec} and {@code .status} their text: the CRD
 * generator reads property descriptions only, so the {@link JsonClassDescription} of a kind (input:
 * its class name) and of its spec and status classes is written into the schema here, at build
 * time.
 */
public final class Explain implements SchemaCustomizer.Customizer {
  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
    Class<?> kind = load(input);
    schema.setDescription(describe(kind));
    Type[] parts = ((ParameterizedType) kind.getGenericSuperclass()).getActualTypeArguments();
    schema.getProperties().get("spec").setDescription(describe((Class<?>) parts[0]));
    schema.getProperties().get("status").setDescription(describe((Class<?>) parts[1]));
    return schema;
  }

  private static String describe(Class<?> c) {
    JsonClassDescription d = c.getAnnotation(JsonClassDescription.class);
    if (d == null) {
      throw new IllegalStateException(c.getName() + " has no @JsonClassDescription");
    }
    return d.value();
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, Explain.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Explain input names no class: " + name, e);
    }
  }
}
