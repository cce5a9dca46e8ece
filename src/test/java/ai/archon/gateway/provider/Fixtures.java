package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.archon.gateway.model.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures under {@code src/test/resources/provider/} and SSE replay helpers. */
public final class Fixtures {
  private Fixtures() { }

  public static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/provider/" + path)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + path);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /** LF line ends → CRLF (CRLF ones are left alone). */
  public static byte[] crlf(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** All events of {@code body}, fed in chunks of {@code chunk} bytes. */
  public static List<SseDecoder.Event> decode(byte[] body, int chunk) {
    List<SseDecoder.Event> out = new ArrayList<>();
    SseDecoder d = new SseDecoder(out::add);
    for (int i = 0; i < body.length; i += chunk) d.feed(body, i, Math.min(chunk, body.length - i));
    d.end();
    return out;
  }

  /** Replays {@code body} into {@code handler} as {@link HttpCalls} does: in chunks, stopping when it reports the end. */
  public static <H extends SseHandler> H replay(H handler, byte[] body, int chunk) {
    boolean[] done = {false};
    SseDecoder d = new SseDecoder(e -> {
      if (!done[0] && handler.onEvent(e)) done[0] = true;
    });
    for (int i = 0; i < body.length && !done[0]; i += chunk) d.feed(body, i, Math.min(chunk, body.length - i));
    if (!done[0]) {
      d.end();
      if (!done[0]) handler.onEnd();
    }
    return handler;
  }

  /** Replays the fixture {@code path} into {@code handler} as {@link #replay} does, which must fail; the failure. */
  public static UpstreamException replayFailure(SseHandler handler, String path, int chunk) {
    return assertThrows(UpstreamException.class, () -> replay(handler, bytes(path), chunk));
  }
}
