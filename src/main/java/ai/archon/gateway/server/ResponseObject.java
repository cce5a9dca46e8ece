package ai.archon.gateway.server;

import ai.archon.gateway.api.OpenAiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * The Responses API's {@code response} object of one request and its output items: made from what the Chat
 * Completions answer carried (text, tool calls, finish reason, usage) and the request's echoed fields.
 */
final class ResponseObject {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final String id;
  private final long createdAt;
  private final String model;
  private final ObjectNode echo;

  ResponseObject(String id, String model, ObjectNode echo) {
    this.id = id;
    this.createdAt = System.currentTimeMillis() / 1000;
    this.model = model;
    this.echo = echo;
  }

  /** A new id with the API's prefix ({@code resp_}, {@code msg_}, {@code fc_}): random, never the request's id. */
  static String newId(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }

  String id() { return id; }

  /** The response while it is being made (the first stream events): no output, no usage yet. */
  ObjectNode inProgress() {
    return envelope("in_progress", NODES.arrayNode(), null);
  }

  /**
   * The finished response: {@code completed}, or {@code incomplete} when the answer was cut (Chat Completions'
   * {@code length} is the Responses API's {@code max_output_tokens}).
   */
  ObjectNode finished(ArrayNode output, String finishReason, JsonNode chatUsage) {
    String incomplete = "length".equals(finishReason) ? "max_output_tokens"
        : "content_filter".equals(finishReason) ? "content_filter" : null;
    ObjectNode r = envelope(incomplete == null ? "completed" : "incomplete", output, usage(chatUsage));
    if (incomplete != null) r.putObject("incomplete_details").put("reason", incomplete);
    else r.put("completed_at", System.currentTimeMillis() / 1000);
    return r;
  }

  /** The failed response: its {@code error} says why (the same code and message as an HTTP error would). */
  ObjectNode failed(ArrayNode output, OpenAiError error) {
    ObjectNode r = envelope("failed", output, null);
    r.putObject("error").put("code", error.code() == null ? "server_error" : error.code())
        .put("message", error.message());
    return r;
  }

  private ObjectNode envelope(String status, ArrayNode output, ObjectNode usage) {
    ObjectNode r = NODES.objectNode();
    r.put("id", id);
    r.put("object", "response");
    r.put("created_at", createdAt);
    r.put("status", status);
    r.putNull("error");
    r.putNull("incomplete_details");
    r.put("model", model);
    r.set("output", output);
    r.set("usage", usage);
    r.setAll(echo);
    return r;
  }

  /** An assistant message item with one {@code output_text} part. */
  static ObjectNode message(String itemId, String status, String text) {
    ObjectNode item = NODES.objectNode().put("id", itemId).put("type", "message").put("status", status)
        .put("role", "assistant");
    ArrayNode content = item.putArray("content");
    if (text != null) content.add(outputText(text));
    return item;
  }

  static ObjectNode outputText(String text) {
    ObjectNode part = NODES.objectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  /** A {@code function_call} item; {@code callId} is the model's call id, what the client's output answers. */
  static ObjectNode functionCall(String itemId, String status, String callId, String name, String arguments) {
    return NODES.objectNode().put("id", itemId).put("type", "function_call").put("status", status)
        .put("call_id", callId).put("name", name).put("arguments", arguments);
  }

  /** Chat Completions usage in the Responses API's names (with its detail objects, which the SDKs require). */
  static ObjectNode usage(JsonNode chat) {
    if (chat == null || chat.isNull() || !chat.isObject()) return null;
    long in = chat.path("prompt_tokens").asLong(0);
    long out = chat.path("completion_tokens").asLong(0);
    ObjectNode u = NODES.objectNode();
    u.put("input_tokens", in);
    u.putObject("input_tokens_details")
        .put("cached_tokens", chat.path("prompt_tokens_details").path("cached_tokens").asLong(0))
        .put("cache_write_tokens", 0);
    u.put("output_tokens", out);
    u.putObject("output_tokens_details").put("reasoning_tokens",
        chat.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    u.put("total_tokens", chat.path("total_tokens").asLong(in + out));
    return u;
  }

  /** The assistant turn {@code output} was, as a Chat Completions message (what a later turn of the chain sends). */
  static ObjectNode assistantTurn(ArrayNode output) {
    ObjectNode m = NODES.objectNode().put("role", "assistant");
    StringBuilder text = new StringBuilder();
    ArrayNode calls = NODES.arrayNode();
    for (JsonNode item : output) {
      if ("message".equals(item.path("type").asText())) {
        for (JsonNode part : item.path("content")) text.append(part.path("text").asText(""));
      } else if ("function_call".equals(item.path("type").asText())) {
        ObjectNode c = calls.addObject().put("id", item.path("call_id").asText()).put("type", "function");
        c.putObject("function").put("name", item.path("name").asText()).put("arguments", item.path("arguments").asText());
      }
    }
    if (calls.isEmpty()) return m.put("content", text.toString());
    if (text.length() == 0) m.putNull("content");
    else m.put("content", text.toString());
    m.set("tool_calls", calls);
    return m;
  }
}
