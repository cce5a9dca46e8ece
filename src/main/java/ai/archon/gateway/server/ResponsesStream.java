package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * One Chat Completions chunk stream transcoded into the Responses API's events as it is written, each numbered by
 * {@code sequence_number}: {@code response.created} and {@code response.in_progress} first; per output item
 * {@code response.output_item.added}, then for a message {@code response.content_part.added},
 * {@code response.output_text.delta}... {@code response.output_text.done}, {@code response.content_part.done}, and
 * for a function call {@code response.function_call_arguments.delta}... {@code .done}; then
 * {@code response.output_item.done}; last {@code response.completed}, {@code response.incomplete} or
 * {@code response.failed}. Used from the request's event loop only.
 */
final class ResponsesStream implements ReplyShape.Stream {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final ResponsesReply reply;
  private final ArrayNode output = NODES.arrayNode();
  private long sequence;
  private boolean started;
  private boolean closed;
  /** The open message item, or null; its text so far. */
  private ObjectNode message;
  private StringBuilder text;
  /** The open function call item, or null; the chat tool call index it is, and its arguments so far. */
  private ObjectNode call;
  private int callIndex = -1;
  private StringBuilder arguments;
  private String finishReason = "stop";
  private JsonNode usage;

  ResponsesStream(ResponsesReply reply) {
    this.reply = reply;
  }

  @Override
  public void chunk(Buffer chatChunk, Consumer<Buffer> out) {
    if (closed) return;
    JsonNode chunk;
    try {
      chunk = ResponsesReply.read(chatChunk);
    } catch (java.io.UncheckedIOException e) { // a pass-through upstream's event that is not JSON: cannot be mapped
      fail(new OpenAiError(502, "server_error", "upstream_error", null, "the upstream sent an event that is not JSON"),
          out);
      return;
    }
    start(out);
    if (chunk.hasNonNull("error")) { // an upstream's in-band error, relayed
      JsonNode e = chunk.get("error");
      fail(new OpenAiError(502, "server_error", e.path("code").asText("upstream_error"), null,
          e.path("message").asText("the upstream failed")), out);
      return;
    }
    if (chunk.hasNonNull("usage")) usage = chunk.get("usage");
    JsonNode choice = chunk.path("choices").path(0);
    if (choice.isMissingNode() || choice.path("index").asInt(0) != 0) return;
    JsonNode delta = choice.path("delta");
    String piece = delta.path("content").isTextual() ? delta.path("content").asText() : "";
    if (!piece.isEmpty()) text(piece, out);
    for (JsonNode c : delta.path("tool_calls")) toolCall(c, out);
    if (choice.hasNonNull("finish_reason")) finishReason = choice.get("finish_reason").asText();
  }

  @Override
  public Future<Void> finish(Consumer<Buffer> out) {
    if (closed) return Future.succeededFuture();
    closed = true;
    start(out);
    closeCall(out);
    if (message == null && output.isEmpty()) openMessage(out); // an empty answer is still one (empty) message
    closeMessage(out);
    ObjectNode r = reply.response().finished(output, finishReason, usage);
    return reply.kept(r).onComplete(ar -> event(r.path("status").asText().equals("completed")
        ? "response.completed" : "response.incomplete", out, e -> e.set("response", r)));
  }

  @Override
  public void fail(OpenAiError error, Consumer<Buffer> out) {
    if (closed) return;
    closed = true;
    start(out);
    ObjectNode r = reply.response().failed(output, error);
    event("response.failed", out, e -> e.set("response", r));
  }

  private void start(Consumer<Buffer> out) {
    if (started) return;
    started = true;
    ObjectNode r = reply.response().inProgress();
    event("response.created", out, e -> e.set("response", r));
    event("response.in_progress", out, e -> e.set("response", r));
  }

  private void text(String piece, Consumer<Buffer> out) {
    closeCall(out);
    if (message == null) openMessage(out);
    text.append(piece);
    event("response.output_text.delta", out, e -> part(e, message).put("delta", piece).putArray("logprobs"));
  }

  private void openMessage(Consumer<Buffer> out) {
    message = ResponseObject.message(ResponseObject.newId("msg_"), "in_progress", null);
    text = new StringBuilder();
    output.add(message);
    added(message, out);
    event("response.content_part.added", out, e -> part(e, message).set("part", ResponseObject.outputText("")));
  }

  private void closeMessage(Consumer<Buffer> out) {
    if (message == null) return;
    String all = text.toString();
    event("response.output_text.done", out, e -> part(e, message).put("text", all).putArray("logprobs"));
    event("response.content_part.done", out, e -> part(e, message).set("part", ResponseObject.outputText(all)));
    ((ArrayNode) message.get("content")).add(ResponseObject.outputText(all));
    done(message, out);
    message = null;
  }

  /** A piece of a chat tool call: a new index opens a function call item (closing the open one), the rest appends. */
  private void toolCall(JsonNode c, Consumer<Buffer> out) {
    int index = c.path("index").asInt(0);
    if (call == null || index != callIndex) {
      closeMessage(out);
      closeCall(out);
      callIndex = index;
      arguments = new StringBuilder();
      call = ResponseObject.functionCall(ResponseObject.newId("fc_"), "in_progress", c.path("id").asText(""),
          c.path("function").path("name").asText(""), "");
      output.add(call);
      added(call, out);
    }
    String piece = c.path("function").path("arguments").asText("");
    if (piece.isEmpty()) return;
    arguments.append(piece);
    event("response.function_call_arguments.delta", out, e -> item(e, call).put("delta", piece));
  }

  private void closeCall(Consumer<Buffer> out) {
    if (call == null) return;
    String args = arguments.length() == 0 ? "{}" : arguments.toString();
    call.put("arguments", args);
    event("response.function_call_arguments.done", out,
        e -> item(e, call).put("name", call.path("name").asText()).put("arguments", args));
    done(call, out);
    call = null;
  }

  private void added(ObjectNode item, Consumer<Buffer> out) {
    int index = output.size() - 1;
    ObjectNode snapshot = item.deepCopy();
    event("response.output_item.added", out, e -> e.put("output_index", index).set("item", snapshot));
  }

  private void done(ObjectNode item, Consumer<Buffer> out) {
    item.put("status", "completed");
    int index = indexOf(item);
    ObjectNode snapshot = item.deepCopy();
    event("response.output_item.done", out, e -> e.put("output_index", index).set("item", snapshot));
  }

  private ObjectNode item(ObjectNode e, ObjectNode item) {
    return e.put("item_id", item.get("id").asText()).put("output_index", indexOf(item));
  }

  private ObjectNode part(ObjectNode e, ObjectNode item) {
    return item(e, item).put("content_index", 0);
  }

  private int indexOf(ObjectNode item) {
    for (int i = output.size() - 1; i >= 0; i--) if (output.get(i) == item) return i;
    return -1;
  }

  /** One {@code event: <type>} / {@code data: <json>} event with its type and the next sequence number. */
  private void event(String type, Consumer<Buffer> out, Consumer<ObjectNode> fields) {
    ObjectNode e = NODES.objectNode().put("type", type);
    fields.accept(e);
    e.put("sequence_number", sequence++);
    out.accept(Buffer.buffer("event: " + type + "\ndata: ").appendBuffer(OpenAiResponses.json(e))
        .appendString("\n\n"));
  }
}
