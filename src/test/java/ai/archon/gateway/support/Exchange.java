package ai.archon.gateway.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.function.BooleanSupplier;

/** One request/response in flight on the mock: delays by timers, writes frames, cuts, notices a client leaving. */
// Runs only on the mock's event loop, so it needs no locking.
final class Exchange {

  private final Vertx vertx;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final Wire wire;
  private final BooleanSupplier upstreamClosing;
  private RecordedRequest rec;
  private boolean connectionClosed;
  private boolean done;
  private long timerId = -1;

  Exchange(Vertx vertx, HttpServerRequest request, Wire wire, BooleanSupplier upstreamClosing) {
    this.vertx = vertx;
    this.request = request;
    this.response = request.response();
    this.wire = wire;
    this.upstreamClosing = upstreamClosing;
    // Registered before the body is read, so a client that gives up at any point is noticed.
    response.closeHandler(v -> onConnectionClosed());
    // Writes after the client left fail; the close handler already records that, so the errors are expected.
    response.exceptionHandler(t -> { });
  }

  /** Sends {@code reply} for the recorded request. */
  void start(RecordedRequest recorded, Reply reply, Answer answer) {
    this.rec = recorded;
    if (connectionClosed) {
      finish(RecordedRequest.Outcome.CLIENT_CLOSED);
      return;
    }
    if (reply.kind == Reply.Kind.HANG) return; // only the client (or close()) ends it
    later(reply.delayMs, () -> send(reply, answer));
  }

  private void send(Reply reply, Answer answer) {
    reply.headers.forEach(response::putHeader);
    switch (reply.kind) {
      case STATUS: {
        ObjectNode body = wire.error(reply.status,
            reply.message != null ? reply.message : "mock upstream error " + reply.status, reply.errorType);
        response.setStatusCode(reply.status).putHeader("content-type", "application/json");
        complete(Wire.write(body));
        return;
      }
      case RAW:
        response.setStatusCode(reply.status);
        if (reply.contentType != null) response.putHeader("content-type", reply.contentType);
        complete(reply.rawBody == null ? "" : reply.rawBody);
        return;
      default:
        if (rec.streamed()) stream(reply, answer);
        else whole(reply, answer);
    }
  }

  private void whole(Reply reply, Answer answer) {
    Buffer body = Buffer.buffer(wire.completion(answer));
    response.putHeader("content-type", "application/json");
    if (reply.failAfterChunks < 0) {
      complete(body.toString());
      return;
    }
    // Promise the full length but send half, so the client sees a body cut short.
    response.putHeader("content-length", Integer.toString(body.length()));
    cutAfter(response.write(body.getBuffer(0, body.length() / 2)));
  }

  private void stream(Reply reply, Answer answer) {
    response.setChunked(true);
    response.putHeader("content-type", wire.streamContentType(rec.uri()));
    response.putHeader("cache-control", "no-cache");
    Future<Void> last = Future.succeededFuture();
    for (String frame : wire.streamHead(answer, rec)) last = response.write(frame, encoding());
    if (reply.failAfterChunks == 0) {
      cutAfter(last);
      return;
    }
    writeChunk(reply, answer, 0);
  }

  /** Writes content chunk {@code i}, then schedules the next; cuts or finishes after the last. */
  private void writeChunk(Reply reply, Answer answer, int i) {
    if (connectionClosed) return;
    List<String> chunks = answer.chunks();
    Future<Void> written = response.write(wire.streamChunk(answer, rec, i, chunks.get(i), i == chunks.size() - 1),
        encoding());
    int sent = i + 1;
    // A failure point at or past the last chunk sends all content but no terminator (no [DONE], message_stop...).
    if (reply.failAfterChunks >= 0 && (sent == reply.failAfterChunks || sent == chunks.size())) {
      cutAfter(written);
      return;
    }
    if (sent == chunks.size()) {
      StringBuilder tail = new StringBuilder();
      for (String frame : wire.streamTail(answer, rec)) tail.append(frame);
      complete(tail.toString());
      return;
    }
    later(reply.chunkDelayMs, () -> writeChunk(reply, answer, sent));
  }

  private void complete(String lastBytes) {
    done = true;
    response.end(lastBytes, encoding());
    finish(RecordedRequest.Outcome.COMPLETED);
  }

  /** Closes the TCP connection once {@code written} has reached the socket, so the client got the partial reply. */
  private void cutAfter(Future<Void> written) {
    done = true;
    finish(RecordedRequest.Outcome.SERVER_CUT);
    written.onComplete(ar -> request.connection().close());
  }

  /** Bedrock's event stream is binary: its frames are carried as Latin-1 strings, one char per byte. */
  private String encoding() {
    String type = response.headers().get("content-type");
    return type != null && type.startsWith(BedrockConverseWire.EVENT_STREAM) ? "ISO-8859-1" : "UTF-8";
  }

  private void later(long delayMs, Runnable action) {
    if (delayMs <= 0) {
      action.run();
      return;
    }
    timerId = vertx.setTimer(delayMs, id -> {
      timerId = -1;
      if (!connectionClosed) action.run();
    });
  }

  private void onConnectionClosed() {
    connectionClosed = true;
    if (timerId >= 0) vertx.cancelTimer(timerId);
    if (rec != null && !done) {
      finish(upstreamClosing.getAsBoolean() ? RecordedRequest.Outcome.SERVER_CUT
          : RecordedRequest.Outcome.CLIENT_CLOSED);
    }
  }

  private void finish(RecordedRequest.Outcome how) {
    if (rec != null) rec.end(how);
  }
}
