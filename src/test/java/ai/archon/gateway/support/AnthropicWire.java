package ai.archon.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** The Anthropic Messages wire format: {@code message} objects and the named SSE events of a streamed message. */
final class AnthropicWire extends Wire {
  private static final Map<Integer, String> ERROR_TYPES = Map.of(401, "authentication_error", 403, "permission_error",
      404, "not_found_error", 413, "request_too_large", 429, "rate_limit_error", 529, "overloaded_error");

  AnthropicWire() {
    super(Protocol.ANTHROPIC, null);
  }

  @Override
  public String promptText(JsonNode body) {
    // Anthropic carries the system prompt beside the messages, as a string or text blocks.
    return Wire.joined(body.get("system"), body.path("messages"), "content");
  }

  @Override
  public ObjectNode error(int status, String message, String typeOverride) {
    String type = Wire.errorType(status, ERROR_TYPES, "api_error", "invalid_request_error");
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "error");
    ObjectNode err = root.putObject("error");
    err.put("type", typeOverride != null ? typeOverride : type);
    err.put("message", message);
    return root;
  }

  @Override
  public String completion(Answer a) {
    ObjectNode root = message(a);
    root.putArray("content").addObject().put("type", "text").put("text", a.text());
    root.put("stop_reason", stopReason(a.finishReason()));
    root.putNull("stop_sequence");
    usage(root.putObject("usage"), a.promptTokens(), a.completionTokens());
    return Wire.write(root);
  }

  @Override
  public List<String> streamHead(Answer a, RecordedRequest r) {
    ObjectNode start = JSON.createObjectNode();
    start.put("type", "message_start");
    ObjectNode msg = message(a);
    msg.putArray("content");
    msg.putNull("stop_reason");
    msg.putNull("stop_sequence");
    // message_start reports the input tokens and a placeholder output count, as the real API does.
    usage(msg.putObject("usage"), a.promptTokens(), 1);
    start.set("message", msg);

    ObjectNode blockStart = JSON.createObjectNode();
    blockStart.put("type", "content_block_start");
    blockStart.put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");

    // The real API sends ping events at any point; clients must skip them.
    ObjectNode ping = JSON.createObjectNode().put("type", "ping");
    return List.of(event("message_start", start), event("content_block_start", blockStart), event("ping", ping));
  }

  @Override
  public String streamChunk(Answer a, RecordedRequest r, int index, String piece, boolean last) {
    ObjectNode delta = JSON.createObjectNode();
    delta.put("type", "content_block_delta");
    delta.put("index", 0);
    delta.putObject("delta").put("type", "text_delta").put("text", piece);
    return event("content_block_delta", delta);
  }

  @Override
  public List<String> streamTail(Answer a, RecordedRequest r) {
    ObjectNode blockStop = JSON.createObjectNode().put("type", "content_block_stop").put("index", 0);
    ObjectNode msgDelta = JSON.createObjectNode();
    msgDelta.put("type", "message_delta");
    ObjectNode d = msgDelta.putObject("delta");
    d.put("stop_reason", stopReason(a.finishReason()));
    d.putNull("stop_sequence");
    msgDelta.putObject("usage").put("output_tokens", a.completionTokens());
    ObjectNode stop = JSON.createObjectNode().put("type", "message_stop");
    return List.of(event("content_block_stop", blockStop), event("message_delta", msgDelta),
        event("message_stop", stop));
  }

  private static String event(String name, ObjectNode data) {
    return Wire.sse(name, data, "\n");
  }

  private static ObjectNode message(Answer a) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", a.id());
    root.put("type", "message");
    root.put("role", "assistant");
    root.put("model", a.model());
    return root;
  }

  private static void usage(ObjectNode u, int input, int output) {
    u.put("input_tokens", input);
    u.put("output_tokens", output);
  }

  static String stopReason(String openAi) {
    switch (openAi) {
      case "stop": return "end_turn";
      case "length": return "max_tokens";
      case "content_filter": return "refusal";
      default: return openAi;
    }
  }
}
