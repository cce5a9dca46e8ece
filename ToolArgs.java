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
    JsonNode node;
    try {
      node = JsonIo.read(call.arguments());
    } catch (UncheckedIOException | IllegalArgumentException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new UnsupportedContent("the arguments of tool call " + call.id() + " (" + call.name()
          + ") are not a JSON object");
    }
    return (ObjectNode) node;
  }

  /** An object node as OpenAI's argument text (compact); a missing or null node is {@code {}}. */
  public static String text(JsonNode input) {
    if (input == null || input.isNull() || input.isMissingNode()) return "{}";
    return input.toString();
  }

  /** A tool result's text as a JSON value when it is JSON, else as a string (Gemini's {@code output}). */
  public static JsonNode valueOf(String text) {
    String t = text == null ? "" : text.strip();
    if (t.startsWith("{") || t.startsWith("[")) {
      try {
        return JsonIo.read(t);
      } catch (UncheckedIOException | IllegalArgumentException e) {
        // not JSON after all: sent as text
      }
    }
    return JsonNodeFactory.instance.textNode(text == null ? "" : text);
  }
}
