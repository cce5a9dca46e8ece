package ai.archon.gateway.provider.gemini;

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
import ai.archon.gateway.model.OutputSpec;
import ai.archon.gateway.model.ResponseFormat;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.ToolChoice;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Pure mapping between the gateway's types and the Gemini {@code generateContent} wire format. */
public final class GeminiMapper {

  private GeminiMapper() { }

  /**
   * The model's resource name for the URL path: {@code gemini-2.0-flash} → {@code models/gemini-2.0-flash}; names
   * that already are resource names ({@code models/..}, {@code tunedModels/..}) keep their prefix; the rest is
   * percent-encoded as one segment.
   */
  public static String resource(String model) {
    // The model comes from the client: percent-encoded as one path segment, so "../" or "?" cannot leave it.
    if (model.startsWith("models/")) return "models/" + segment(model.substring(7));
    if (model.startsWith("tunedModels/")) return "tunedModels/" + segment(model.substring(12));
    return "models/" + segment(model);
  }

  private static String segment(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The GenerateContentRequest body. System (and developer) messages go to {@code systemInstruction}; the dialogue to
   * {@code contents} as {@link GeminiContents} maps it (text, images, audio, function calls and responses).
   * {@code generationConfig} carries only the fields that are set and is left out when none is. {@code user} has no
   * Gemini equivalent and is dropped. Gemini's seed is an int32: a seed outside that range is folded into it
   * (high ^ low 32 bits), which keeps it deterministic. Tools and the tool choice are mapped by {@link GeminiTools}.
   * A JSON response format is {@code responseMimeType: application/json} (with {@code responseSchema}, converted by
   * {@link GeminiSchema}, for json_schema); Gemini 2.x refuses that mime type together with function calling, so
   * while tools may be called the format is not sent (the gateway still checks the answer), and with
   * {@code tool_choice: none} the tools are not sent but the format is.
   */
  public static Buffer request(ChatRequest r, Integer maxTokens) {
    String system = r.systemText();
    OutputSpec out = r.output();
    boolean toolsActive = out.hasTools() && (out.toolChoice() == null || out.toolChoice().mode() != ToolChoice.Mode.NONE);
    boolean format = out.responseFormat().wantsJson() && !toolsActive;
    boolean tools = out.hasTools() && !format;
    ArrayNode contents = GeminiContents.contents(r.dialogue());
    boolean config = r.temperature() != null || maxTokens != null || r.topP() != null || !r.stop().isEmpty()
        || r.seed() != null || format;
    return JsonIo.write(r.bodySizeHint(), g -> {
      g.writeStartObject();
      g.writeFieldName("contents");
      g.writeTree(contents);
      if (system != null) {
        g.writeObjectFieldStart("systemInstruction");
        g.writeArrayFieldStart("parts");
        g.writeStartObject();
        g.writeStringField("text", system);
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
      }
      if (tools) {
        g.writeFieldName("tools");
        g.writeTree(GeminiTools.tools(out.tools()));
        if (out.toolChoice() != null) {
          g.writeFieldName("toolConfig");
          g.writeTree(GeminiTools.toolConfig(out.toolChoice()));
        }
      }
      if (config) {
        g.writeObjectFieldStart("generationConfig");
        field(g, "temperature", r.temperature());
        field(g, "maxOutputTokens", maxTokens);
        field(g, "topP", r.topP());
        field(g, "stopSequences", r.stop());
        if (r.seed() != null) g.writeNumberField("seed", int32(r.seed()));
        if (format) {
          g.writeStringField("responseMimeType", "application/json");
          ResponseFormat f = out.responseFormat();
          if (f.type() == ResponseFormat.Type.JSON_SCHEMA && f.schema() != null) {
            g.writeFieldName("responseSchema");
            g.writeTree(GeminiSchema.convert(f.schema()));
          }
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  static int int32(long seed) {
    return seed == (int) seed ? (int) seed : (int) (seed ^ (seed >>> 32));
  }

  /** Reads a non-streaming reply (one GenerateContentResponse). */
  public static ChatResult response(Buffer body) {
    JsonNode root = JsonIo.read(body);
    if (!root.isObject()) throw new IllegalArgumentException("reply is not an object");
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    String reason = read(root, text, calls);
    return new ChatResult(text.toString(), usage(root), withCalls(finish(root, reason), calls), calls);
  }

  /**
   * Appends the first candidate's text parts (thought parts skipped) and its {@code functionCall} parts as tool
   * calls (numbered on from those already in {@code calls}); returns its raw finishReason or null.
   */
  static String read(JsonNode chunk, StringBuilder out, List<ToolCall> calls) {
    JsonNode candidate = chunk.path("candidates").path(0);
    String responseId = String.valueOf(textAt(chunk.get("responseId")));
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.path("thought").asBoolean(false)) continue;
      String t = textAt(part.get("text"));
      if (t != null) out.append(t);
      JsonNode call = part.get("functionCall");
      if (call != null && call.isObject()) calls.add(GeminiTools.call(call, responseId, calls.size()));
    }
    return textAt(candidate.get("finishReason"));
  }

  /** An answer with function calls finishes with {@code tool_calls} (Gemini says STOP), unless it was cut or blocked. */
  static String withCalls(String finish, List<ToolCall> calls) {
    if (calls.isEmpty() || "length".equals(finish) || "content_filter".equals(finish)) return finish;
    return "tool_calls";
  }

  /** The mapped finish reason; a prompt blocked before any candidate counts as content_filter. */
  static String finish(JsonNode root, String rawReason) {
    if (rawReason != null) return finishReason(rawReason);
    if (root.path("promptFeedback").hasNonNull("blockReason")) return "content_filter";
    return null;
  }

  /** Gemini finishReason → OpenAI finish_reason. */
  public static String finishReason(String reason) {
    if (reason == null) return "stop";
    switch (reason) {
      case "MAX_TOKENS":
        return "length";
      case "SAFETY":
      case "RECITATION":
      case "BLOCKLIST":
      case "PROHIBITED_CONTENT":
      case "SPII":
      case "IMAGE_SAFETY":
        return "content_filter";
      default: // STOP, OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, FINISH_REASON_UNSPECIFIED, ...
        return "stop";
    }
  }

  /** promptTokenCount and candidatesTokenCount (+ thoughtsTokenCount, billed as output); null when absent. */
  static Usage usage(JsonNode root) {
    JsonNode u = root.get("usageMetadata");
    if (u == null || !u.isObject()) return null;
    return new Usage(longAt(u.get("promptTokenCount")),
        longAt(u.get("candidatesTokenCount")) + longAt(u.get("thoughtsTokenCount")),
        longAt(u.get("cachedContentTokenCount")));
  }

  /**
   * Accumulates one {@code streamGenerateContent?alt=sse} stream: every event is a GenerateContentResponse chunk
   * (text parts, finishReason on the last, usageMetadata updated as it goes); the end of the body ends the stream
   * (there is no {@code [DONE]}), but a body without any chunk fails. A chunk's {@code functionCall} parts are whole
   * calls; they are gathered for the result.
   * A chunk carrying {@code error} fails the call with its code as status.
   */
  public static final class StreamState extends StreamReader implements SseHandler {
    private final StringBuilder piece = new StringBuilder();
    private final List<ToolCall> calls = new ArrayList<>();
    private boolean any;

    public StreamState(String provider, String model, Consumer<String> onDelta) {
      super(provider, model, onDelta);
    }

    @Override
    public boolean onEvent(SseDecoder.Event event) {
      if (event.data().isBlank()) return false;
      any = true;
      JsonNode chunk = JsonIo.read(event.data());
      if (chunk.isArray() && chunk.size() > 0) chunk = chunk.get(0);
      JsonNode error = chunk.get("error");
      if (error != null && !error.isNull()) {
        int code = error.path("code").asInt(500);
        throw out.failure(code >= 400 && code <= 599 ? code : 500, ErrorBodies.errorDetail(chunk));
      }
      piece.setLength(0);
      String f = finish(chunk, read(chunk, piece, calls));
      if (piece.length() > 0) out.emit(piece.toString());
      if (f != null) finish = f;
      usageSeen(usage(chunk));
      return false;
    }

    /** An empty 2xx stream is a cut one: Gemini always sends at least the chunk with the finish reason. */
    @Override
    public void onEnd() {
      if (!any) throw out.failure(0, "stream ended without any chunk");
    }

    @Override
    public ChatResult result() {
      return out.result(usage, withCalls(finish, calls), calls);
    }
  }
}
