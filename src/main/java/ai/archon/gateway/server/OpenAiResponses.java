package ai.archon.gateway.server;

import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.ToolCall;
import ai.archon.gateway.model.Usage;
import ai.archon.gateway.provider.openai.OpenAiMapper;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes Chat Completions objects ({@code chat.completion}, {@code chat.completion.chunk}) straight to bytes with
 * Jackson's streaming generator: the hot path of every streamed token, so no tree model per chunk.
 */
public final class OpenAiResponses {
  private static final ObjectMapper MAPPER = JsonIo.MAPPER; // one shared mapper (and its serializer caches)
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private OpenAiResponses() { }

  /** The fields every object of one completion repeats: its id, creation second and model name. */
  public record Head(String id, long created, String model) { }

  /**
   * A whole {@code chat.completion} with one choice per answer: its text as {@code content} (null when the answer
   * is only tool calls, as OpenAI writes it), its {@code tool_calls} when it has any, and its finish reason;
   * {@code trace} (or null) goes under "archon".
   */
  public static Buffer completion(Head head, List<ChatResult> answers, Usage usage, ObjectNode trace) {
    return write(g -> {
      g.writeStartObject();
      head(g, head, "chat.completion");
      g.writeArrayFieldStart("choices");
      for (int i = 0; i < answers.size(); i++) {
        ChatResult a = answers.get(i);
        g.writeStartObject();
        g.writeNumberField("index", i);
        g.writeObjectFieldStart("message");
        g.writeStringField("role", "assistant");
        if (a.hasToolCalls() && a.text().isEmpty()) g.writeNullField("content");
        else g.writeStringField("content", a.text());
        g.writeNullField("refusal");
        if (a.hasToolCalls()) OpenAiMapper.writeToolCalls(g, a.toolCalls());
        g.writeEndObject();
        g.writeNullField("logprobs");
        g.writeStringField("finish_reason", a.finishReason());
        g.writeEndObject();
      }
      g.writeEndArray();
      usage(g, usage);
      if (trace != null) {
        g.writeFieldName("archon");
        MAPPER.writeTree(g, trace);
      }
      g.writeEndObject();
    });
  }

  /**
   * A chunk starting tool call {@code callIndex} of choice {@code index}, in OpenAI's delta format: its id, type
   * and function name with empty arguments, or (with {@code header} false) a piece of its arguments.
   */
  public static Buffer toolCallChunk(Head head, int index, int callIndex, ToolCall call, boolean header) {
    return write(g -> {
      openDelta(g, head, index);
      g.writeArrayFieldStart("tool_calls");
      g.writeStartObject();
      g.writeNumberField("index", callIndex);
      if (header) {
        g.writeStringField("id", call.id());
        g.writeStringField("type", "function");
      }
      g.writeObjectFieldStart("function");
      if (header) g.writeStringField("name", call.name());
      g.writeStringField("arguments", header ? "" : call.arguments());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeNullField("logprobs");
      g.writeNullField("finish_reason");
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** A chunk whose delta carries the assistant role (the first chunk of a choice). */
  public static Buffer roleChunk(Head head, int index) {
    return chunk(head, index, null, true, null);
  }

  /** A chunk carrying a piece of text. */
  public static Buffer textChunk(Head head, int index, String text) {
    return chunk(head, index, text, false, null);
  }

  /** The closing chunk of a choice: empty delta and its finish reason. */
  public static Buffer finishChunk(Head head, int index, String finishReason) {
    return chunk(head, index, null, false, finishReason);
  }

  /** The usage chunk OpenAI sends last when {@code stream_options.include_usage} is set: no choices. */
  public static Buffer usageChunk(Head head, Usage usage) {
    return choicelessChunk(head, g -> usage(g, usage));
  }

  /**
   * A chunk with no choices carrying one live trace event under {@code archon} (x-archon-trace: stream): a valid
   * chunk, so OpenAI's SDKs parse it (as they do the usage chunk) and keep the extra field.
   */
  public static Buffer traceChunk(Head head, ObjectNode event) {
    return choicelessChunk(head, g -> {
      g.writeFieldName("archon");
      MAPPER.writeTree(g, event);
    });
  }

  /** A {@code chat.completion.chunk} with an empty {@code choices} and what {@code extra} writes after it. */
  private static Buffer choicelessChunk(Head head, Body extra) {
    return write(g -> {
      g.writeStartObject();
      head(g, head, "chat.completion.chunk");
      g.writeArrayFieldStart("choices");
      g.writeEndArray();
      extra.write(g);
      g.writeEndObject();
    });
  }

  private static void openDelta(JsonGenerator g, Head head, int index) throws IOException {
    g.writeStartObject();
    head(g, head, "chat.completion.chunk");
    g.writeArrayFieldStart("choices");
    g.writeStartObject();
    g.writeNumberField("index", index);
    g.writeObjectFieldStart("delta");
  }

  private static Buffer chunk(Head head, int index, String text, boolean role, String finishReason) {
    return write(g -> {
      openDelta(g, head, index);
      if (role) {
        g.writeStringField("role", "assistant");
        g.writeStringField("content", "");
      }
      if (text != null) g.writeStringField("content", text);
      g.writeEndObject();
      g.writeNullField("logprobs");
      if (finishReason == null) g.writeNullField("finish_reason"); else g.writeStringField("finish_reason", finishReason);
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void head(JsonGenerator g, Head head, String object) throws IOException {
    g.writeStringField("id", head.id());
    g.writeStringField("object", object);
    g.writeNumberField("created", head.created());
    g.writeStringField("model", head.model());
  }

  private static void usage(JsonGenerator g, Usage usage) throws IOException {
    g.writeObjectFieldStart("usage");
    g.writeNumberField("prompt_tokens", usage.promptTokens());
    g.writeNumberField("completion_tokens", usage.completionTokens());
    g.writeNumberField("total_tokens", usage.totalTokens());
    if (usage.cachedTokens() > 0) {
      g.writeObjectFieldStart("prompt_tokens_details");
      g.writeNumberField("cached_tokens", usage.cachedTokens());
      g.writeEndObject();
    }
    // US dollars over every upstream call of the request; null when a model it called has no price.
    if (usage.cost() == null) g.writeNullField("cost"); else g.writeNumberField("cost", usage.cost().doubleValue());
    g.writeEndObject();
  }

  /** Serializes any Jackson tree (used for errors and model lists). */
  public static Buffer json(Object tree) {
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static Buffer write(Body body) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(256); JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
      g.flush();
      return Buffer.buffer(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
