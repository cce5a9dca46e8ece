package ai.archon.gateway.provider.bedrock;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.provider.JsonAnswerTool;
import ai.archon.gateway.provider.ToolAnswerStream;
import ai.archon.gateway.provider.ToolArgs;
import ai.archon.gateway.provider.ToolTranscript;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import ai.archon.gateway.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Pure mapping between the gateway's chat form and the Bedrock Converse API
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html): system text goes to
 * {@code system}, the dialogue to {@code messages} (consecutive turns of one role merged, since Converse requires
 * alternation), limits to {@code inferenceConfig}, tools to {@code toolConfig}.
 */
public final class BedrockMapper {
  private BedrockMapper() { }

  /** The Bedrock model id: Archon's configs write LiteLLM's {@code bedrock/} prefix, which Bedrock does not know. */
  public static String modelId(String model) {
    return model.startsWith("bedrock/") ? model.substring("bedrock/".length()) : model;
  }

  /** {@code /model/{id}/converse} or {@code /converse-stream}, the id percent-encoded (its ':' included). */
  public static String path(String model, boolean stream) {
    String id = URLEncoder.encode(modelId(model), StandardCharsets.UTF_8).replace("+", "%20");
    return "/model/" + id + (stream ? "/converse-stream" : "/converse");
  }

  /**
   * The Converse request. The dialogue is mapped by {@link BedrockContent}, tools and the choice by
   * {@link BedrockTools}; a JSON response format by the forced tool of {@link JsonAnswerTool}. Converse has no "none"
   * tool choice, so {@code tool_choice: none} sends no tools. A request that sends no tools gets earlier tool calls
   * and results as text ({@link ToolTranscript}): Converse refuses toolUse/toolResult blocks without a toolConfig.
   */
  public static ObjectNode request(ChatRequest r) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode system = JsonNodeFactory.instance.arrayNode();
    for (Message m : r.messages()) {
      if ("system".equals(m.role()) || "developer".equals(m.role())) system.addObject().put("text", m.content());
    }
    JsonAnswerTool.Plan plan = JsonAnswerTool.plan(r.output());
    boolean none = plan.choice() != null && plan.choice().mode() == ToolChoice.Mode.NONE;
    List<ToolSpec> tools = none ? List.of() : plan.tools();
    List<Message> dialogue = r.dialogue();
    if (tools.isEmpty() && ToolTranscript.hasToolTurns(dialogue)) dialogue = ToolTranscript.flatten(dialogue);
    body.set("messages", BedrockContent.messages(dialogue));
    if (!system.isEmpty()) body.set("system", system);
    ObjectNode inference = JsonNodeFactory.instance.objectNode();
    if (r.maxTokens() != null) inference.put("maxTokens", r.maxTokens());
    if (r.temperature() != null) inference.put("temperature", r.temperature());
    if (r.topP() != null) inference.put("topP", r.topP());
    if (!r.stop().isEmpty()) {
      ArrayNode stop = inference.putArray("stopSequences");
      r.stop().forEach(stop::add);
    }
    if (!inference.isEmpty()) body.set("inferenceConfig", inference);
    if (!tools.isEmpty()) body.set("toolConfig", BedrockTools.toolConfig(tools, plan.choice()));
    return body;
  }

  /** Whether the request's JSON answer comes back as a call of {@link JsonAnswerTool#NAME} (see there). */
  public static boolean answersInTool(ChatRequest r) {
    return JsonAnswerTool.plan(r.output()).jsonAnswer();
  }

  public static ChatResult response(JsonNode root) {
    return response(root, false);
  }

  /**
   * Reads a Converse reply: text blocks joined, {@code toolUse} blocks as tool calls; with {@code jsonAnswer}, the
   * call of {@link JsonAnswerTool#NAME} is the answer's JSON text.
   */
  public static ChatResult response(JsonNode root, boolean jsonAnswer) {
    JsonNode content = root.path("output").path("message").path("content");
    if (!content.isArray()) throw new IllegalArgumentException("Converse reply without output.message.content");
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    String json = null;
    for (JsonNode block : content) {
      text.append(block.path("text").asText(""));
      JsonNode use = block.get("toolUse");
      if (use == null) continue;
      String name = use.path("name").asText("");
      String args = ToolArgs.text(use.get("input"));
      if (jsonAnswer && JsonAnswerTool.NAME.equals(name)) json = args;
      else calls.add(new ToolCall(use.path("toolUseId").asText(null), name, args));
    }
    return JsonAnswerTool.result(text.toString(), usage(root.path("usage")),
        finish(root.path("stopReason").asText("")), calls, json);
  }

  /** Converse counts prompt-cache reads and writes apart from {@code inputTokens}: the prompt is all three. */
  static Usage usage(JsonNode u) {
    long cached = u.path("cacheReadInputTokens").asLong(0);
    return new Usage(u.path("inputTokens").asLong(0) + cached + u.path("cacheWriteInputTokens").asLong(0),
        u.path("outputTokens").asLong(0), cached);
  }

  /** Converse stopReason → OpenAI finish_reason. */
  static String finish(String stopReason) {
    switch (stopReason) {
      case "max_tokens": return "length";
      case "tool_use": return "tool_calls";
      case "guardrail_intervened":
      case "content_filtered": return "content_filter";
      default: return "stop"; // end_turn, stop_sequence
    }
  }

  /**
   * Folds ConverseStream events into text pieces and the final result: {@code contentBlockStart} with
   * {@code start.toolUse} opens a tool call, {@code contentBlockDelta} carries text ({@code delta.text}) or a call's
   * arguments piece ({@code delta.toolUse.input}, relayed as text for the forced JSON answer tool).
   */
  public static final class StreamState extends ToolAnswerStream {
    private boolean metadata;

    public StreamState(String provider, String model, Consumer<String> onDelta) {
      this(provider, model, onDelta, false);
    }

    public StreamState(String provider, String model, Consumer<String> onDelta, boolean jsonAnswer) {
      super(provider, model, onDelta, jsonAnswer);
      finish = "stop"; // until messageStop says otherwise
      usage = Usage.ZERO; // until metadata says otherwise
    }

    /** Handles one event-stream message; returns true once the stream is complete (messageStop and metadata seen). */
    public boolean onMessage(EventStreamDecoder.Message m, JsonNode payload) {
      if ("exception".equals(m.header(":message-type"))) {
        String type = String.valueOf(m.header(":exception-type"));
        String lower = type.toLowerCase(java.util.Locale.ROOT);
        int status = lower.startsWith("throttling") ? 429 : lower.startsWith("validation") ? 400 : 502;
        throw out.failure(status, type + ": " + payload.path("message").asText(""));
      }
      switch (String.valueOf(m.header(":event-type"))) {
        case "contentBlockStart": {
          JsonNode use = payload.path("start").path("toolUse");
          if (use.isObject()) {
            calls.start(payload.path("contentBlockIndex").asInt(), use.path("toolUseId").asText(null),
                use.path("name").asText(""));
          }
          break;
        }
        case "contentBlockDelta": {
          JsonNode delta = payload.path("delta");
          JsonNode input = delta.path("toolUse").get("input");
          if (input == null) text(delta.path("text").asText(""));
          else arguments(payload.path("contentBlockIndex").asInt(), input.asText());
          break;
        }
        case "messageStop":
          stopped = true;
          finish = finish(payload.path("stopReason").asText(""));
          break;
        case "metadata":
          metadata = true;
          usage = usage(payload.path("usage"));
          break;
        default:
          break;
      }
      return stopped && metadata;
    }

    public boolean stopped() { return stopped; }

    @Override
    public ChatResult result() {
      return result(usage);
    }
  }
}
