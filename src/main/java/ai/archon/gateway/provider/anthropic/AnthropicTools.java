package ai.archon.gateway.provider.anthropic;

import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Function tools as Anthropic {@code tools} ({@code name}, {@code description}, {@code input_schema}) and OpenAI's
 * {@code tool_choice} as Anthropic's: auto → {@code auto}, none → {@code none}, required → {@code any}, a named
 * function → {@code tool} with its name. {@code parallel_tool_calls: false} is {@code disable_parallel_tool_use: true}
 * on the choice (with no choice sent, on an {@code auto} one; a {@code none} choice takes no such flag).
 */
final class AnthropicTools {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AnthropicTools() { }

  static ArrayNode tools(List<ToolSpec> tools) {
    ArrayNode out = NODES.arrayNode();
    for (ToolSpec t : tools) {
      ObjectNode tool = out.addObject().put("name", t.name());
      if (t.description() != null) tool.put("description", t.description());
      // input_schema is required and must be an object schema; a tool without parameters takes an empty object.
      tool.set("input_schema", t.parameters() != null ? t.parameters()
          : NODES.objectNode().put("type", "object").set("properties", NODES.objectNode()));
    }
    return out;
  }

  /** The tool_choice object, or null when nothing needs saying (Anthropic's default is auto, parallel allowed). */
  static ObjectNode choice(ToolChoice choice, Boolean parallelToolCalls) {
    boolean serial = Boolean.FALSE.equals(parallelToolCalls);
    if (choice == null && !serial) return null;
    ObjectNode out = NODES.objectNode();
    ToolChoice.Mode mode = choice == null ? ToolChoice.Mode.AUTO : choice.mode();
    switch (mode) {
      case NONE:
        return out.put("type", "none");
      case REQUIRED:
        out.put("type", "any");
        break;
      case FUNCTION:
        out.put("type", "tool").put("name", choice.function());
        break;
      default:
        out.put("type", "auto");
    }
    if (serial) out.put("disable_parallel_tool_use", true);
    return out;
  }
}
