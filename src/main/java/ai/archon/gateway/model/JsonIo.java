package ai.archon.gateway.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.netty.buffer.ByteBuf;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.OutputStream;
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

  /**
   * Runs {@code body} against a fresh generator and returns the bytes written. The generator's own (recycled)
   * buffer flushes straight into the returned Buffer: no intermediate byte array and no copy of it.
   */
  public static Buffer write(Body body) {
    return write(512, body);
  }

  /**
   * As {@link #write(Body)}, into a Buffer sized for {@code sizeHint} bytes: an ensemble's prompts run to many
   * kilobytes, and growing from a small buffer copies them several times over.
   */
  public static Buffer write(int sizeHint, Body body) {
    Buffer out = Buffer.buffer(Math.max(64, sizeHint));
    try (JsonGenerator g = MAPPER.createGenerator(new BufferOutput(out))) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Parses a reply body; throws on malformed JSON. */
  public static JsonNode read(Buffer body) {
    try (JsonParser p = parser(body)) {
      return MAPPER.readTree(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A parser over {@code body}'s bytes, reading its backing array in place when it has one (no copy). */
  public static JsonParser parser(Buffer body) throws IOException {
    if (body instanceof BufferInternal) {
      ByteBuf b = ((BufferInternal) body).getByteBuf();
      if (b.hasArray()) return MAPPER.createParser(b.array(), b.arrayOffset() + b.readerIndex(), b.readableBytes());
    }
    return MAPPER.createParser(body.getBytes());
  }

  /** Appends what a generator flushes to a Buffer. */
  private static final class BufferOutput extends OutputStream {
    private final Buffer out;

    BufferOutput(Buffer out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      out.appendByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      out.appendBytes(b, off, len);
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
