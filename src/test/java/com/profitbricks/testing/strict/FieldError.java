package com.profitbricks.testing.strict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One reason an object is invalid, worded as apimachinery's field.Error: {@code <field>: <Type>:
 * <value>: <detail>}. Its cause reason ({@code FieldValueInvalid}, ...) goes into the 422 Status.
 */
public record FieldError(Type type, String field, JsonNode value, String detail) {
  public enum Type {
    INVALID("Invalid value", "FieldValueInvalid"),
    REQUIRED("Required value", "FieldValueRequired"),
    NOT_SUPPORTED("Unsupported value", "FieldValueNotSupported"),
    DUPLICATE("Duplicate value", "FieldValueDuplicate"),
    TOO_LONG("Too long", "FieldValueTooLong"),
    TOO_MANY("Too many", "FieldValueTooMany"),
    FORBIDDEN("Forbidden", "FieldValueForbidden");

    final String text;
    final String reason;

    Type(String text, String reason) {
      this.text = text;
      this.reason = reason;
    }
  }

  static FieldError invalid(String field, JsonNode value, String detail) {
    return new FieldError(Type.INVALID, field, value, detail);
  }

  static FieldError required(String field) {
    return new FieldError(Type.REQUIRED, field, null, "");
  }

  static FieldError notSupported(String field, JsonNode value, List<String> supported) {
    return new FieldError(
        Type.NOT_SUPPORTED,
        field,
        value,
        "supported values: "
            + supported.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ")));
  }

  /** The text after the field: what apimachinery's ErrorBody() gives. */
  public String body() {
    String s =
        switch (type) {
          case REQUIRED, FORBIDDEN, TOO_LONG -> type.text;
          default -> type.text + ": " + show(value);
        };
    return detail == null || detail.isEmpty() ? s : s + ": " + detail;
  }

  @Override
  public String toString() {
    return field + ": " + body();
  }

  /** Go's %#v of a JSON value, near enough: strings quoted, numbers and booleans bare. */
  static String show(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return Json.write(v);
    }
    if (v.isNumber() || v.isBoolean()) {
      return v.asText();
    }
    return "\"" + (v.isArray() ? "array" : "object") + "\"";
  }
}
