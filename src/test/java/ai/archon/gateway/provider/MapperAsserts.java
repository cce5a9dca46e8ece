package ai.archon.gateway.provider;

import ai.archon.gateway.model.JsonIo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Shared helpers for the mapper tests. */
public final class MapperAsserts {
  private MapperAsserts() { }

  public static JsonNode json(String text) {
    return JsonIo.read(text);
  }

  public static JsonNode json(Buffer body) {
    return JsonIo.read(body);
  }

  /** Asserts that {@code actual} is the JSON {@code expected} (field order ignored, values and types exact). */
  public static void assertJson(String expected, Buffer actual) {
    assertEquals(json(expected), json(actual), () -> "body was " + actual);
  }

  public static Buffer fixture(String path) {
    return Buffer.buffer(Fixtures.bytes(path));
  }

  /** Collects streamed deltas. */
  public static final class Deltas implements Consumer<String> {
    public final List<String> pieces = new ArrayList<>();

    @Override
    public void accept(String s) {
      pieces.add(s);
    }
  }
}
