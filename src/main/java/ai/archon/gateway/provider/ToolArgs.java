package ai.archon.gateway.provider;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.ToolCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * Tool-call arguments between OpenAI's form (a JSON text) and the object the other protocols carry (Anthropic
 * {@code input}, Gemini {@code args}, Bedrock {@code input}).
 */
public final class ToolArgs {
  private ToolArgs() { }

  /** The arguments of {@code call} as an object; anything else cannot be sent to those protocols. */
  public static ObjectNode object(ToolCall call) {
    JsonNode node = parse(call.arguments());
    if (node == null || !node.isObject()) {
      throw new UnsupportedContent("the arguments of tool call " + call.id() + " (" + call.name()
          + ") are not a JSON object");
    }
    return (ObjectNode) node;
  }

  /** An input object as OpenAI's argument text (compact); a missing or null node is {@code {}}. */
  public static String text(JsonNode input) {
    if (input == null || input.isNull() || input.isMissingNode()) return "{}";
    return input.toString();
  }

  /** A tool result's text as the JSON value it holds when it is JSON, else as a string. */
  public static JsonNode valueOf(String text) {
    String t = text == null ? "" : text.strip();
    JsonNode node = t.startsWith("{") || t.startsWith("[") ? parse(t) : null;
    return node != null ? node : JsonNodeFactory.instance.textNode(text == null ? "" : text);
  }

  private static JsonNode parse(String text) {
    try {
      return JsonIo.read(text);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      return null;
    }
  }
}
