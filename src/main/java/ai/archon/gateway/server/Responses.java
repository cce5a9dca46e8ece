package ai.archon.gateway.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Small helpers to end a response with JSON; the terminal step of every non-streaming handler. */
final class Responses {
  private Responses() { }

  static void json(RoutingContext ctx, int status, Object tree) {
    json(ctx, status, OpenAiResponses.json(tree));
  }

  static void json(RoutingContext ctx, int status, Buffer body) {
    if (ctx.response().ended() || ctx.response().closed()) return;
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }
}
