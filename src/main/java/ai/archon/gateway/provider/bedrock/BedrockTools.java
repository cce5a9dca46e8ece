package ai.archon.gateway.provider.bedrock;

import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Function tools and the tool choice as Converse's {@code toolConfig}: {@code tools[].toolSpec} ({@code name},
 * {@code description}, {@code inputSchema.json}) and {@code toolChoice}: auto → {@code {"auto":{}}}, required →
 * {@code {"any":{}}}, a named function → {@code {"tool":{"name"}}}. Converse has no "none" choice: the mapper sends
 * no tools at all for it (see {@link BedrockMapper#request}). Bedrock documents {@code any} and {@code tool} for
 * Anthropic Claude 3 and Mistral Large models; other models answer such a request with a 400 of their own.
 */
final class BedrockTools {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BedrockTools() { }

  static ObjectNode toolConfig(List<ToolSpec> tools, ToolChoice choice) {
    ObjectNode config = NODES.objectNode();
    ArrayNode list = config.putArray("tools");
    for (ToolSpec t : tools) {
      ObjectNode spec = list.addObject().putObject("toolSpec").put("name", t.name());
      if (t.description() != null) spec.put("description", t.description());
      spec.putObject("inputSchema").set("json", t.parameters() != null ? t.parameters()
          : NODES.objectNode().put("type", "object").set("properties", NODES.objectNode()));
    }
    if (choice != null) {
      ObjectNode c = config.putObject("toolChoice");
      switch (choice.mode()) {
        case REQUIRED:
          c.putObject("any");
          break;
        case FUNCTION:
          c.putObject("tool").put("name", choice.function());
          break;
        default:
          c.putObject("auto");
      }
    }
    return config;
  }
}
