package ai.archon.gateway.support;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.ToolCall;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Tool-call answers in the Anthropic, Gemini and Bedrock Converse wire formats, for a {@link MockUpstream} responder:
 * {@code upstream.respond("claude", r -> ToolReplies.calls(r, List.of(new ToolCall("toolu_1", "f", "{}"))))}. The
 * reply is whole or streamed as the request asks, with the protocol's tool-call stop ({@code tool_use}; Gemini's
 * {@code STOP}). Each call's arguments must be a JSON object; its id is Anthropic's {@code tool_use.id}, Bedrock's
 * {@code toolUse.toolUseId} and Gemini's {@code functionCall.id} (leave it null for a Gemini version without ids). A call named {@code json_answer} is the
 * forced answer tool the gateway uses for JSON formats on Anthropic.
 */
public final class ToolReplies {
  private ToolReplies() { }

  public static Reply calls(RecordedRequest r, List<ToolCall> calls) {
    switch (r.protocol()) {
      case ANTHROPIC:
        return r.streamed() ? Reply.raw(200, "text/event-stream", anthropicStream(r, calls))
            : Reply.raw(200, "application/json", Wire.write(anthropicMessage(r, calls)));
      case GEMINI: {
        String chunk = Wire.write(geminiResponse(r, calls));
        if (!r.streamed()) return Reply.raw(200, "application/json", chunk);
        boolean sse = r.uri().contains("alt=sse");
        return sse ? Reply.raw(200, "text/event-stream", "data: " + chunk + "\r\n\r\n")
            : Reply.raw(200, "application/json", "[" + chunk + "]");
      }
      case BEDROCK:
        return r.streamed() ? Reply.raw(200, BedrockConverseWire.EVENT_STREAM, converseStream(r, calls))
            : Reply.raw(200, "application/json", Wire.write(converseMessage(r, calls)));
      default:
        throw new IllegalArgumentException("ToolReplies speaks Anthropic, Gemini and Bedrock; script OpenAI tool calls with"
            + " the OpenAI wire");
    }
  }

  private static ObjectNode anthropicMessage(RecordedRequest r, List<ToolCall> calls) {
    ObjectNode root = Wire.JSON.createObjectNode();
    root.put("id", "msg_tools" + r.callNumber()).put("type", "message").put("role", "assistant").put("model", r.model());
    ArrayNode content = root.putArray("content");
    for (ToolCall c : calls) {
      content.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name())
          .set("input", JsonIo.read(c.arguments()));
    }
    root.put("stop_reason", "tool_use").putNull("stop_sequence");
    root.putObject("usage").put("input_tokens", Reply.words(r.promptText())).put("output_tokens", 5 * calls.size());
    return root;
  }

  private static String anthropicStream(RecordedRequest r, List<ToolCall> calls) {
    ObjectNode message = anthropicMessage(r, calls);
    ArrayNode blocks = (ArrayNode) message.remove("content");
    message.putArray("content");
    message.putNull("stop_reason");
    List<String> events = new ArrayList<>();
    events.add(event("message_start", Wire.JSON.createObjectNode().put("type", "message_start").set("message", message)));
    for (int i = 0; i < calls.size(); i++) {
      ObjectNode block = (ObjectNode) blocks.get(i);
      ObjectNode start = Wire.JSON.createObjectNode().put("type", "content_block_start").put("index", i);
      start.set("content_block", block.deepCopy().set("input", Wire.JSON.createObjectNode()));
      events.add(event("content_block_start", start));
      ObjectNode delta = Wire.JSON.createObjectNode().put("type", "content_block_delta").put("index", i);
      delta.putObject("delta").put("type", "input_json_delta").put("partial_json", calls.get(i).arguments());
      events.add(event("content_block_delta", delta));
      events.add(event("content_block_stop", Wire.JSON.createObjectNode().put("type", "content_block_stop").put("index", i)));
    }
    ObjectNode end = Wire.JSON.createObjectNode().put("type", "message_delta");
    end.putObject("delta").put("stop_reason", "tool_use").putNull("stop_sequence");
    end.putObject("usage").put("output_tokens", 5 * calls.size());
    events.add(event("message_delta", end));
    events.add(event("message_stop", Wire.JSON.createObjectNode().put("type", "message_stop")));
    return String.join("", events);
  }

  private static String event(String name, ObjectNode data) {
    return Wire.sse(name, data, "\n");
  }

  private static ObjectNode geminiResponse(RecordedRequest r, List<ToolCall> calls) {
    ObjectNode root = Wire.JSON.createObjectNode();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    ArrayNode parts = content.putArray("parts");
    for (ToolCall c : calls) {
      ObjectNode call = parts.addObject().putObject("functionCall");
      if (c.id() != null) call.put("id", c.id());
      call.put("name", c.name()).set("args", JsonIo.read(c.arguments()));
    }
    content.put("role", "model");
    candidate.put("finishReason", "STOP").put("index", 0);
    ObjectNode usage = root.putObject("usageMetadata");
    usage.put("promptTokenCount", Reply.words(r.promptText())).put("candidatesTokenCount", 5 * calls.size());
    root.put("modelVersion", r.model()).put("responseId", "resp-tools" + r.callNumber());
    return root;
  }

  private static ObjectNode converseMessage(RecordedRequest r, List<ToolCall> calls) {
    ObjectNode root = Wire.JSON.createObjectNode();
    ObjectNode message = root.putObject("output").putObject("message");
    message.put("role", "assistant");
    ArrayNode content = message.putArray("content");
    for (ToolCall c : calls) {
      content.addObject().putObject("toolUse").put("toolUseId", c.id()).put("name", c.name())
          .set("input", JsonIo.read(c.arguments()));
    }
    root.put("stopReason", "tool_use");
    root.set("usage", converseUsage(r, calls));
    return root;
  }

  /** ConverseStream: per call a contentBlockStart with its id and name, then its input as one JSON-text delta. */
  private static String converseStream(RecordedRequest r, List<ToolCall> calls) {
    StringBuilder frames = new StringBuilder();
    frames.append(BedrockConverseWire.frame("messageStart", Wire.JSON.createObjectNode().put("role", "assistant")));
    for (int i = 0; i < calls.size(); i++) {
      ToolCall c = calls.get(i);
      ObjectNode start = Wire.JSON.createObjectNode().put("contentBlockIndex", i);
      start.putObject("start").putObject("toolUse").put("toolUseId", c.id()).put("name", c.name());
      frames.append(BedrockConverseWire.frame("contentBlockStart", start));
      ObjectNode delta = Wire.JSON.createObjectNode().put("contentBlockIndex", i);
      delta.putObject("delta").putObject("toolUse").put("input", c.arguments());
      frames.append(BedrockConverseWire.frame("contentBlockDelta", delta));
      frames.append(BedrockConverseWire.frame("contentBlockStop",
          Wire.JSON.createObjectNode().put("contentBlockIndex", i)));
    }
    frames.append(BedrockConverseWire.frame("messageStop", Wire.JSON.createObjectNode().put("stopReason", "tool_use")));
    ObjectNode metadata = Wire.JSON.createObjectNode();
    metadata.set("usage", converseUsage(r, calls));
    frames.append(BedrockConverseWire.frame("metadata", metadata));
    return frames.toString();
  }

  private static ObjectNode converseUsage(RecordedRequest r, List<ToolCall> calls) {
    int in = Reply.words(r.promptText());
    int out = 5 * calls.size();
    return Wire.JSON.createObjectNode().put("inputTokens", in).put("outputTokens", out).put("totalTokens", in + out);
  }
}
