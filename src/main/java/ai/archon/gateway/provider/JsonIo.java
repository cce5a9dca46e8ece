package ai.archon.gateway.provider;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson mapper the provider adapters share, with helpers to stream a request body straight into a
 * {@link Buffer} and to read replies and SSE payloads as trees.
 */
public final class JsonIo {
  /** Shared and thread-safe once configured; never reconfigure it. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  /** Writes one JSON value through a generator. */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private JsonIo() { }

  /** Runs {@code body} against a fresh generator and returns the bytes written. */
  public static Buffer write(Body body) {
    ByteArrayBuilder out = new ByteArrayBuilder(1024);
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  /** Parses a reply body; throws on malformed JSON. */
  public static JsonNode read(Buffer body) {
    try {
      return MAPPER.readTree(body.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses one SSE data payload; throws on malformed JSON. */
  public static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code name: value} when {@code value} is not null. */
  public static void field(JsonGenerator g, String name, Double value) throws IOException {
    if (value != null) g.writeNumberField(name, value);
  }

  /** Writes {@code name: value} when {@code value} is not null. */
  public static void field(JsonGenerator g, String name, Integer value) throws IOException {
    if (value != null) g.writeNumberField(name, value);
  }

  /** Writes {@code name: value} when {@code value} is not null. */
  public static void field(JsonGenerator g, String name, Long value) throws IOException {
    if (value != null) g.writeNumberField(name, value);
  }

  /** Writes {@code name: value} when {@code value} is not null. */
  public static void field(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) g.writeStringField(name, value);
  }

  /** Writes {@code name: [values]} when the list is not empty. */
  public static void field(JsonGenerator g, String name, java.util.List<String> values) throws IOException {
    if (values == null || values.isEmpty()) return;
    g.writeArrayFieldStart(name);
    for (String v : values) g.writeString(v);
    g.writeEndArray();
  }

  /** The long at {@code node}, or 0 when it is missing or not a number. */
  public static long longAt(JsonNode node) {
    return node != null && node.isNumber() ? node.asLong() : 0L;
  }

  /** The text at {@code node}, or null when it is missing or not a string. */
  public static String textAt(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }
}
