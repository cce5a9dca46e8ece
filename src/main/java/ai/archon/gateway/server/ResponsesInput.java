package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Responses API's {@code input} as Chat Completions messages: a string is one user message; items are messages
 * (their {@code input_text}/{@code output_text} parts as text, {@code input_image} as an {@code image_url} part),
 * {@code function_call} items as the assistant's {@code tool_calls} (consecutive calls in one assistant message, as
 * one turn) and {@code function_call_output} items as {@code tool} messages, their call ids kept.
 */
final class ResponsesInput {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResponsesInput() { }

  static ArrayNode messages(JsonNode input) {
    ArrayNode out = NODES.arrayNode();
    if (input == null || input.isNull()) throw ApiException.invalid("input", "'input' is required");
    if (input.isTextual()) {
      out.addObject().put("role", "user").put("content", input.asText());
      return out;
    }
    if (!input.isArray() || input.isEmpty()) {
      throw ApiException.invalid("input", "'input' must be a string or a non-empty array of items");
    }
    for (int i = 0; i < input.size(); i++) {
      JsonNode item = input.get(i);
      String param = "input[" + i + "]";
      if (!item.isObject()) throw ApiException.invalid(param, param + " must be an object");
      String type = item.path("type").asText(item.has("role") ? "message" : "");
      switch (type) {
        case "message":
          out.add(message(item, param));
          break;
        case "function_call":
          call(out, item, param);
          break;
        case "function_call_output":
          out.addObject().put("role", "tool").put("tool_call_id", required(item, "call_id", param))
              .put("content", output(item.get("output"), param + ".output"));
          break;
        default:
          throw ResponsesRequest.unsupported(param + ".type", "input items of type '" + type + "' are not supported"
              + " by this gateway; message, function_call and function_call_output are");
      }
    }
    return out;
  }

  private static ObjectNode message(JsonNode item, String param) {
    String role = item.path("role").asText("");
    if (!role.equals("user") && !role.equals("assistant") && !role.equals("system") && !role.equals("developer")) {
      throw ApiException.invalid(param + ".role", param + ".role must be user, assistant, system or developer");
    }
    ObjectNode m = NODES.objectNode().put("role", role);
    JsonNode content = item.get("content");
    if (content != null && content.isTextual()) return m.put("content", content.asText());
    if (content == null || !content.isArray()) {
      throw ApiException.invalid(param + ".content", param + ".content must be a string or an array of parts");
    }
    ArrayNode parts = NODES.arrayNode();
    StringBuilder text = new StringBuilder();
    boolean onlyText = true;
    for (int j = 0; j < content.size(); j++) {
      JsonNode p = content.get(j);
      String pp = param + ".content[" + j + "]";
      String type = p.path("type").asText("");
      if (type.equals("input_text") || type.equals("output_text")) {
        String t = required(p, "text", pp);
        text.append(t);
        parts.addObject().put("type", "text").put("text", t);
      } else if (type.equals("input_image") && !role.equals("assistant")) {
        onlyText = false;
        ObjectNode image = parts.addObject().put("type", "image_url").putObject("image_url")
            .put("url", required(p, "image_url", pp));
        if (p.hasNonNull("detail")) image.set("detail", p.get("detail"));
      } else {
        throw ResponsesRequest.unsupported(pp + ".type", "content parts of type '" + type + "' are not supported in "
            + role + " messages by this gateway");
      }
    }
    // One plain string where the parts are only text: the form every upstream takes, and assistant turns need.
    if (onlyText) m.put("content", text.toString());
    else m.set("content", parts);
    return m;
  }

  /** A function call: joins the assistant message just before it (the same turn), or starts one. */
  private static void call(ArrayNode out, JsonNode item, String param) {
    ObjectNode last = out.isEmpty() ? null : (ObjectNode) out.get(out.size() - 1);
    ObjectNode turn;
    if (last != null && "assistant".equals(last.path("role").asText())) {
      turn = last;
    } else {
      turn = out.addObject().put("role", "assistant");
      turn.putNull("content");
    }
    ArrayNode calls = turn.has("tool_calls") ? (ArrayNode) turn.get("tool_calls") : turn.putArray("tool_calls");
    JsonNode args = item.get("arguments");
    if (args != null && !args.isNull() && !args.isTextual()) {
      throw ApiException.invalid(param + ".arguments", param + ".arguments must be a JSON text (a string)");
    }
    ObjectNode call = calls.addObject().put("id", required(item, "call_id", param)).put("type", "function");
    call.putObject("function").put("name", required(item, "name", param))
        .put("arguments", args == null || args.isNull() ? "{}" : args.asText());
  }

  /** A function call's output: its text, or the text of its {@code input_text} parts. */
  private static String output(JsonNode o, String param) {
    if (o != null && o.isTextual()) return o.asText();
    if (o != null && o.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode p : o) {
        if (!"input_text".equals(p.path("type").asText())) {
          throw ResponsesRequest.unsupported(param, "function call outputs other than text are not supported");
        }
        sb.append(p.path("text").asText(""));
      }
      return sb.toString();
    }
    throw ApiException.invalid(param, param + " must be a string or an array of input_text parts");
  }

  private static String required(JsonNode o, String field, String param) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) throw ApiException.invalid(param + "." + field, param + "." + field + " is required");
    return v.asText();
  }
}
