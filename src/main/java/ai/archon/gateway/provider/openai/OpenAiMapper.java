package ai.archon.gateway.provider.openai;

import static ai.archon.gateway.model.JsonIo.longAt;
import static ai.archon.gateway.model.JsonIo.textAt;

import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.provider.ErrorBodies;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.provider.SseDecoder;
import ai.archon.gateway.provider.SseHandler;
import ai.archon.gateway.provider.StreamReader;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pure mapping between the gateway's types and the OpenAI Chat Completions wire format: the reply side (whole replies,
 * stream chunks, relayed usage) here, the request bodies are in {@link OpenAiRequests}.
 */
public final class OpenAiMapper {
  /** The SSE payload that ends an OpenAI stream. */
  public static final String DONE = "[DONE]";

  private OpenAiMapper() { }

  /**
   * Reads a non-streaming reply: the first choice's text, finish reason and usage. Every call of an ensemble comes
   * back through here, so the reply is streamed over, never built as a tree: the first choice's content, finish reason
   * and usage are read as tokens, other fields (and further choices) skipped unread. Only rare shapes become trees:
   * content sent as an array of parts, and tool calls.
   */
  public static ChatResult response(Buffer body) {
    FirstChoice choice = null;
    Usage usage = null;
    Usage groq = null;
    try (JsonParser p = JsonIo.parser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("reply has no choices");
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("choices")) {
          choice = value == JsonToken.START_ARRAY ? firstChoice(p) : skipped(p);
        } else if (name.equals("usage") && value == JsonToken.START_OBJECT) {
          usage = RelayedUsage.usageFields(p);
        } else if (name.equals("x_groq") && value == JsonToken.START_OBJECT) {
          groq = RelayedUsage.groqUsage(p);
        } else {
          p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT) throw new IllegalArgumentException("reply is not one JSON object");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (choice == null) throw new IllegalArgumentException("reply has no choices");
    List<ToolCall> calls = toolCalls(choice.toolCalls);
    return new ChatResult(choice.text, usage != null ? usage : groq, finish(choice.finish, calls), calls);
  }

  /** What a reply's first choice says; an element that is not an object says nothing (empty text, stop). */
  private static final class FirstChoice {
    String text = "";
    JsonNode toolCalls;
    String finish;
  }

  /** The first element of the {@code choices} array the parser is at (null when empty), the rest skipped. */
  private static FirstChoice firstChoice(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == JsonToken.END_ARRAY) return null;
    FirstChoice c = new FirstChoice();
    if (first == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("message") && v == JsonToken.START_OBJECT) message(p, c);
        else if (name.equals("finish_reason")) c.finish = v == JsonToken.VALUE_STRING ? p.getText() : skipped(p);
        else p.skipChildren();
      }
    } else {
      p.skipChildren();
    }
    while (p.nextToken() != JsonToken.END_ARRAY) p.skipChildren();
    return c;
  }

  /** The choice's {@code message} object the parser is at: its content and tool calls, through its end. */
  private static void message(JsonParser p, FirstChoice c) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("content")) {
        c.text = v == JsonToken.VALUE_STRING ? p.getText() : v == JsonToken.START_ARRAY
            ? content(JsonIo.MAPPER.readTree(p)) : skippedText(p);
      } else if (name.equals("tool_calls")) {
        c.toolCalls = JsonIo.MAPPER.readTree(p);
      } else {
        p.skipChildren();
      }
    }
  }

  private static <T> T skipped(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static String skippedText(JsonParser p) throws IOException {
    p.skipChildren();
    return "";
  }

  /** Writes {@code "tool_calls": [...]} in OpenAI's message form: the gateway's own replies use it too. */
  public static void writeToolCalls(JsonGenerator g, List<ToolCall> calls) throws IOException {
    OpenAiMessages.writeToolCalls(g, calls);
  }

  /** A reply message's {@code tool_calls} (function calls only; other kinds have nothing the gateway can run). */
  static List<ToolCall> toolCalls(JsonNode arr) {
    if (arr == null || !arr.isArray()) return List.of();
    List<ToolCall> out = new ArrayList<>(arr.size());
    for (JsonNode c : arr) {
      JsonNode fn = c.path("function");
      if (!fn.path("name").isTextual()) continue;
      JsonNode args = fn.get("arguments");
      String id = textAt(c.get("id"));
      out.add(new ToolCall(id != null ? id : ToolCallDeltas.missingId(out.size()), fn.get("name").asText(),
          args == null || args.isNull() ? "{}" : args.isTextual() ? args.asText() : args.toString()));
    }
    return out;
  }

  /** The finish reason, {@code tool_calls} when the answer calls tools whatever the server wrote (some write stop). */
  static String finish(String reason, List<ToolCall> calls) {
    String f = finishReason(reason);
    return calls.isEmpty() || "length".equals(f) ? f : "tool_calls";
  }

  /** Message content: a string, or an array of parts whose text parts are joined; null gives "". */
  static String content(JsonNode content) {
    if (content == null || content.isNull()) return "";
    if (content.isTextual()) return content.asText();
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : content) {
        String t = textAt(part.get("text"));
        if (t != null) sb.append(t);
      }
      return sb.toString();
    }
    return "";
  }

  /** The reply's usage (Groq also reports it under {@code x_groq.usage}), or null when there is none. */
  static Usage usage(JsonNode root) {
    return usage(root.get("usage"), root.get("x_groq"));
  }

  /** The usage from a reply's {@code usage} and {@code x_groq} values (either may be null). */
  private static Usage usage(JsonNode top, JsonNode groq) {
    JsonNode u = top;
    if (u == null || !u.isObject()) u = groq == null ? null : groq.get("usage");
    if (u == null || !u.isObject()) return null;
    return new Usage(longAt(u.get("prompt_tokens")), longAt(u.get("completion_tokens")),
        longAt(u.path("prompt_tokens_details").get("cached_tokens")));
  }

  /** OpenAI finish reasons pass; other servers' spellings are mapped; null and unknown ones become {@code stop}. */
  public static String finishReason(String reason) {
    if (reason == null) return "stop";
    switch (reason) {
      case "stop":
      case "length":
      case "tool_calls":
      case "content_filter":
      case "function_call":
        return reason;
      case "max_tokens":
      case "model_length":
        return "length";
      default:
        return "stop";
    }
  }

  /** The HTTP status an in-stream error object stands for: its numeric {@code code} if 4xx/5xx, else 500. */
  static int statusOf(JsonNode error) {
    JsonNode code = error.get("code");
    if (code != null && code.canConvertToInt()) {
      int c = code.asInt();
      if (c >= 400 && c <= 599) return c;
    }
    if (code != null && code.isTextual()) {
      try {
        int c = Integer.parseInt(code.asText());
        if (c >= 400 && c <= 599) return c;
      } catch (NumberFormatException ignored) {
        // a symbolic code such as rate_limit_exceeded
      }
    }
    return 500;
  }

  /** Accumulates one streamed completion from its {@code data:} chunks. */
  public static final class StreamState extends StreamReader implements SseHandler {
    private final ToolCallDeltas calls = new ToolCallDeltas();
    private boolean done;

    public StreamState(String provider, String model, Consumer<String> onDelta) {
      super(provider, model, onDelta);
    }

    @Override
    public boolean onEvent(SseDecoder.Event event) {
      String data = event.data();
      if (isDone(data)) {
        done = true;
        return true;
      }
      if (data.isBlank()) return false;
      JsonNode chunk = JsonIo.read(data);
      JsonNode error = chunk.get("error");
      if (error != null && !error.isNull()) {
        int status = error.isObject() ? statusOf(error) : 500;
        throw out.failure(status, ErrorBodies.errorDetail(chunk));
      }
      JsonNode choices = chunk.get("choices");
      if (choices != null && choices.isArray()) {
        for (JsonNode choice : choices) {
          if (choice.path("index").asInt(0) != 0) continue;
          out.emit(textAt(choice.path("delta").get("content")));
          calls.add(choice.path("delta").get("tool_calls"));
          String reason = textAt(choice.get("finish_reason"));
          if (reason != null) finish = finishReason(reason);
        }
      }
      usageSeen(usage(chunk));
      return false;
    }

    @Override
    public void onEnd() {
      if (!done && finish == null) {
        throw out.failure(0, "stream ended before [DONE]");
      }
    }

    @Override
    public ChatResult result() {
      ChatResult r = out.result(usage, finish);
      List<ToolCall> c = calls.calls();
      return c.isEmpty() ? r : new ChatResult(r.text(), r.usage(), finish(finish, c), c);
    }
  }

  /** True for the {@code [DONE]} sentinel (spaces around it tolerated). */
  public static boolean isDone(String data) {
    return data.length() <= 16 && data.strip().equals(DONE);
  }

  /** As {@link #isDone(String)}, on a relayed event's bytes. */
  public static boolean isDone(EventBytes data) {
    return data.length() <= 16 && data.isTrimmed(DONE);
  }
}
