package ai.archon.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.BiConsumer;

/**
 * Byte-level answers for {@link MockUpstream#respondRaw}, for the adapter and HTTP-layer tests: exactly these bytes,
 * trickled a few at a time, a stall with the response open, a dropped connection. They run on the mock's event loop.
 */
public final class RawReplies {
  private RawReplies() { }

  /** {@code status} and a JSON (or any) body, in one piece. */
  public static BiConsumer<RecordedRequest, HttpServerResponse> body(int status, String body) {
    return (req, r) -> r.setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  /** 200 with an event stream, written {@code chunk} bytes at a time, one write per event-loop turn. */
  public static BiConsumer<RecordedRequest, HttpServerResponse> trickle(byte[] body, int chunk) {
    return trickle("text/event-stream", body, chunk, 1);
  }

  /** 200 with {@code body} of {@code contentType}, written {@code chunk} bytes at a time, {@code gapMs} apart. */
  public static BiConsumer<RecordedRequest, HttpServerResponse> trickle(String contentType, byte[] body, int chunk,
      long gapMs) {
    return (req, r) -> {
      r.setChunked(true).putHeader("content-type", contentType);
      writeFrom(Vertx.currentContext().owner(), r, Buffer.buffer(body), 0, chunk, gapMs);
    };
  }

  /** Sends the head and {@code firstBytes} of an event stream, then stays silent with the response open. */
  public static BiConsumer<RecordedRequest, HttpServerResponse> stall(String firstBytes) {
    return (req, r) -> {
      r.setChunked(true).putHeader("content-type", "text/event-stream");
      if (!firstBytes.isEmpty()) r.write(firstBytes);
    };
  }

  /** Never answers, not even the head. */
  public static BiConsumer<RecordedRequest, HttpServerResponse> never() {
    return (req, r) -> { };
  }

  /** Sends {@code firstBytes} of an event stream, then drops the connection. */
  public static BiConsumer<RecordedRequest, HttpServerResponse> dropAfter(String firstBytes) {
    return (req, r) -> {
      Vertx vertx = Vertx.currentContext().owner();
      r.setChunked(true).putHeader("content-type", "text/event-stream");
      r.write(firstBytes).onComplete(v -> vertx.setTimer(20, t -> r.reset()));
    };
  }

  private static void writeFrom(Vertx vertx, HttpServerResponse r, Buffer body, int from, int chunk, long gapMs) {
    if (from >= body.length()) {
      r.end();
      return;
    }
    int n = Math.min(chunk, body.length() - from);
    r.write(body.slice(from, from + n)).onComplete(v ->
        vertx.setTimer(gapMs, t -> writeFrom(vertx, r, body, from + n, chunk, gapMs)));
  }
}
