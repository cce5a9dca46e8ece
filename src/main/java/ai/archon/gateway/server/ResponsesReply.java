package ai.archon.gateway.server;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.scale.ResponseStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Responses API as a {@link ReplyShape}: a whole {@code chat.completion} becomes a {@code response} object, a
 * chunk stream becomes the Responses event sequence ({@link ResponsesStream}); with {@code store: true} the finished
 * response and its conversation are kept before the client hears it is finished, so that a
 * {@code previous_response_id} sent right after always finds it.
 *
 * @param conversation the chain's earlier turns and this request's input, as Chat Completions messages
 * @param owner who may read the kept response back (see {@link Inbound#identity()})
 * @param keep whether the request asked for {@code store: true}
 */
record ResponsesReply(ResponseObject response, ArrayNode conversation, ResponseStore store, String owner, boolean keep)
    implements ReplyShape {
  private static final Logger LOG = LoggerFactory.getLogger(ResponsesReply.class);

  @Override
  public Future<Buffer> whole(Buffer chatCompletion) {
    JsonNode chat = read(chatCompletion);
    JsonNode choice = chat.path("choices").path(0);
    JsonNode message = choice.path("message");
    ArrayNode output = JsonNodeFactory.instance.arrayNode();
    JsonNode calls = message.path("tool_calls");
    String text = message.path("content").isTextual() ? message.path("content").asText() : null;
    if (text != null && !text.isEmpty() || calls.isEmpty()) {
      output.add(ResponseObject.message(ResponseObject.newId("msg_"), "completed", text == null ? "" : text));
    }
    for (JsonNode c : calls) {
      output.add(ResponseObject.functionCall(ResponseObject.newId("fc_"), "completed", c.path("id").asText(),
          c.path("function").path("name").asText(), c.path("function").path("arguments").asText("{}")));
    }
    ObjectNode r = response.finished(output, choice.path("finish_reason").asText("stop"), chat.get("usage"));
    if (chat.has("archon")) r.set("archon", chat.get("archon")); // the per-layer trace, when asked for
    return kept(r).map(v -> OpenAiResponses.json(r));
  }

  @Override
  public Stream stream() {
    return new ResponsesStream(this);
  }

  /**
   * Keeps the finished response {@code r} and its conversation when the request asked for it. A store that cannot
   * take it (Redis down) costs the chain, not the answer already paid for: the client still gets it, a WARN says why.
   */
  Future<Void> kept(ObjectNode r) {
    if (!keep) return Future.succeededFuture();
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.set("response", r);
    ArrayNode turns = doc.putArray("conversation");
    turns.addAll(conversation);
    turns.add(ResponseObject.assistantTurn((ArrayNode) r.get("output")));
    return store.put(response.id(), owner, doc.toString())
        .recover(t -> {
          LOG.warn("response {} not stored: {}", response.id(), t.getMessage());
          return Future.succeededFuture();
        });
  }

  static JsonNode read(Buffer json) {
    try {
      return JsonIo.MAPPER.readTree(json.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
