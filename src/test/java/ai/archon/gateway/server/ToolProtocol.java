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
      List<String> out = new ArrayList<>();
      for (JsonNode t : r.body().path("tools")) out.add(t.path("function").path("name").asText());
      return out;
    }

    @Override
    public boolean asksForJson(RecordedRequest r) {
      return r.body().has("response_format");
    }

    @Override
    public List<String> conversationCallIds(RecordedRequest r) {
      List<String> out = new ArrayList<>();
      for (JsonNode m : r.body().path("messages")) {
        for (JsonNode c : m.path("tool_calls")) out.add(c.path("id").asText());
        if (m.has("tool_call_id")) out.add(m.get("tool_call_id").asText());
      }
      return out;
    }

    @Override
    public JsonNode tools(RecordedRequest r) {
      return r.body().path("tools");
    }

    @Override
    public List<JsonNode> toolResults(RecordedRequest r) {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode m : r.body().path("messages")) if (m.has("tool_call_id")) out.add(m);
      return out;
    }

    @Override
    public List<JsonNode> toolCalls(RecordedRequest r) {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode m : r.body().path("messages")) m.path("tool_calls").forEach(out::add);
      return out;
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

  /** Anthropic Messages: tools[].name, tool_use blocks from the assistant, tool_result blocks from the user. */
  ToolProtocol ANTHROPIC = new BlockProtocol("Anthropic_API", "messages", "content") {
    @Override
    public List<String> toolNames(RecordedRequest r) {
      List<String> out = new ArrayList<>();
      for (JsonNode t : r.body().path("tools")) out.add(t.path("name").asText());
      return out;
    }

    @Override
    public boolean asksForJson(RecordedRequest r) {
      return toolNames(r).contains("json_answer");
    }

    @Override
    public JsonNode tools(RecordedRequest r) {
      return r.body().path("tools");
    }

    @Override
    String callId(JsonNode block) {
      if ("tool_use".equals(block.path("type").asText())) return block.path("id").asText();
      return "tool_result".equals(block.path("type").asText()) ? block.path("tool_use_id").asText() : null;
    }

    @Override
    boolean isResult(JsonNode block) {
      return "tool_result".equals(block.path("type").asText());
    }

    @Override
    public String toolsShape() {
      return "[{\"name\":\"get_weather\",\"description\":\"Current weather\",\"input_schema\":" + WEATHER_SCHEMA + "}]";
    }

    @Override
    boolean isCall(JsonNode block) {
      return "tool_use".equals(block.path("type").asText());
    }

    @Override
    public String toolCallShape() {
      return "{\"type\":\"tool_use\",\"id\":\"call_fuse\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}";
    }

    @Override
    public String toolResultShape() {
      return "{\"type\":\"tool_result\",\"tool_use_id\":\"call_fuse\",\"content\":\"18C, sunny\"}";
    }
  };

  /** Gemini generateContent: functionDeclarations, functionCall parts from the model, functionResponse parts back. */
  ToolProtocol GEMINI = new BlockProtocol("Google_API", "contents", "parts") {
    @Override
    public List<String> toolNames(RecordedRequest r) {
      List<String> out = new ArrayList<>();
      for (JsonNode t : r.body().path("tools")) {
        for (JsonNode f : t.path("functionDeclarations")) out.add(f.path("name").asText());
      }
      return out;
    }

    @Override
    public boolean asksForJson(RecordedRequest r) {
      return "application/json".equals(r.body().at("/generationConfig/responseMimeType").asText());
    }

    @Override
    public JsonNode tools(RecordedRequest r) {
      return r.body().path("tools");
    }

    @Override
    String callId(JsonNode part) {
      if (part.has("functionCall")) return part.at("/functionCall/id").asText();
      return part.has("functionResponse") ? part.at("/functionResponse/id").asText() : null;
    }

    @Override
    boolean isResult(JsonNode part) {
      return part.has("functionResponse");
    }

    @Override
    public String toolsShape() {
      // Gemini's OpenAPI subset: upper-case types, no additionalProperties.
      return "[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"description\":\"Current weather\",\"parameters\":"
          + "{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}},\"required\":[\"city\"]}}]}]";
    }

    @Override
    boolean isCall(JsonNode part) {
      return part.has("functionCall");
    }

    @Override
    public String toolCallShape() {
      // No id (see carriesCallIds); the placeholder signature Gemini 3 needs on a replayed call it did not make.
      return "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}},"
          + "\"thoughtSignature\":\"skip_thought_signature_validator\"}";
    }

    @Override
    public String toolResultShape() {
      return "{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"output\":\"18C, sunny\"}}}";
    }

    @Override
    public boolean carriesCallIds() {
      return false;
    }
  };

  /** Bedrock Converse: toolConfig.tools[].toolSpec, toolUse blocks from the assistant, toolResult blocks back. */
  ToolProtocol BEDROCK = new BlockProtocol("Bedrock_API", "messages", "content") {
    @Override
    public List<String> toolNames(RecordedRequest r) {
      List<String> out = new ArrayList<>();
      for (JsonNode t : tools(r)) out.add(t.at("/toolSpec/name").asText());
      return out;
    }

    @Override
    public boolean asksForJson(RecordedRequest r) {
      return toolNames(r).contains("json_answer");
    }

    @Override
    public JsonNode tools(RecordedRequest r) {
      return r.body().at("/toolConfig/tools");
    }

    @Override
    String callId(JsonNode block) {
      if (block.has("toolUse")) return block.at("/toolUse/toolUseId").asText();
      return block.has("toolResult") ? block.at("/toolResult/toolUseId").asText() : null;
    }

    @Override
    boolean isResult(JsonNode block) {
      return block.has("toolResult");
    }

    @Override
    public String toolsShape() {
      return "[{\"toolSpec\":{\"name\":\"get_weather\",\"description\":\"Current weather\",\"inputSchema\":{\"json\":"
          + WEATHER_SCHEMA + "}}}]";
    }

    @Override
    boolean isCall(JsonNode block) {
      return block.has("toolUse");
    }

    @Override
    public String toolCallShape() {
      return "{\"toolUse\":{\"toolUseId\":\"call_fuse\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}}";
    }

    @Override
    public String toolResultShape() {
      return "{\"toolResult\":{\"toolUseId\":\"call_fuse\",\"content\":[{\"text\":\"18C, sunny\"}]}}";
    }
  };

  /** The protocols the tests run over. */
  List<ToolProtocol> ALL = List.of(OPENAI, ANTHROPIC, GEMINI, BEDROCK);

  /**
   * A protocol whose conversation is a list of turns ({@code turns}) each holding blocks ({@code blocks}), tool calls
   * and results among them; its tool-call replies come from {@link ToolReplies}.
   */
  abstract class BlockProtocol implements ToolProtocol {
    private final String modelType;
    private final String turns;
    private final String blocks;

    BlockProtocol(String modelType, String turns, String blocks) {
      this.modelType = modelType;
      this.turns = turns;
      this.blocks = blocks;
    }

    /** The call id a block carries (a call's or a result's), or null for another block. */
    abstract String callId(JsonNode block);

    /** Whether the block carries a tool's result. */
    abstract boolean isResult(JsonNode block);

    /** Whether the block is an assistant's tool call. */
    abstract boolean isCall(JsonNode block);

    @Override
    public String modelType() { return modelType; }

    @Override
    public Function<RecordedRequest, Reply> toolCall(String id, String name, String arguments) {
      return r -> ToolReplies.calls(r, List.of(new ToolCall(id, name, arguments)));
    }

    @Override
    public List<String> conversationCallIds(RecordedRequest r) {
      List<String> out = new ArrayList<>();
      for (JsonNode turn : r.body().path(turns)) {
        for (JsonNode b : turn.path(blocks)) {
          String id = callId(b);
          if (id != null) out.add(id);
        }
      }
      return out;
    }

    @Override
    public List<JsonNode> toolResults(RecordedRequest r) {
      return blocks(r, this::isResult);
    }

    @Override
    public List<JsonNode> toolCalls(RecordedRequest r) {
      return blocks(r, this::isCall);
    }

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
