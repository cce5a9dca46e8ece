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
import ai.archon.gateway.provider.ToolAnswerStream;
import ai.archon.gateway.provider.JsonAnswerTool;
import ai.archon.gateway.provider.ToolArgs;
import ai.archon.gateway.provider.ToolTranscript;
import ai.archon.gateway.model.ToolCall;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
   * the dialogue is mapped by {@link AnthropicTurns} (alternating turns; tool calls, tool results and images as
   * blocks). {@code maxTokens} is required (already clamped). {@code temperature} is capped at 1.0, Anthropic's
   * maximum (OpenAI allows up to 2). {@code user} goes to {@code metadata.user_id}; {@code seed} has no Anthropic
   * equivalent and is dropped. Tools and the tool choice are mapped by {@link AnthropicTools}; a JSON response format
   * by the forced tool of {@link JsonAnswerTool}. A call that declares no tools gets earlier tool calls and results as
   * text ({@link ToolTranscript}).
   */
  public static Buffer request(ChatRequest r, int maxTokens, boolean stream) {
    String system = r.systemText();
    JsonAnswerTool.Plan plan = JsonAnswerTool.plan(r.output());
    List<Message> dialogue = r.dialogue();
    if (plan.tools().isEmpty() && ToolTranscript.hasToolTurns(dialogue)) dialogue = ToolTranscript.flatten(dialogue);
    ArrayNode messages = AnthropicTurns.messages(dialogue);
    return JsonIo.write(r.bodySizeHint(), g -> {
      g.writeStartObject();
      g.writeStringField("model", r.model());
      g.writeNumberField("max_tokens", maxTokens);
      field(g, "system", system);
      g.writeFieldName("messages");
      g.writeTree(messages);
      field(g, "temperature", r.temperature() == null ? null : Math.min(r.temperature(), MAX_TEMPERATURE));
      field(g, "top_p", r.topP());
      field(g, "stop_sequences", r.stop());
      if (r.user() != null) {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("user_id", r.user());
        g.writeEndObject();
      }
      if (!plan.tools().isEmpty()) {
        g.writeFieldName("tools");
        g.writeTree(AnthropicTools.tools(plan.tools()));
        ObjectNode choice = AnthropicTools.choice(plan.choice(), r.output().parallelToolCalls());
        if (choice != null) {
          g.writeFieldName("tool_choice");
          g.writeTree(choice);
        }
      }
      if (stream) g.writeBooleanField("stream", true);
      g.writeEndObject();
    });
  }

  /** Whether the request's JSON answer comes back as a call of {@link JsonAnswerTool#NAME} (see there). */
  public static boolean answersInTool(ChatRequest r) {
    return JsonAnswerTool.plan(r.output()).jsonAnswer();
  }

  /** Reads a non-streaming reply of a call without the forced JSON answer tool. */
  public static ChatResult response(Buffer body) {
    return response(body, false);
  }

  /**
   * Reads a non-streaming reply: the text blocks joined, {@code tool_use} blocks as tool calls (input object as the
   * arguments text), the stop reason mapped and the usage. With {@code jsonAnswer}, a call of
   * {@link JsonAnswerTool#NAME} is the answer's JSON text (see {@link JsonAnswerTool#result}).
   */
  public static ChatResult response(Buffer body, boolean jsonAnswer) {
    JsonNode root = JsonIo.read(body);
    JsonNode content = root.get("content");
    if (content == null || !content.isArray()) throw new IllegalArgumentException("reply has no content");
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    String json = null;
    for (JsonNode block : content) {
      String type = textAt(block.get("type"));
      if ("text".equals(type)) {
        String t = textAt(block.get("text"));
        if (t != null) text.append(t);
      } else if ("tool_use".equals(type)) {
        String name = textAt(block.get("name"));
        String args = ToolArgs.text(block.get("input"));
        if (jsonAnswer && JsonAnswerTool.NAME.equals(name)) json = args;
        else calls.add(new ToolCall(textAt(block.get("id")), name, args));
      }
    }
    JsonNode u = root.path("usage");
    Usage usage = new Usage(inputTokens(u), longAt(u.get("output_tokens")), longAt(u.get("cache_read_input_tokens")));
    return JsonAnswerTool.result(text.toString(), usage, finishReason(textAt(root.get("stop_reason"))), calls, json);
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
   * content_block_start} of a {@code tool_use} block (a call's id and name), {@code content_block_delta} with a
   * {@code text_delta} (text) or an {@code input_json_delta} (a call's arguments; those of the forced JSON answer
   * tool are relayed as the answer's text; other deltas such as thinking are skipped),
   * {@code message_delta} (stop reason, cumulative output usage), {@code message_stop} (end), {@code ping}
   * (ignored) and {@code error} (fails the call). The event kind is read from the payload's {@code type}, falling
   * back to the SSE event name.
   */
  public static final class StreamState extends ToolAnswerStream implements SseHandler {
    private long input;
    private long output;
    private long cached;

    public StreamState(String provider, String model, Consumer<String> onDelta) {
      this(provider, model, onDelta, false);
    }

    /** @param jsonAnswer whether the request forced {@link JsonAnswerTool#NAME} (see {@link #answersInTool}) */
    public StreamState(String provider, String model, Consumer<String> onDelta, boolean jsonAnswer) {
      super(provider, model, onDelta, jsonAnswer);
    }

    @Override
    public ChatResult result() {
      return result(new Usage(input, output, cached));
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
          String kind = textAt(block.get("type"));
          if ("text".equals(kind)) text(textAt(block.get("text")));
          else if ("tool_use".equals(kind)) calls.start(e.path("index").asInt(), textAt(block.get("id")), textAt(block.get("name")));
          return false;
        }
        case "content_block_delta": {
          JsonNode delta = e.path("delta");
          String kind = textAt(delta.get("type"));
          if ("text_delta".equals(kind)) {
            text(textAt(delta.get("text")));
          } else if ("input_json_delta".equals(kind)) {
            arguments(e.path("index").asInt(), textAt(delta.get("partial_json")));
          }
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
  }
}
