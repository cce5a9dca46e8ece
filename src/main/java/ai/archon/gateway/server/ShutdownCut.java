package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;

import ai.archon.gateway.model.CallContext;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Ends one request the drain timeout cuts: an open SSE stream gets one in-band error event ({@code shutting_down})
 * and ends without {@code [DONE]}, so the client knows the answer is incomplete; a response not yet begun gets a
 * 503; the request's upstream calls are cancelled. Runs on the request's event loop.
 */
final class ShutdownCut {
  static final OpenAiError ERROR = new OpenAiError(503, "server_error", "shutting_down", null,
      "the gateway shut down (drain timeout) before this answer was complete; retry on another instance");

  private ShutdownCut() { }

  static Future<Void> cut(RoutingContext ctx) {
    Future<Void> ended = end(ctx.response());
    // After the end: cancelling first would let the pipeline write its own "cancelled" error instead.
    CallContext call = Inbound.of(ctx).calls();
    if (call != null) call.cancel();
    return ended;
  }

  private static Future<Void> end(HttpServerResponse resp) {
    if (resp.ended() || resp.closed()) return Future.succeededFuture();
    if (!resp.headWritten()) {
      return resp.setStatusCode(503).putHeader("content-type", "application/json").putHeader("connection", "close")
          .end(OpenAiResponses.json(ERROR.toJson()));
    }
    String type = resp.headers().get("content-type");
    if (type != null && type.startsWith("text/event-stream")) {
      return resp.end(io.vertx.core.buffer.Buffer.buffer("data: ").appendBuffer(OpenAiResponses.json(ERROR.toJson()))
          .appendString("\n\n"));
    }
    return resp.end();
  }
}
