package ai.archon.gateway.pipeline;

import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks one answer against what the client asked for: tool calls name a declared tool and carry JSON-object
 * arguments (valid against the tool's parameters when it is {@code strict}); in the final layer a forced
 * {@code tool_choice} got its call and a JSON {@code response_format} got valid JSON (schema-valid when
 * {@code strict}). Schemas are checked with networknt's JSON Schema validator (draft 2020-12, what OpenAI's
 * structured outputs use).
 */
final class OutputCheck {
  /** Trailing text after the JSON value makes the answer invalid, as it would for the client's own parser. */
  private static final ObjectReader STRICT = JsonIo.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  /** How many schema errors a message lists: enough to fix the answer, short enough to read. */
  private static final int MAX_ERRORS = 5;

  /** What is wrong with an answer: the error code the client would get and a message a model can act on. */
  record Problem(String code, String message) { }

  private OutputCheck() { }

  /** The answer's problem, or null when it is acceptable. {@code finalLayer}: tool_choice and format apply too. */
  static Problem problem(ChatResult r, OutputSpec spec, boolean finalLayer) {
    for (ToolCall call : r.toolCalls()) {
      Problem p = toolCall(call, spec);
      if (p != null) return p;
    }
    if (!finalLayer) return null;
    ToolChoice choice = spec.toolChoice();
    if (choice != null && choice.forcesCall()) {
      boolean ok = choice.mode() == ToolChoice.Mode.REQUIRED ? r.hasToolCalls()
          : r.toolCalls().stream().anyMatch(c -> c.name().equals(choice.function()));
      if (!ok) {
        return new Problem("tool_choice_not_honoured", "tool_choice is "
            + (choice.mode() == ToolChoice.Mode.REQUIRED ? "\"required\"" : "the function '" + choice.function() + "'")
            + " but the answer " + (r.hasToolCalls() ? "called other functions" : "is text, not a tool call"));
      }
    }
    if (choice != null && choice.mode() == ToolChoice.Mode.NONE && r.hasToolCalls()) {
      return new Problem("tool_choice_not_honoured", "tool_choice is \"none\" but the answer calls a function");
    }
    if (r.hasToolCalls() || !spec.responseFormat().wantsJson()) return null;
    return structured(r.text(), spec.responseFormat());
  }

  private static Problem toolCall(ToolCall call, OutputSpec spec) {
    ToolSpec tool = spec.tool(call.name());
    if (tool == null) {
      return new Problem("invalid_tool_call", "the answer calls '" + call.name() + "', which is not among the tools");
    }
    JsonNode args = json(call.arguments());
    if (args == null || !args.isObject()) {
      return new Problem("invalid_tool_call", "the arguments of the call to '" + call.name()
          + "' are not a JSON object: " + abbreviate(call.arguments()));
    }
    if (!tool.strict() || tool.parameters() == null) return null;
    String errors = schemaErrors(tool.parameters(), args);
    return errors == null ? null : new Problem("invalid_tool_call",
        "the arguments of the call to '" + call.name() + "' do not match its parameters schema: " + errors);
  }

  private static Problem structured(String text, ResponseFormat format) {
    JsonNode doc = json(text);
    if (doc == null || (format.type() == ResponseFormat.Type.JSON_OBJECT && !doc.isObject())) {
      return new Problem("invalid_structured_output", "the answer is not " + (format.type() == ResponseFormat.Type.JSON_OBJECT
          ? "a JSON object" : "valid JSON") + ": " + abbreviate(text));
    }
    if (format.type() != ResponseFormat.Type.JSON_SCHEMA || !format.strict() || format.schema() == null) return null;
    String errors = schemaErrors(format.schema(), doc);
    return errors == null ? null : new Problem("invalid_structured_output",
        "the answer does not match the JSON schema '" + format.name() + "': " + errors);
  }

  /** The schema's complaints about {@code doc} joined, or null when it is valid. */
  static String schemaErrors(JsonNode schema, JsonNode doc) {
    Schema s = SCHEMAS.getSchema(schema);
    List<Error> errors = s.validate(doc);
    if (errors.isEmpty()) return null;
    return errors.stream().limit(MAX_ERRORS).map(e -> e.getInstanceLocation() + ": " + e.getMessage())
        .collect(Collectors.joining("; "));
  }

  /** The text as JSON (whitespace around it allowed), or null when it is not JSON. */
  private static JsonNode json(String text) {
    if (text == null || text.isBlank()) return null;
    try {
      return STRICT.readTree(text);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
