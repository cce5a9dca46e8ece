package ai.archon.gateway.provider;

import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.UpstreamException;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

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

  /**
   * Replays the stream transcript {@code lf} (LF line ends) and its CRLF twin through a fresh state from {@code state},
   * cut into pieces of each of {@code chunks} bytes (and whole): every framing must give the same text pieces and
   * result.
   */
  public static void assertStreamsInAnyFraming(byte[] lf, Function<Deltas, ? extends StreamReader> state, int[] chunks,
      List<String> pieces, ChatResult result) {
    for (byte[] body : List.of(lf, Fixtures.crlf(lf))) {
      int[] sizes = Arrays.copyOf(chunks, chunks.length + 1);
      sizes[chunks.length] = body.length;
      for (int chunk : sizes) {
        Deltas deltas = new Deltas();
        StreamReader s = state.apply(deltas);
        Fixtures.replay((SseHandler) s, body, chunk);
        assertEquals(pieces, deltas.pieces, "pieces at chunk " + chunk);
        assertEquals(result, s.result(), "result at chunk " + chunk);
      }
    }
  }

  /**
   * Replays the fixture {@code path} (in {@code chunk}-byte pieces), which must fail with {@code status} after
   * streaming {@code pieces}; the failure, for the caller's own checks.
   */
  public static UpstreamException assertStreamFails(Function<Deltas, ? extends SseHandler> state, String path,
      int chunk, int status, List<String> pieces) {
    Deltas deltas = new Deltas();
    UpstreamException e = Fixtures.replayFailure(state.apply(deltas), path, chunk);
    assertEquals(status, e.status());
    assertEquals(pieces, deltas.pieces);
    return e;
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
