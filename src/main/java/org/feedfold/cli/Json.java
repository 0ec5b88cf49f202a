package org.feedfold.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.feedfold.sanitize.SafeHtml;

/** Writes the CLI's JSON lines: one compact object per line, times as ISO-8601 UTC strings. */
final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .addModule(
              new SimpleModule()
                  .addSerializer(Instant.class, new InstantSerializer())
                  .addSerializer(SafeHtml.class, new SafeHtmlSerializer()))
          .build();

  private Json() {}

  /** Returns {@code value} as one line of JSON. */
  static String line(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the shared mapper (thread-safe once configured). */
  static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Writes sanitised HTML as its markup, and escaped plain text as the text itself: {@code parse
   * --json} reports a feed's text constructs the way feedparser does, HTML or text as declared.
   */
  private static final class SafeHtmlSerializer extends JsonSerializer<SafeHtml> {
    @Override
    public void serialize(SafeHtml value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.plainText() != null ? value.plainText() : value.html());
    }
  }

  private static final class InstantSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
    }
  }
}
