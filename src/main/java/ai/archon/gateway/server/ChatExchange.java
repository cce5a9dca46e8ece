package ai.archon.gateway.server;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.resilience.Deadline;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * One chat request on its way through the gateway, made by the chat handler and passed to the responder that answers
 * it: the request id and client key (from {@link Inbound}), the parsed body, the call context every upstream call of
 * the request shares, its deadline and its timer, and the API its answer is written in ({@link ReplyShape}).
 * {@code ctx} is there for the one terminal step: writing the response or {@code fail}.
 */
record ChatExchange(RoutingContext ctx, Inbound inbound, ParsedChat chat, UpstreamWork work, RequestTimer timer,
    ReplyShape shape) {

  /** The call context every upstream call of the request shares. */
  CallContext call() { return work.call(); }

  /** The request's deadline. */
  Deadline deadline() { return work.deadline(); }

  /** Ends the exchange with the whole answer, a {@code chat.completion}, in the client's API. */
  void answer(Buffer chatCompletion) {
    shape.whole(chatCompletion).onComplete(ar -> {
      if (ar.failed()) ctx.fail(ar.cause());
      else Responses.json(ctx, 200, ar.result());
    });
  }

  /** The event stream of a streamed answer, in the client's API. */
  SseWriter sse(Vertx vertx, long keepAliveMs) {
    return new SseWriter(vertx, response(), keepAliveMs, shape.stream());
  }

  HttpServerResponse response() { return ctx.response(); }

  String requestId() { return inbound.requestId(); }

  /** Who asked (see {@link Inbound#identity()}). */
  String clientIdentity() { return inbound.identity(); }

  /** The response's {@code id} field for this request. */
  String completionId() { return "chatcmpl-" + inbound.requestId(); }

  /**
   * True when the client asked for the per-layer trace ({@code x-archon-trace: 1} or {@code true}, or {@code stream}
   * for the live trace events, which a request without {@code stream: true} gets as the JSON trace).
   */
  boolean traced() {
    String h = ctx.request().getHeader("x-archon-trace");
    return "1".equals(h) || "true".equalsIgnoreCase(h) || "stream".equalsIgnoreCase(h);
  }

  /** True when a streaming client asked for the live trace events ({@code x-archon-trace: stream}). */
  boolean tracesLive() {
    return chat.stream() && "stream".equalsIgnoreCase(ctx.request().getHeader("x-archon-trace"));
  }

  String header(String name) { return ctx.request().getHeader(name); }
}
