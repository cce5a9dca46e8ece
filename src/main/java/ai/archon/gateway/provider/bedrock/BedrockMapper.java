package ai.archon.gateway.provider.bedrock;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.provider.StreamReader;
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
 * alternation), limits to {@code inferenceConfig}.
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

  public static ObjectNode request(ChatRequest r) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode system = JsonNodeFactory.instance.arrayNode();
    ArrayNode messages = body.putArray("messages");
    String lastRole = null;
    ArrayNode lastContent = null;
    for (Message m : r.messages()) {
      String text = m.content() == null ? "" : m.content();
      if ("system".equals(m.role()) || "developer".equals(m.role())) {
        system.addObject().put("text", text);
        continue;
      }
      String role = "assistant".equals(m.role()) ? "assistant" : "user";
      if (!role.equals(lastRole)) {
        ObjectNode msg = messages.addObject();
        msg.put("role", role);
        lastContent = msg.putArray("content");
        lastRole = role;
      }
      lastContent.addObject().put("text", text);
    }
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
    return body;
  }

  public static ChatResult response(JsonNode root) {
    JsonNode content = root.path("output").path("message").path("content");
    if (!content.isArray()) throw new IllegalArgumentException("Converse reply without output.message.content");
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) text.append(block.path("text").asText(""));
    return new ChatResult(text.toString(), usage(root.path("usage")), finish(root.path("stopReason").asText("")));
  }

  /** Converse counts prompt-cache reads and writes apart from {@code inputTokens}: the prompt is all three. */
  static Usage usage(JsonNode u) {
    long cached = u.path("cacheReadInputTokens").asLong(0);
    return new Usage(u.path("inputTokens").asLong(0) + cached + u.path("cacheWriteInputTokens").asLong(0),
        u.path("outputTokens").asLong(0), cached);
  }

  static String finish(String stopReason) {
    return "max_tokens".equals(stopReason) ? "length" : "stop";
  }

  /** Folds ConverseStream events into text pieces and the final result. */
  public static final class StreamState extends StreamReader {
    private Usage usage = Usage.ZERO;
    private boolean stopped;
    private boolean metadata;

    public StreamState(String provider, String model, Consumer<String> onDelta) {
      super(provider, model, onDelta);
      finish = "stop";
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
        case "contentBlockDelta": {
          out.emit(payload.path("delta").path("text").asText(""));
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
      return out.result(usage, finish);
    }
  }
}
