package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.model.ParsedChat;
import ai.archon.gateway.scale.ResponseStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The Responses API: {@code POST /v1/responses} translated onto the Chat Completions flow (so every ensemble and
 * every pass-through model answers it, through the same guards, caches and streams), {@code GET} and
 * {@code DELETE /v1/responses/{id}} on the store. A key reads and deletes only the responses it created; another's
 * is answered 404, as one that does not exist.
 */
final class ResponsesHandler {
  private final ChatCompletionsHandler chat;
  private final ResponseStore store;

  ResponsesHandler(ChatCompletionsHandler chat, ResponseStore store) {
    this.chat = chat;
    this.store = store;
  }

  void create(RoutingContext ctx) {
    Inbound in = Inbound.of(ctx);
    RequestTimer timer = chat.timer(ctx);
    JsonNode body = in.tree(ctx.body().buffer());
    ResponsesRequest req = ResponsesRequest.parse(body);
    String owner = in.identity();
    history(req, owner).onComplete(ar -> {
      try {
        if (ar.failed()) throw ar.cause();
        ParsedChat parsed = ChatRequestParser.parse(req.chatBody(ar.result()));
        ArrayNode conversation = ar.result().deepCopy();
        conversation.addAll(req.input());
        ResponseObject response = new ResponseObject(ResponseObject.newId("resp_"), req.model(), req.echo());
        chat.answer(ctx, timer, parsed, new ResponsesReply(response, conversation, store, owner, req.store()));
      } catch (Throwable t) {
        ctx.fail(t);
      }
    });
  }

  /** The conversation before this request: none, or the kept turns of {@code previous_response_id}. */
  private Future<ArrayNode> history(ResponsesRequest req, String owner) {
    if (req.previousResponseId() == null) return Future.succeededFuture(JsonNodeFactory.instance.arrayNode());
    return stored(store.get(req.previousResponseId(), owner)).map(kept -> {
      if (kept == null) {
        throw new ApiException(400, "invalid_request_error", "previous_response_not_found", "previous_response_id",
            "Previous response with id '" + req.previousResponseId() + "' not found.");
      }
      return (ArrayNode) ResponsesReply.read(Buffer.buffer(kept)).get("conversation");
    });
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    stored(store.get(id, Inbound.of(ctx).identity())).onComplete(ar -> {
      if (ar.failed()) ctx.fail(ar.cause());
      else if (ar.result() == null) ctx.fail(notFound(id));
      else Responses.json(ctx, 200, ResponsesReply.read(Buffer.buffer(ar.result())).get("response"));
    });
  }

  void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    stored(store.delete(id, Inbound.of(ctx).identity())).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      if (!ar.result()) {
        ctx.fail(notFound(id));
        return;
      }
      ObjectNode deleted = JsonNodeFactory.instance.objectNode().put("id", id).put("object", "response")
          .put("deleted", true);
      Responses.json(ctx, 200, deleted);
    });
  }

  /** A store that cannot answer (Redis down) is a 503 saying so, not an internal error. */
  private static <T> Future<T> stored(Future<T> f) {
    return f.recover(t -> Future.failedFuture(new ApiException(503, "server_error", "store_unavailable", null,
        "the response store is unreachable (" + t.getMessage() + "); retry later")));
  }

  private static ApiException notFound(String id) {
    return new ApiException(404, "invalid_request_error", "not_found", null,
        "No response found with id '" + id + "'.");
  }
}
