package ai.archon.gateway.server;

import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.support.Json;
import ai.archon.gateway.support.RecordedRequest;
import ai.archon.gateway.support.Reply;
import ai.archon.gateway.support.ToolReplies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * How one wire protocol carries tools, as the tool and structured-output end-to-end tests need it: the scripted
 * upstream's tool-call reply, and reading an upstream request's tools, response format and conversation ids. Each
 * protocol the gateway maps adds one implementation; the tests run over {@link #ALL}.
 */
interface ToolProtocol {
  /** The model_type whose components speak this protocol against the mock upstream. */
  String modelType();

  /**
   * A responder calling {@code name} with {@code arguments} (JSON text) under the call id {@code id}, whole or
   * streamed as the request asks.
   */
  Function<RecordedRequest, Reply> toolCall(String id, String name, String arguments);

  /** The names of the tools the upstream request offered (empty when none). */
  List<String> toolNames(RecordedRequest r);

  /** Whether the upstream request asked for a JSON answer (the protocol's form of response_format). */
  boolean asksForJson(RecordedRequest r);

  /** Every call id in the request's conversation: the assistant's calls and the tool results' ids, in order. */
  List<String> conversationCallIds(RecordedRequest r);

  /** The request's tool declarations, as the protocol spells them (missing when none). */
  JsonNode tools(RecordedRequest r);

  /** Every block or message of the request that carries a tool's result, in the protocol's shape. */
  List<JsonNode> toolResults(RecordedRequest r);

  /** Every assistant tool call of the request's conversation, in the protocol's shape. */
  List<JsonNode> toolCalls(RecordedRequest r);

  /** The exact {@link #toolCalls} entry for get_weather's call {@code call_fuse} with {@code {"city":"Paris"}}. */
  String toolCallShape();

  /** The exact {@link #tools} the end-to-end test's get_weather tool ({@code ToolsEndToEndTest.TOOLS}) becomes. */
  String toolsShape();

  /** The exact {@link #toolResults} block for the result {@code "18C, sunny"} of get_weather's call {@code call_fuse}. */
  String toolResultShape();

  /** Whether the protocol's conversation carries call ids (Gemini's does not: it pairs calls and results by name). */
  default boolean carriesCallIds() {
    return true;
  }

  ToolProtocol OPENAI = new ToolProtocol() {
    @Override
    public String modelType() { return "OpenAI_API"; }

    @Override
    public Function<RecordedRequest, Reply> toolCall(String id, String name, String arguments) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.put("id", "chatcmpl-" + id).put("object", "chat.completion").put("created", 1).put("model", "m");
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0).put("finish_reason", "tool_calls");
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant").putNull("content");
      ObjectNode call = message.putArray("tool_calls").addObject();
      call.put("id", id).put("type", "function");
      call.putObject("function").put("name", name).put("arguments", arguments);
      root.putObject("usage").put("prompt_tokens", 5).put("completion_tokens", 3).put("total_tokens", 8);
      Reply reply = Reply.raw(200, "application/json", root.toString());
      return r -> reply;
    }

    @Override
    public List<String> toolNames(RecordedRequest r) {
      return texts(tools(r), "/function/name");
    }

    @Override
    public boolean asksForJson(RecordedRequest r) {
      return r.body().has("response_format");
    }

    @Override
    public List<String> conversationCallIds(RecordedRequest r) {
      // An assistant message's call ids, or a tool message's one id, message by message.
      return each(r.body().path("messages"))
          .flatMap(m -> Stream.concat(each(m.path("tool_calls")).map(c -> c.path("id")),
              Stream.ofNullable(m.get("tool_call_id"))))
          .map(JsonNode::asText).toList();
    }

    @Override
    public JsonNode tools(RecordedRequest r) {
      return r.body().path("tools");
    }

    @Override
    public List<JsonNode> toolResults(RecordedRequest r) {
      return each(r.body().path("messages")).filter(m -> m.has("tool_call_id")).toList();
    }

    @Override
    public List<JsonNode> toolCalls(RecordedRequest r) {
      return each(r.body().path("messages")).flatMap(m -> each(m.path("tool_calls"))).toList();
    }

    @Override
    public String toolCallShape() {
      return "{\"id\":\"call_fuse\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
          + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}";
    }

    @Override
    public String toolsShape() {
      return "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
          + "\"parameters\":" + WEATHER_SCHEMA + ",\"strict\":true}}]";
    }

    @Override
    public String toolResultShape() {
      return "{\"role\":\"tool\",\"content\":\"18C, sunny\",\"tool_call_id\":\"call_fuse\"}";
    }

    @Override
    public String toString() { return modelType(); }
  };

  /** get_weather's parameters as the client sends them (and as the JSON-Schema protocols pass them on). */
  String WEATHER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
      + "\"required\":[\"city\"],\"additionalProperties\":false}";

  /** Anthropic Messages: tools[].name, tool_use blocks from the assistant, tool_result blocks back. */
  ToolProtocol ANTHROPIC = new BlockProtocol("Anthropic_API", "messages/content", "/tools", "/name",
      Block.typed("tool_use", "/id"), Block.typed("tool_result", "/tool_use_id"), new Shapes(
      "[{\"name\":\"get_weather\",\"description\":\"Current weather\",\"input_schema\":" + WEATHER_SCHEMA + "}]",
      "{\"type\":\"tool_use\",\"id\":\"call_fuse\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}",
      "{\"type\":\"tool_result\",\"tool_use_id\":\"call_fuse\",\"content\":\"18C, sunny\"}"));

  /** Gemini generateContent: functionDeclarations, functionCall parts from the model, functionResponse parts back. */
  ToolProtocol GEMINI = new BlockProtocol("Google_API", "contents/parts", "/tools", null,
      Block.keyed("functionCall", "id"), Block.keyed("functionResponse", "id"), new Shapes(
      // Gemini's OpenAPI subset: upper-case types, no additionalProperties.
      "[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"description\":\"Current weather\",\"parameters\":"
          + "{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}},\"required\":[\"city\"]}}]}]",
      // No id (see carriesCallIds); the placeholder signature Gemini 3 needs on a replayed call it did not make.
      "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}},"
          + "\"thoughtSignature\":\"skip_thought_signature_validator\"}",
      "{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"output\":\"18C, sunny\"}}}")) {
    @Override
    public List<String> toolNames(RecordedRequest r) {
      // Each tools entry declares a list of functions.
      List<String> out = new ArrayList<>();
      for (JsonNode t : tools(r)) out.addAll(texts(t.path("functionDeclarations"), "/name"));
      return out;
    }

    @Override
    public boolean asksForJson(RecordedRequest r) {
      return "application/json".equals(r.body().at("/generationConfig/responseMimeType").asText());
    }

    @Override
    public boolean carriesCallIds() {
      return false;
    }
  };

  /** Bedrock Converse: toolConfig.tools[].toolSpec, toolUse blocks from the assistant, toolResult blocks back. */
  ToolProtocol BEDROCK = new BlockProtocol("Bedrock_API", "messages/content", "/toolConfig/tools", "/toolSpec/name",
      Block.keyed("toolUse", "toolUseId"), Block.keyed("toolResult", "toolUseId"), new Shapes(
      "[{\"toolSpec\":{\"name\":\"get_weather\",\"description\":\"Current weather\",\"inputSchema\":{\"json\":"
          + WEATHER_SCHEMA + "}}}]",
      "{\"toolUse\":{\"toolUseId\":\"call_fuse\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}}",
      "{\"toolResult\":{\"toolUseId\":\"call_fuse\",\"content\":[{\"text\":\"18C, sunny\"}]}}"));

  /** The text at {@code pointer} in each of {@code items}. */
  static List<String> texts(JsonNode items, String pointer) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : items) out.add(item.at(pointer).asText());
    return out;
  }

  /** The elements of a JSON array (none for a missing node). */
  static Stream<JsonNode> each(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  /** The protocols the tests run over. */
  List<ToolProtocol> ALL = List.of(OPENAI, ANTHROPIC, GEMINI, BEDROCK);

  /** The exact JSON of a protocol's {@link #tools}, {@link #toolCalls} entry and {@link #toolResults} block. */
  record Shapes(String tools, String toolCall, String toolResult) { }

  /** A kind of conversation block (a tool call or a tool result): how to know it, and where it keeps its call id. */
  record Block(Predicate<JsonNode> is, String idPointer) {
    /** Blocks told apart by their {@code type} field (Anthropic). */
    static Block typed(String type, String idPointer) {
      return new Block(b -> type.equals(b.path("type").asText()), idPointer);
    }

    /** Blocks told apart by the one key they hold, the id inside it (Gemini, Bedrock). */
    static Block keyed(String key, String idField) {
      return new Block(b -> b.has(key), "/" + key + "/" + idField);
    }
  }

  /**
   * A protocol whose conversation is a list of turns each holding blocks ({@code conversation}, "turns/blocks"), tool
   * calls and results among them; its tool-call replies come from {@link ToolReplies}. By default its tool names stand
   * at {@code namePointer} in each tool and it asks for JSON with a forced json_answer tool, as Anthropic and Bedrock
   * do; Gemini overrides both.
   */
  class BlockProtocol implements ToolProtocol {
    private final String modelType;
    private final String turns;
    private final String blocks;
    private final String toolsPointer;
    private final String namePointer;
    private final Block call;
    private final Block result;
    private final Shapes shapes;

    BlockProtocol(String modelType, String conversation, String toolsPointer, String namePointer, Block call,
        Block result, Shapes shapes) {
      this.modelType = modelType;
      this.turns = conversation.substring(0, conversation.indexOf('/'));
      this.blocks = conversation.substring(conversation.indexOf('/') + 1);
      this.toolsPointer = toolsPointer;
      this.namePointer = namePointer;
      this.call = call;
      this.result = result;
      this.shapes = shapes;
    }

    @Override
    public String modelType() { return modelType; }

    @Override
    public Function<RecordedRequest, Reply> toolCall(String id, String name, String arguments) {
      return r -> ToolReplies.calls(r, List.of(new ToolCall(id, name, arguments)));
    }

    @Override
    public JsonNode tools(RecordedRequest r) {
      return r.body().at(toolsPointer);
    }

    @Override
    public List<String> toolNames(RecordedRequest r) {
      return texts(tools(r), namePointer);
    }

    @Override
    public boolean asksForJson(RecordedRequest r) {
      return toolNames(r).contains("json_answer");
    }

    @Override
    public List<String> conversationCallIds(RecordedRequest r) {
      List<String> out = new ArrayList<>();
      for (JsonNode b : blocks(r, b -> call.is().test(b) || result.is().test(b))) {
        out.add(b.at(call.is().test(b) ? call.idPointer() : result.idPointer()).asText());
      }
      return out;
    }

    @Override
    public List<JsonNode> toolResults(RecordedRequest r) {
      return blocks(r, result.is());
    }

    @Override
    public List<JsonNode> toolCalls(RecordedRequest r) {
      return blocks(r, call.is());
    }

    @Override
    public String toolsShape() { return shapes.tools(); }

    @Override
    public String toolCallShape() { return shapes.toolCall(); }

    @Override
    public String toolResultShape() { return shapes.toolResult(); }

    private List<JsonNode> blocks(RecordedRequest r, Predicate<JsonNode> which) {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode turn : r.body().path(turns)) {
        for (JsonNode b : turn.path(blocks)) if (which.test(b)) out.add(b);
      }
      return out;
    }

    @Override
    public String toString() { return modelType; }
  }
}
