package ai.archon.gateway.provider.mock;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.PromptMarkers;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Mock's tool calls and JSON answers, so the demo and tests exercise tools and structured outputs offline.
 * A call offered tools (tool_choice not {@code none}) answers with one call when tool_choice forces one, or when the
 * conversation holds no tool result yet (a {@code tool} message, or a {@link PromptMarkers#TOOL_RESULT} section in a
 * fuser's transcript): the named function, else the first declared one, with arguments built from its parameters
 * schema. A JSON response format gets a value built from its schema ({@code {"answer": <text>}} for json_object).
 */
final class MockTools {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private MockTools() { }

  /** The one call this request answers with, or null when it answers with text. */
  static ToolCall call(ChatRequest req, long hash) {
    OutputSpec o = req.output();
    ToolChoice choice = o.toolChoice();
    if (!o.hasTools() || (choice != null && choice.mode() == ToolChoice.Mode.NONE)) return null;
    boolean forced = choice != null && choice.forcesCall();
    if (!forced && hasToolResult(req.messages())) return null;
    ToolSpec tool = choice != null && choice.mode() == ToolChoice.Mode.FUNCTION ? o.tool(choice.function()) : o.tools().get(0);
    if (tool == null) tool = o.tools().get(0);
    String args = tool.parameters() == null ? "{}" : valueFor(tool.parameters(), tool.name()).toString();
    return new ToolCall(String.format(Locale.ROOT, "call_%016x", hash), tool.name(), args);
  }

  /** The answer text in the request's JSON response format, or {@code text} unchanged when it asks for none. */
  static String formatted(ChatRequest req, String text) {
    ResponseFormat f = req.output().responseFormat();
    if (f.type() == ResponseFormat.Type.JSON_SCHEMA && f.schema() != null) return valueFor(f.schema(), "answer").toString();
    if (f.wantsJson()) return F.objectNode().put("answer", text).toString();
    return text;
  }

  private static boolean hasToolResult(List<Message> messages) {
    for (Message m : messages) {
      if ("tool".equals(m.role()) || m.content().contains(PromptMarkers.open(PromptMarkers.TOOL_RESULT))) return true;
    }
    return false;
  }

  /** A value that satisfies common schemas: first enum/const, every property, minimum sizes and bounds. */
  static JsonNode valueFor(JsonNode schema, String name) {
    if (schema.has("const")) return schema.get("const");
    if (schema.path("enum").isArray() && !schema.get("enum").isEmpty()) return schema.get("enum").get(0);
    if (schema.path("anyOf").isArray() && !schema.get("anyOf").isEmpty()) return valueFor(schema.get("anyOf").get(0), name);
    JsonNode type = schema.get("type");
    String t = type == null ? (schema.has("properties") ? "object" : "string")
        : type.isArray() ? type.get(0).asText() : type.asText();
    switch (t) {
      case "object":
        ObjectNode o = F.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> p = it.next();
          o.set(p.getKey(), valueFor(p.getValue(), p.getKey()));
        }
        return o;
      case "array":
        ArrayNode a = F.arrayNode();
        int items = Math.max(1, schema.path("minItems").asInt(1));
        for (int i = 0; i < items; i++) a.add(valueFor(schema.path("items").isObject() ? schema.get("items") : F.objectNode(), name));
        return a;
      case "integer":
        return F.numberNode(schema.path("minimum").asLong(1));
      case "number":
        return F.numberNode(schema.path("minimum").asDouble(1.5));
      case "boolean":
        return F.booleanNode(true);
      case "null":
        return F.nullNode();
      default:
        return F.textNode(name + " example");
    }
  }
}
