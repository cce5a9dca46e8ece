package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Responses API's answer-shaping fields in Chat Completions' form: function {@code tools} (flat in the Responses
 * API, nested under {@code function} in Chat Completions), {@code tool_choice} and {@code text.format}
 * ({@code response_format}). Hosted tools (web search, file search...) have no Chat Completions form: 400.
 */
final class ResponsesTools {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResponsesTools() { }

  /** Maps {@code tools}, {@code tool_choice} and {@code text} of {@code o} into {@code chat}, echoing them. */
  static void map(ObjectNode o, ObjectNode chat, ObjectNode echo) {
    JsonNode tools = o.get("tools");
    if (tools != null && !tools.isNull()) {
      if (!tools.isArray()) throw ApiException.invalid("tools", "'tools' must be an array");
      if (!tools.isEmpty()) chat.set("tools", tools(tools));
      echo.set("tools", tools);
    } else {
      echo.putArray("tools");
    }
    JsonNode choice = o.get("tool_choice");
    if (choice != null && !choice.isNull()) {
      chat.set("tool_choice", toolChoice(choice));
      echo.set("tool_choice", choice);
    } else {
      echo.put("tool_choice", "auto");
    }
    JsonNode text = o.get("text");
    if (text != null && !text.isNull()) {
      JsonNode format = format(text);
      if (format != null) chat.set("response_format", format);
      echo.set("text", text);
    } else {
      echo.putObject("text").putObject("format").put("type", "text");
    }
  }

  private static ArrayNode tools(JsonNode tools) {
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode t = tools.get(i);
      String param = "tools[" + i + "]";
      if (!t.isObject()) throw ApiException.invalid(param, param + " must be an object");
      String type = t.path("type").asText("");
      if (!"function".equals(type)) {
        throw ResponsesRequest.unsupported(param + ".type", "tools of type '" + type + "' are not supported by this"
            + " gateway; only function tools are");
      }
      if (!t.path("name").isTextual() || t.path("name").asText().isBlank()) {
        throw ApiException.invalid(param + ".name", param + ".name is required");
      }
      ObjectNode fn = out.addObject().put("type", "function").putObject("function");
      fn.set("name", t.get("name"));
      if (t.hasNonNull("description")) fn.set("description", t.get("description"));
      if (t.hasNonNull("parameters")) fn.set("parameters", t.get("parameters"));
      // The Responses API's function tools are strict unless they say otherwise (Chat Completions' are not).
      fn.put("strict", !t.hasNonNull("strict") || t.get("strict").asBoolean(true));
    }
    return out;
  }

  private static JsonNode toolChoice(JsonNode c) {
    if (c.isTextual() && (c.asText().equals("auto") || c.asText().equals("none") || c.asText().equals("required"))) {
      return c;
    }
    if (c.isObject() && "function".equals(c.path("type").asText()) && c.path("name").isTextual()) {
      ObjectNode out = NODES.objectNode().put("type", "function");
      out.putObject("function").set("name", c.get("name"));
      return out;
    }
    throw ResponsesRequest.unsupported("tool_choice", "'tool_choice' must be \"auto\", \"none\", \"required\" or"
        + " {\"type\": \"function\", \"name\": ...}");
  }

  /** {@code text.format} as a {@code response_format}, or null for plain text. */
  private static JsonNode format(JsonNode text) {
    if (!text.isObject()) throw ApiException.invalid("text", "'text' must be an object");
    for (java.util.Iterator<String> it = text.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("format") && !text.get(f).isNull()) {
        throw ResponsesRequest.unsupported("text." + f, "'text." + f + "' is not supported by this gateway");
      }
    }
    JsonNode format = text.get("format");
    if (format == null || format.isNull()) return null;
    String type = format.path("type").asText("");
    switch (type) {
      case "text":
        return null;
      case "json_object":
        return NODES.objectNode().put("type", "json_object");
      case "json_schema":
        if (!format.path("name").isTextual()) {
          throw ApiException.invalid("text.format.name", "'text.format.name' is required for json_schema");
        }
        if (!format.path("schema").isObject()) {
          throw ApiException.invalid("text.format.schema", "'text.format.schema' must be a JSON Schema object");
        }
        ObjectNode out = NODES.objectNode().put("type", "json_schema");
        ObjectNode js = out.putObject("json_schema");
        js.set("name", format.get("name"));
        if (format.hasNonNull("description")) js.set("description", format.get("description"));
        js.set("schema", format.get("schema"));
        if (format.hasNonNull("strict")) js.set("strict", format.get("strict"));
        return out;
      default:
        throw ApiException.invalid("text.format.type", "'text.format.type' must be text, json_object or json_schema");
    }
  }
}
