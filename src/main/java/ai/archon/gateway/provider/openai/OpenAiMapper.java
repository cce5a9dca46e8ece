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
   * back through here, so the reply is streamed over: only the first choice and the usage become trees, the other
   * fields (and further choices) are skipped unread.
   */
  public static ChatResult response(Buffer body) {
    JsonNode choice = null;
    JsonNode usage = null;
    JsonNode groq = null;
    try (JsonParser p = JsonIo.parser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("reply has no choices");
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("choices")) {
          choice = value == JsonToken.START_ARRAY ? firstElement(p) : skipped(p);
        } else if (name.equals("usage") || name.equals("x_groq")) {
          JsonNode tree = JsonIo.MAPPER.readTree(p);
          if (name.equals("usage")) usage = tree;
          else groq = tree;
        } else {
          p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT) throw new IllegalArgumentException("reply is not one JSON object");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (choice == null) throw new IllegalArgumentException("reply has no choices");
    String text = content(choice.path("message").get("content"));
    List<ToolCall> calls = toolCalls(choice.path("message").get("tool_calls"));
    return new ChatResult(text, usage(usage, groq), finish(textAt(choice.get("finish_reason")), calls), calls);
  }

  /** The first element of the array the parser is at (null when empty), the rest skipped. */
  private static JsonNode firstElement(JsonParser p) throws IOException {
    if (p.nextToken() == JsonToken.END_ARRAY) return null;
    JsonNode first = JsonIo.MAPPER.readTree(p);
    while (p.nextToken() != JsonToken.END_ARRAY) p.skipChildren();
    return first;
  }

  private static JsonNode skipped(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
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
