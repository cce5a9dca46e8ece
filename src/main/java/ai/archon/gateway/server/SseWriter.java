package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;
import ai.archon.gateway.model.EventBytes;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Server-sent events to one client in OpenAI's framing ({@code data: <json>}, blank line, {@code data: [DONE]}).
 * While nothing is written for {@code keepAliveMs} (earlier ensemble layers still running) it sends SSE comment
 * lines so proxies and clients do not time the connection out. Used from the request's event loop only.
 *
 * <p>Events are gathered, not written one by one: everything written during one turn of the event loop (a relay's
 * upstream read brings many events at once when the provider is faster than the client) goes out as one HTTP chunk,
 * in one socket write, when the turn's I/O is done (a task on the context), when {@link #GATHER_LIMIT} bytes are
 * gathered, or with the end of the stream. A write per event cost a chunk header, a write-queue entry and, because the
 * write comes from the upstream connection's read rather than the client's, a flush (a system call) each.
 */
final class SseWriter {
  private static final Buffer DATA = Buffer.buffer("data: ");
  private static final Buffer END_EVENT = Buffer.buffer("\n\n");
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
  private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");
  /**
   * First size of a turn's buffer: one event's worth, since a stream that arrives at reading speed has one event per
   * turn; a burst grows it (doubling) up to {@link #GATHER_LIMIT}.
   */
  private static final int GATHER_BYTES = 256;
  /**
   * Gathered bytes that are written at once rather than at the end of the turn: this bounds what a turn holds beyond
   * the client's write queue (whose fullness pauses the upstream read), and a write this large goes out as it is.
   */
  static final int GATHER_LIMIT = 16 * 1024;

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final long keepAliveMs;
  private final ReplyShape.Stream shape;
  private final Context context;
  private final Handler<Void> flushTask = v -> {
    flushScheduled = false;
    flush();
  };
  private Buffer pending;
  private boolean flushScheduled;
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
    this.context = vertx.getOrCreateContext();
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
    gather(json.length() + 8).appendBuffer(DATA).appendBuffer(json).appendBuffer(END_EVENT);
  }

  /**
   * One {@code data:} event with a payload that is already JSON (pass-through), copied from the view as it is. A
   * payload the provider sent over several {@code data:} lines (the decoder joined them with line feeds) goes out
   * over as many lines again: a raw line feed inside one {@code data:} line would end the field early.
   */
  void relay(EventBytes json) {
    if (ended()) return;
    if (shape != null) {
      data(Buffer.buffer(json.copy()));
      return;
    }
    Buffer b = gather(json.length() + 8).appendBuffer(DATA);
    byte[] a = json.array();
    if (!json.mayHoldLineFeeds()) { // one data: line, as nearly every provider sends: no need to look
      b.appendBytes(a, 0, json.length()).appendBuffer(END_EVENT);
      return;
    }
    int from = 0;
    for (int i = 0; i < json.length(); i++) {
      if (a[i] != '\n') continue;
      b.appendBytes(a, from, i + 1 - from).appendBuffer(DATA);
      from = i + 1;
    }
    b.appendBytes(a, from, json.length() - from).appendBuffer(END_EVENT);
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
    Buffer last = pending; // what was gathered goes out with the end, in the same write
    pending = null;
    if (withDone) response.end(last == null ? DONE : last.appendBuffer(DONE));
    else if (last == null) response.end();
    else response.end(last);
  }

  /** Writes what was gathered since the last write, if anything (as one HTTP chunk). */
  void flush() {
    Buffer b = pending;
    if (b == null) return;
    pending = null;
    if (!ended()) response.write(b);
  }

  void stopTimer() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void write(Buffer b) {
    if (ended()) return;
    if (b.length() < GATHER_LIMIT) {
      gather(b.length()).appendBuffer(b);
      return;
    }
    flush();
    open();
    lastWrite = System.nanoTime();
    response.write(b);
  }

  /** The buffer of this turn's writes (the headers go out first), flushed when the turn ends unless sooner. */
  private Buffer gather(int more) {
    open();
    lastWrite = System.nanoTime();
    if (pending != null && pending.length() + more > GATHER_LIMIT) flush();
    if (pending == null) {
      pending = Buffer.buffer(Math.max(GATHER_BYTES, more));
      if (!flushScheduled) {
        flushScheduled = true;
        context.runOnContext(flushTask);
      }
    }
    return pending;
  }
}
