package ai.archon.gateway.provider.openai;

import static ai.archon.gateway.model.JsonIo.field;
import static ai.archon.gateway.model.JsonIo.longAt;
import static ai.archon.gateway.model.JsonIo.textAt;

import ai.archon.gateway.model.ChatRequest;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Pure mapping between the gateway's types and the OpenAI Chat Completions wire format. */
public final class OpenAiMapper {
  /** The SSE payload that ends an OpenAI stream. */
  public static final String DONE = "[DONE]";

  private OpenAiMapper() { }

  /**
   * OpenAI's reasoning models (o1, o3, o4, gpt-5) reject {@code max_tokens} and want {@code max_completion_tokens};
   * only on OpenAI itself: compatible servers keep the classic field.
   */
  public static boolean usesMaxCompletionTokens(String modelType, String model) {
    if (!"OpenAI_API".equals(modelType) || model == null) return false;
    return model.startsWith("o1") || model.startsWith("o3") || model.startsWith("o4") || model.startsWith("gpt-5");
  }

  /**
   * The request body for {@code r} (whose maxTokens is already clamped). Only fields that are set are written. When
   * {@code r.raw()} is set, that body is sent instead with every field kept but {@code model} (and the stream flags).
   */
  public static Buffer request(ChatRequest r, boolean maxCompletionTokens, boolean stream) {
    if (r.raw() != null) return forwardBody(r.raw(), r.model(), stream, stream);
    return JsonIo.write(r.bodySizeHint(), g -> {
      g.writeStartObject();
      g.writeStringField("model", r.model());
      g.writeArrayFieldStart("messages");
      for (Message m : r.messages()) OpenAiMessages.write(g, m);
      g.writeEndArray();
      OpenAiMessages.writeOutput(g, r.output());
      field(g, "temperature", r.temperature());
      field(g, "top_p", r.topP());
      field(g, maxCompletionTokens ? "max_completion_tokens" : "max_tokens", r.maxTokens());
      field(g, "stop", r.stop());
      field(g, "seed", r.seed());
      field(g, "user", r.user());
      if (stream) writeStreamFlags(g, true);
      g.writeEndObject();
    });
  }

  /**
   * The client's body with {@code model} replaced and every other field kept, for pass-through. For a stream,
   * {@code stream: true} is forced; {@code includeUsage} adds {@code stream_options.include_usage} (else the client's
   * stream_options are kept as sent). Without a stream, {@code stream} and {@code stream_options} are dropped.
   */
  public static Buffer forwardBody(ObjectNode body, String model, boolean stream, boolean includeUsage) {
    return JsonIo.write(g -> {
      g.writeStartObject();
      g.writeStringField("model", model);
      Iterator<Map.Entry<String, JsonNode>> it = body.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String k = e.getKey();
        if (k.equals("model") || k.equals("stream")) continue;
        if (k.equals("stream_options") && (!stream || includeUsage)) continue;
        g.writeFieldName(k);
        g.writeTree(e.getValue());
      }
      if (stream) {
        if (includeUsage) {
          writeStreamFlags(g, true);
        } else {
          g.writeBooleanField("stream", true);
        }
      }
      g.writeEndObject();
    });
  }

  private static void writeStreamFlags(JsonGenerator g, boolean usage) throws IOException {
    g.writeBooleanField("stream", true);
    if (usage) {
      g.writeObjectFieldStart("stream_options");
      g.writeBooleanField("include_usage", true);
      g.writeEndObject();
    }
  }

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

  /**
   * The usage of a reply that is relayed as is (pass-through), or null when it has none or is not JSON. Streams
   * over the top-level fields and skips the others unread: only {@code usage} (and Groq's {@code x_groq}) become
   * trees, so a long answer costs a scan, not a parse into nodes.
   */
  public static Usage relayedUsage(Buffer reply) {
    Usage last = TailUsage.find(reply);
    if (last != null) return last;
    try (JsonParser p = JsonIo.parser(reply)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      Usage top = null;
      Usage groq = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("usage") && value == JsonToken.START_OBJECT) {
          top = usageFields(p);
        } else if (name.equals("x_groq") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean usage = p.currentName().equals("usage");
            if (p.nextToken() == JsonToken.START_OBJECT && usage) groq = usageFields(p);
            else p.skipChildren();
          }
        } else {
          p.skipChildren();
        }
      }
      return top != null ? top : groq;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The usage in one relayed stream event's JSON, or null. Only the event that carries a usage object is parsed:
   * with {@code include_usage} every other chunk has {@code "usage": null}, which a look at the text rules out.
   */
  public static Usage relayedStreamUsage(String data) {
    int at = data.indexOf("\"usage\"");
    if (at < 0) return null;
    int i = at + 7;
    while (i < data.length() && (data.charAt(i) == ':' || Character.isWhitespace(data.charAt(i)))) i++;
    if (i >= data.length() || data.charAt(i) != '{') return null;
    return relayedUsage(Buffer.buffer(data));
  }

  /** Reads a usage object the parser is at the start of, through its end. */
  static Usage usageFields(JsonParser p) throws IOException {
    long prompt = 0;
    long completion = 0;
    long cached = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (v.isNumeric() && field.equals("prompt_tokens")) prompt = p.getValueAsLong();
      else if (v.isNumeric() && field.equals("completion_tokens")) completion = p.getValueAsLong();
      else if (v == JsonToken.START_OBJECT && field.equals("prompt_tokens_details")) cached = cachedTokens(p);
      else p.skipChildren();
    }
    return new Usage(prompt, completion, cached);
  }

  /** {@code prompt_tokens_details.cached_tokens} (the parser is at the object's start; reads through its end). */
  private static long cachedTokens(JsonParser p) throws IOException {
    long cached = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      boolean hit = p.currentName().equals("cached_tokens");
      if (p.nextToken().isNumeric() && hit) cached = p.getValueAsLong();
      else p.skipChildren();
    }
    return cached;
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
    private Usage usage;
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
      Usage u = usage(chunk);
      if (u != null) usage = u;
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
}
