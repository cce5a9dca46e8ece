package ai.archon.gateway.provider.anthropic;

import static ai.archon.gateway.model.JsonIo.field;
import static ai.archon.gateway.model.JsonIo.longAt;
import static ai.archon.gateway.model.JsonIo.textAt;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.provider.ErrorBodies;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.provider.SseDecoder;
import ai.archon.gateway.provider.SseHandler;
import ai.archon.gateway.provider.StreamReader;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Pure mapping between the gateway's types and the Anthropic Messages wire format. */
public final class AnthropicMapper {
  public static final String API_VERSION = "2023-06-01";
  /** Anthropic's temperature range is 0..1. */
  static final double MAX_TEMPERATURE = 1.0;

  private AnthropicMapper() { }

  /**
   * The Messages request body. System (and developer) messages are lifted into the top-level {@code system} string;
   * the remaining turns are sent as {@code user}/{@code assistant} (any role but assistant counts as user) with
   * consecutive same-role turns merged, blank-line separated, since Anthropic requires alternation.
   * {@code maxTokens} is required (already clamped). {@code temperature} is capped at 1.0, Anthropic's maximum
   * (OpenAI allows up to 2). {@code user} goes to {@code metadata.user_id}; {@code seed} has no Anthropic equivalent
   * and is dropped.
   */
  public static Buffer request(ChatRequest r, int maxTokens, boolean stream) {
    String system = r.systemText();
    List<Message> turns = alternate(r.dialogue());
    return JsonIo.write(r.bodySizeHint(), g -> {
      g.writeStartObject();
      g.writeStringField("model", r.model());
      g.writeNumberField("max_tokens", maxTokens);
      field(g, "system", system);
      g.writeArrayFieldStart("messages");
      for (Message m : turns) {
        g.writeStartObject();
        g.writeStringField("role", m.role());
        g.writeStringField("content", m.content());
        g.writeEndObject();
      }
      g.writeEndArray();
      field(g, "temperature", r.temperature() == null ? null : Math.min(r.temperature(), MAX_TEMPERATURE));
      field(g, "top_p", r.topP());
      field(g, "stop_sequences", r.stop());
      if (r.user() != null) {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("user_id", r.user());
        g.writeEndObject();
      }
      if (stream) g.writeBooleanField("stream", true);
      g.writeEndObject();
    });
  }

  /** Maps roles to user/assistant and merges consecutive turns of one role. */
  static List<Message> alternate(List<Message> dialogue) {
    List<Message> out = new ArrayList<>(dialogue.size());
    String role = null;
    StringBuilder text = null;
    for (Message m : dialogue) {
      String r = "assistant".equals(m.role()) ? "assistant" : "user";
      String content = m.content() == null ? "" : m.content();
      if (r.equals(role)) {
        text.append("\n\n").append(content);
      } else {
        if (role != null) out.add(new Message(role, text.toString()));
        role = r;
        text = new StringBuilder(content);
      }
    }
    if (role != null) out.add(new Message(role, text.toString()));
    return out;
  }

  /** Reads a non-streaming reply: the text blocks joined, the stop reason mapped and the usage. */
  public static ChatResult response(Buffer body) {
    JsonNode root = JsonIo.read(body);
    JsonNode content = root.get("content");
    if (content == null || !content.isArray()) throw new IllegalArgumentException("reply has no content");
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(textAt(block.get("type")))) {
        String t = textAt(block.get("text"));
        if (t != null) text.append(t);
      }
    }
    JsonNode u = root.path("usage");
    Usage usage = new Usage(inputTokens(u), longAt(u.get("output_tokens")), longAt(u.get("cache_read_input_tokens")));
    return new ChatResult(text.toString(), usage, finishReason(textAt(root.get("stop_reason"))));
  }

  /** Input tokens including the prompt-cache writes and reads, which Anthropic counts apart. */
  static long inputTokens(JsonNode usage) {
    return longAt(usage.get("input_tokens")) + longAt(usage.get("cache_creation_input_tokens"))
        + longAt(usage.get("cache_read_input_tokens"));
  }

  /** Anthropic stop_reason → OpenAI finish_reason. */
  public static String finishReason(String stopReason) {
    if (stopReason == null) return "stop";
    switch (stopReason) {
      case "max_tokens":
      case "model_context_window_exceeded":
        return "length";
      case "tool_use":
        return "tool_calls";
      case "refusal":
        return "content_filter";
      default: // end_turn, stop_sequence, pause_turn
        return "stop";
    }
  }

  /** The HTTP status an Anthropic error type stands for (used for errors that arrive inside a stream). */
  public static int statusOf(String errorType) {
    if (errorType == null) return 500;
    switch (errorType) {
      case "invalid_request_error": return 400;
      case "authentication_error": return 401;
      case "billing_error": return 402;
      case "permission_error": return 403;
      case "not_found_error": return 404;
      case "request_too_large": return 413;
      case "rate_limit_error": return 429;
      case "timeout_error": return 504;
      case "overloaded_error": return 529;
      default: return 500; // api_error and unknown types
    }
  }

  /**
   * Accumulates one streamed message from its events: {@code message_start} (input usage), {@code
   * content_block_delta} with a {@code text_delta} (text; other deltas such as thinking or tool input are skipped),
   * {@code message_delta} (stop reason, cumulative output usage), {@code message_stop} (end), {@code ping}
   * (ignored) and {@code error} (fails the call). The event kind is read from the payload's {@code type}, falling
   * back to the SSE event name.
   */
  public static final class StreamState extends StreamReader implements SseHandler {
    private long input;
    private long output;
    private long cached;
    private boolean stopped;

    public StreamState(String provider, String model, Consumer<String> onDelta) {
      super(provider, model, onDelta);
    }

    @Override
    public boolean onEvent(SseDecoder.Event event) {
      if ("ping".equals(event.event())) return false;
      JsonNode e = JsonIo.read(event.data());
      String type = textAt(e.get("type"));
      if (type == null) type = event.event();
      switch (type) {
        case "message_start": {
          JsonNode u = e.path("message").path("usage");
          input = inputTokens(u);
          output = longAt(u.get("output_tokens"));
          cached = longAt(u.get("cache_read_input_tokens"));
          return false;
        }
        case "content_block_start": {
          JsonNode block = e.path("content_block");
          if ("text".equals(textAt(block.get("type")))) out.emit(textAt(block.get("text")));
          return false;
        }
        case "content_block_delta": {
          JsonNode delta = e.path("delta");
          if ("text_delta".equals(textAt(delta.get("type")))) out.emit(textAt(delta.get("text")));
          return false;
        }
        case "message_delta": {
          String reason = textAt(e.path("delta").get("stop_reason"));
          if (reason != null) finish = finishReason(reason);
          JsonNode u = e.path("usage");
          if (u.has("output_tokens")) output = longAt(u.get("output_tokens"));
          if (u.has("input_tokens")) input = inputTokens(u);
          return false;
        }
        case "message_stop":
          stopped = true;
          return true;
        case "error": {
          JsonNode error = e.path("error");
          throw out.failure(statusOf(textAt(error.get("type"))), ErrorBodies.errorDetail(e));
        }
        default: // ping, content_block_stop and event types added later
          return false;
      }
    }

    @Override
    public void onEnd() {
      if (!stopped) throw out.failure(0, "stream ended before message_stop");
    }

    @Override
    public ChatResult result() {
      return out.result(new Usage(input, output, cached), finish);
    }
  }
}
