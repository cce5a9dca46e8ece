package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code POST /v1/responses} body, translated onto Chat Completions: {@code input} as chat messages
 * (without the instructions, which are not carried along a {@code previous_response_id} chain), the Chat Completions
 * fields it maps to ({@code chat}), and the fields the Response object echoes ({@code echo}). A field the gateway
 * cannot honour is a 400 naming it: nothing is dropped silently.
 */
record ResponsesRequest(String model, ArrayNode input, String instructions, Mapped mapped, boolean stream,
    Chain chain) {

  /** The Chat Completions fields the request maps to, and the fields its Response object echoes. */
  record Mapped(ObjectNode chat, ObjectNode echo) { }

  /** Whether the response is kept ({@code store}) and the earlier one it continues ({@code previous_response_id}). */
  record Chain(boolean store, String previousResponseId) { }

  ObjectNode chat() { return mapped.chat(); }

  ObjectNode echo() { return mapped.echo(); }

  boolean store() { return chain.store(); }

  String previousResponseId() { return chain.previousResponseId(); }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> FIELDS = Set.of("model", "input", "instructions", "max_output_tokens",
      "temperature", "top_p", "tools", "tool_choice", "parallel_tool_calls", "text", "metadata", "user", "store",
      "previous_response_id", "stream");
  /** Fields taken only at the value that asks for nothing (the API's default), so that SDKs sending them work. */
  private static final Map<String, String> DEFAULT_ONLY = Map.of("truncation", "\"disabled\"", "background", "false",
      "include", "[]");

  static ResponsesRequest parse(JsonNode root) {
    if (root == null || !root.isObject()) throw ApiException.invalid(null, "request body must be a JSON object");
    ObjectNode o = (ObjectNode) root;
    refuseUnsupported(o);
    String model = text(o, "model");
    if (model == null || model.isBlank()) throw ApiException.invalid("model", "'model' is required");
    ObjectNode chat = NODES.objectNode();
    ObjectNode echo = NODES.objectNode();
    String instructions = text(o, "instructions");
    echo.put("instructions", instructions);
    copyNumber(o, "temperature", chat, "temperature", echo);
    copyNumber(o, "top_p", chat, "top_p", echo);
    copyNumber(o, "max_output_tokens", chat, "max_completion_tokens", echo);
    String user = text(o, "user");
    if (user != null) chat.put("user", user);
    echo.put("user", user);
    Boolean parallel = bool(o, "parallel_tool_calls");
    if (parallel != null) chat.put("parallel_tool_calls", parallel);
    echo.put("parallel_tool_calls", parallel == null || parallel);
    ResponsesTools.map(o, chat, echo);
    echo.set("metadata", metadata(o.get("metadata")));
    Boolean store = bool(o, "store");
    echo.put("store", store == null || store);
    String previous = text(o, "previous_response_id");
    echo.put("previous_response_id", previous);
    echo.put("truncation", "disabled");
    Boolean stream = bool(o, "stream");
    ArrayNode input = ResponsesInput.messages(o.get("input"));
    return new ResponsesRequest(model, input, instructions, new Mapped(chat, echo), stream != null && stream,
        new Chain(store == null || store, previous));
  }

  /**
   * The Chat Completions body: the instructions as the system message, the earlier turns of the chain
   * ({@code history}), this input, the mapped fields; a stream asks for the usage chunk (a Response always has usage).
   */
  ObjectNode chatBody(ArrayNode history) {
    ObjectNode body = NODES.objectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (instructions != null) messages.addObject().put("role", "system").put("content", instructions);
    messages.addAll(history);
    messages.addAll(input);
    body.setAll(chat());
    if (stream) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    return body;
  }

  private static void refuseUnsupported(ObjectNode o) {
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = f.getKey();
      if (FIELDS.contains(name) || f.getValue().isNull()) continue;
      String allowed = DEFAULT_ONLY.get(name);
      if (allowed != null && allowed.equals(f.getValue().toString())) continue;
      throw unsupported(name, "'" + name + "' is not supported by this gateway's Responses API"
          + (allowed != null ? " (only " + allowed + " is)" : ""));
    }
  }

  static ApiException unsupported(String param, String message) {
    return new ApiException(400, "invalid_request_error", "unsupported_parameter", param, message);
  }

  private static ObjectNode metadata(JsonNode m) {
    if (m == null || m.isNull()) return NODES.objectNode();
    if (!m.isObject() || m.size() > 16) {
      throw ApiException.invalid("metadata", "'metadata' must be an object of at most 16 string values");
    }
    for (JsonNode v : m) {
      if (!v.isTextual()) throw ApiException.invalid("metadata", "'metadata' values must be strings");
    }
    return (ObjectNode) m;
  }

  private static void copyNumber(ObjectNode o, String field, ObjectNode chat, String chatField, ObjectNode echo) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      echo.putNull(field);
      return;
    }
    if (!v.isNumber()) throw ApiException.invalid(field, "'" + field + "' must be a number");
    chat.set(chatField, v);
    echo.set(field, v);
  }

  static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw ApiException.invalid(field, "'" + field + "' must be a string");
    return v.asText();
  }

  private static Boolean bool(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw ApiException.invalid(field, "'" + field + "' must be a boolean");
    return v.asBoolean();
  }
}
