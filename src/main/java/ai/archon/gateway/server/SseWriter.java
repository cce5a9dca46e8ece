package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Server-sent events to one client in OpenAI's framing ({@code data: <json>}, blank line, {@code data: [DONE]}).
 * While nothing is written for {@code keepAliveMs} (earlier ensemble layers still running) it sends SSE comment
 * lines so proxies and clients do not time the connection out. Used from the request's event loop only.
 */
final class SseWriter {
  private static final Buffer DATA = Buffer.buffer("data: ");
  private static final Buffer END_EVENT = Buffer.buffer("\n\n");
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
  private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final long keepAliveMs;
  private final ReplyShape.Stream shape;
  private long timerId = -1;
  private long lastWrite;
  private boolean ended;
  private boolean opened;

  SseWriter(Vertx vertx, HttpServerResponse response, long keepAliveMs) {
    this(vertx, response, keepAliveMs, null);
  }

  /** @param shape the transcoder of the chunks into another API's events, or null for Chat Completions' own */
  SseWriter(Vertx vertx, HttpServerResponse response, long keepAliveMs, ReplyShape.Stream shape) {
    this.vertx = vertx;
    this.response = response;
    this.keepAliveMs = keepAliveMs;
    this.shape = shape;
  }

  /** Sends the status line and headers at once, so the client sees the stream open before any layer finishes. */
  void open() {
    if (opened) return;
    opened = true;
    response.setStatusCode(200)
        .setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .putHeader("x-accel-buffering", "no");
    lastWrite = System.nanoTime();
    if (keepAliveMs > 0) {
      timerId = vertx.setPeriodic(keepAliveMs, id -> {
        if (ended()) {
          stopTimer();
          return;
        }
        if (System.nanoTime() - lastWrite >= keepAliveMs * 1_000_000L) write(KEEP_ALIVE);
      });
    }
  }

  /** True once headers went out; before that a failure can still be answered with a proper status. */
  boolean opened() {
    return opened;
  }

  boolean ended() {
    return ended || response.ended() || response.closed();
  }

  /** One {@code data:} event with a JSON payload. */
  void data(Buffer json) {
    if (ended()) return;
    if (shape != null) {
      shape.chunk(json, this::write);
      return;
    }
    Buffer b = Buffer.buffer(json.length() + 8).appendBuffer(DATA).appendBuffer(json).appendBuffer(END_EVENT);
    write(b);
  }

  /** One {@code data:} event with a payload that is already JSON text (pass-through). */
  void data(String json) {
    if (ended()) return;
    if (shape != null) {
      data(Buffer.buffer(json));
      return;
    }
    write(Buffer.buffer(json.length() + 8).appendBuffer(DATA).appendString(json).appendBuffer(END_EVENT));
  }

  /** An SSE comment line ({@code : text}), ignored by clients; used for late facts such as degradation. */
  void comment(String text) {
    if (ended()) return;
    write(Buffer.buffer(": " + text + "\n\n"));
  }

  /** An in-band error event, then the end of the stream (headers are already out, so no status can change). */
  void fail(OpenAiError error) {
    if (shape != null) {
      if (!ended()) shape.fail(error, this::write);
    } else {
      data(OpenAiResponses.json(error.toJson()));
    }
    end(false);
  }

  /** {@code data: [DONE]} and the end of the response (a shape's closing events instead of {@code [DONE]}). */
  void done() {
    if (shape == null) {
      end(true);
      return;
    }
    if (ended()) return;
    stopTimer();
    shape.finish(this::write).onComplete(ar -> end(false));
  }

  private void end(boolean withDone) {
    stopTimer();
    if (ended()) return;
    ended = true;
    if (withDone) response.end(DONE);
    else response.end();
  }

  void stopTimer() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void write(Buffer b) {
    if (ended()) return;
    open();
    lastWrite = System.nanoTime();
    response.write(b);
  }
}
