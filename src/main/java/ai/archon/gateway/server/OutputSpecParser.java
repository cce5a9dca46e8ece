package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code tools}, {@code tool_choice}, {@code parallel_tool_calls} and {@code response_format} into an
 * {@link OutputSpec}. Function tools are validated here (a malformed one is a 400 for any model); tools of other
 * types and {@code allowed_tools} / {@code custom} tool choices are left out of the spec, not refused: pass-through
 * forwards them as sent, and an ensemble refuses them in {@link EnsembleFields}.
 */
final class OutputSpecParser {
  private OutputSpecParser() { }

  static OutputSpec parse(ObjectNode o) {
    List<ToolSpec> tools = tools(o.get("tools"));
    ToolChoice choice = toolChoice(o.get("tool_choice"), tools);
    Boolean parallel = null;
    JsonNode p = o.get("parallel_tool_calls");
    if (p != null && !p.isNull()) {
      if (!p.isBoolean()) throw ApiException.invalid("parallel_tool_calls", "'parallel_tool_calls' must be a boolean");
      parallel = p.asBoolean();
    }
    return new OutputSpec(tools, choice, parallel, responseFormat(o.get("response_format")));
  }

  private static List<ToolSpec> tools(JsonNode arr) {
    if (arr == null || arr.isNull()) return List.of();
    if (!arr.isArray()) throw ApiException.invalid("tools", "'tools' must be an array");
    List<ToolSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode t = arr.get(i);
      String at = "tools[" + i + "]";
      if (!t.isObject()) throw ApiException.invalid(at, at + " must be an object");
      if (!"function".equals(t.path("type").asText(""))) continue;
      JsonNode fn = t.get("function");
      if (fn == null || !fn.isObject()) throw ApiException.invalid(at + ".function", at + ".function must be an object");
      String name = fn.path("name").asText("");
      if (!fn.path("name").isTextual() || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
        throw ApiException.invalid(at + ".function.name",
            at + ".function.name must be 1 to 64 letters, digits, underscores or dashes");
      }
      if (!names.add(name)) throw ApiException.invalid(at + ".function.name", "two tools are named '" + name + "'");
      JsonNode params = fn.get("parameters");
      if (params != null && !params.isNull() && !params.isObject()) {
        throw ApiException.invalid(at + ".function.parameters", at + ".function.parameters must be a JSON Schema object");
      }
      JsonNode description = fn.get("description");
      JsonNode strict = fn.get("strict");
      out.add(new ToolSpec(name, description != null && description.isTextual() ? description.asText() : null,
          params == null || params.isNull() ? null : params, strict != null && strict.asBoolean(false)));
    }
    return out;
  }

  private static ToolChoice toolChoice(JsonNode c, List<ToolSpec> tools) {
    if (c == null || c.isNull()) return null;
    if (c.isTextual()) {
      switch (c.asText()) {
        case "auto": return ToolChoice.AUTO;
        case "none": return ToolChoice.NONE;
        case "required": return ToolChoice.REQUIRED;
        default:
          throw ApiException.invalid("tool_choice", "'tool_choice' must be \"auto\", \"none\", \"required\" or a function");
      }
    }
    if (c.isObject() && "function".equals(c.path("type").asText(""))) {
      String name = c.path("function").path("name").asText("");
      if (name.isEmpty()) throw ApiException.invalid("tool_choice.function.name", "'tool_choice.function.name' is required");
      if (tools.stream().noneMatch(t -> t.name().equals(name))) {
        throw ApiException.invalid("tool_choice.function.name",
            "'tool_choice' names the function '" + name + "', which is not among the request's tools");
      }
      return ToolChoice.function(name);
    }
    if (c.isObject()) return null; // allowed_tools, custom: see the class comment
    throw ApiException.invalid("tool_choice", "'tool_choice' must be a string or an object");
  }

  private static ResponseFormat responseFormat(JsonNode f) {
    if (f == null || f.isNull()) return ResponseFormat.TEXT;
    if (!f.isObject()) throw ApiException.invalid("response_format", "'response_format' must be an object");
    String type = f.path("type").asText("");
    switch (type) {
      case "text": return ResponseFormat.TEXT;
      case "json_object": return ResponseFormat.JSON_OBJECT;
      case "json_schema":
        JsonNode js = f.get("json_schema");
        if (js == null || !js.isObject()) {
          throw ApiException.invalid("response_format.json_schema", "'response_format.json_schema' must be an object");
        }
        String name = js.path("name").asText("");
        if (!js.path("name").isTextual() || name.isBlank()) {
          throw ApiException.invalid("response_format.json_schema.name", "'response_format.json_schema.name' is required");
        }
        JsonNode schema = js.get("schema");
        if (schema != null && !schema.isNull() && !schema.isObject()) {
          throw ApiException.invalid("response_format.json_schema.schema",
              "'response_format.json_schema.schema' must be a JSON Schema object");
        }
        return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, name, schema == null || schema.isNull() ? null : schema,
            js.path("strict").asBoolean(false));
      default:
        throw ApiException.invalid("response_format.type",
            "'response_format.type' must be \"text\", \"json_object\" or \"json_schema\"");
    }
  }
}
