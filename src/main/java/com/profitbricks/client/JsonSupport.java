package com.profitbricks.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The client's own Jackson setup: lenient on input, no nulls on output. */
final class JsonSupport {
  private static final Pattern SECRET =
      Pattern.compile("(\"(?:imagePassword|password|token)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

  private JsonSupport() {}

  static ObjectMapper newMapper() {
    SimpleModule lenientDates = new SimpleModule();
    lenientDates.addDeserializer(OffsetDateTime.class, new LenientDateTime());
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(lenientDates)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  /** A JSON text with the values of password-like fields replaced, fit for a log. */
  static String redact(String json) {
    return SECRET.matcher(json).replaceAll("$1\"***\"");
  }

  /**
   * Dates as the API writes them ({@code 2016-07-31T15:41:27Z}, and with a space instead of the
   * {@code T} in some examples of the v6 description). A date that cannot be read becomes null
   * rather than failing the whole answer: no caller decides anything on metadata dates.
   */
  static final class LenientDateTime extends StdDeserializer<OffsetDateTime> {
    LenientDateTime() {
      super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      String text = p.getValueAsString();
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        return OffsetDateTime.parse(text.trim().replace(' ', 'T'));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }
}
