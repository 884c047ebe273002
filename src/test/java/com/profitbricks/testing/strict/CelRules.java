package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRD's {@code x-kubernetes-validations} on one node of an object, evaluated with cel-java the
 * way kube-apiserver evaluates them: {@code self} is the node's value, {@code oldSelf} the value at
 * the same place in the stored object; a rule that mentions {@code oldSelf} (a transition rule)
 * runs only on updates where that old value exists. A rule that is false gives its message (or
 * "failed rule: ...") with its reason and fieldPath.
 */
final class CelRules {
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(CelExtensions.strings())
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().addLibraries(CelExtensions.strings()).build();
  private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

  private CelRules() {}

  /** The errors of the rules at {@code schema} for the value {@code self} at {@code path}. */
  static List<FieldError> check(JsonNode schema, String path, JsonNode self, JsonNode oldSelf) {
    List<FieldError> out = new ArrayList<>();
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String expression = rule.path("rule").asText();
      boolean transition = expression.contains("oldSelf");
      if (transition && (oldSelf == null || oldSelf.isMissingNode())) {
        continue;
      }
      String field = path + rule.path("fieldPath").asText("");
      if (field.isEmpty()) {
        field = "<nil>"; // a rule on the whole object: kube-apiserver names no field
      }
      String type = schema.path("type").asText("object");
      Map<String, Object> vars = new HashMap<>();
      vars.put("self", value(self));
      if (transition) {
        vars.put("oldSelf", value(oldSelf));
      }
      Object result;
      try {
        result = program(expression).eval(vars);
      } catch (CelEvaluationException | RuntimeException e) {
        out.add(FieldError.invalid(field, Json.MAPPER.valueToTree(type), e.getMessage()));
        continue;
      }
      if (!Boolean.TRUE.equals(result)) {
        String message =
            rule.hasNonNull("message")
                ? rule.path("message").asText()
                : "failed rule: " + expression;
        out.add(error(rule.path("reason").asText("FieldValueInvalid"), field, type, message));
      }
    }
    return out;
  }

  private static FieldError error(String reason, String field, String type, String message) {
    return switch (reason) {
      case "FieldValueRequired" -> new FieldError(FieldError.Type.REQUIRED, field, null, message);
      case "FieldValueForbidden" -> new FieldError(FieldError.Type.FORBIDDEN, field, null, message);
      case "FieldValueDuplicate" ->
          new FieldError(FieldError.Type.DUPLICATE, field, Json.MAPPER.valueToTree(type), message);
      default -> FieldError.invalid(field, Json.MAPPER.valueToTree(type), message);
    };
  }

  private static CelRuntime.Program program(String expression) {
    return PROGRAMS.computeIfAbsent(
        expression,
        e -> {
          try {
            CelAbstractSyntaxTree ast = COMPILER.compile(e).getAst();
            return RUNTIME.createProgram(ast);
          } catch (CelValidationException | CelEvaluationException x) {
            // kube-apiserver refuses such a CRD at its creation; here the CRD came from crds/
            throw new IllegalStateException("CEL rule does not compile: " + e, x);
          }
        });
  }

  /** A JSON value as CEL's runtime takes it: maps, lists, Long, Double, String, Boolean. */
  static Object value(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return com.google.protobuf.NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      node.fields()
          .forEachRemaining(
              f -> {
                if (!f.getValue().isNull()) {
                  m.put(f.getKey(), value(f.getValue()));
                }
              });
      return m;
    }
    if (node.isArray()) {
      List<Object> l = new ArrayList<>();
      node.forEach(n -> l.add(value(n)));
      return l;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
