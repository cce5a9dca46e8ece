package ai.archon.gateway.observe;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.EventBytes;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The GenAI semantic conventions' request and response attributes on an upstream attempt's span (made by
 * {@link Spans#attempt}): sampling settings, token usage, finish reasons, the answering model, and, only when the
 * operator opted in ({@link Tracing#CAPTURE_CONTENT}), the prompt and completion text as
 * {@code gen_ai.input.messages} / {@code gen_ai.output.messages} JSON. Each method returns its future or sink
 * unchanged when the attempt is not traced.
 */
public final class GenAiSpans {
  private GenAiSpans() { }

  /** A mapped chat call (ensemble component or translated pass-through) of {@code request}. */
  public static Future<ChatResult> chat(Context attempt, ChatRequest request, Future<ChatResult> call) {
    Span span = recording(attempt);
    if (span == null) return call;
    set(span, SpanNames.TEMPERATURE, request.temperature());
    if (request.maxTokens() != null) span.setAttribute(SpanNames.MAX_TOKENS, request.maxTokens().longValue());
    set(span, SpanNames.TOP_P, request.topP());
    if (request.seed() != null) span.setAttribute(SpanNames.SEED, request.seed());
    span.setAttribute(SpanNames.PURPOSE, request.purpose().role());
    boolean content = Spans.tracing(attempt).capturesContent();
    if (content) span.setAttribute(SpanNames.INPUT_MESSAGES, inputMessages(request.messages()));
    return call.andThen(ar -> {
      if (ar.failed()) return;
      ChatResult r = ar.result();
      // The adapters' results do not carry the model the reply named: the model called is the one that answered.
      span.setAttribute(SpanNames.RESPONSE_MODEL, request.model());
      span.setAttribute(SpanNames.INPUT_TOKENS, r.usage().promptTokens());
      span.setAttribute(SpanNames.OUTPUT_TOKENS, r.usage().completionTokens());
      span.setAttribute(SpanNames.FINISH_REASONS, List.of(r.finishReason()));
      if (content) {
        span.setAttribute(SpanNames.OUTPUT_MESSAGES, outputMessages(List.of(r.text()), List.of(r.finishReason())));
      }
    });
  }

  /** A forwarded pass-through body (OpenAI's format, as the client sent it) and its relayed JSON reply. */
  public static Future<Buffer> forward(Context attempt, ObjectNode body, Future<Buffer> call) {
    Span span = recording(attempt);
    if (span == null) return call;
    boolean content = forwardedRequest(span, attempt, body);
    return call.andThen(ar -> {
      if (ar.succeeded()) forwardedReply(span, ar.result(), content);
    });
  }

  /**
   * A forwarded streaming call: {@code call} is started with the sink to give the upstream in place of {@code sink},
   * which reads the model, usage and finish reason (and, opted in, the text) from the relayed events on their way to
   * the client; the span gets them when the stream ends.
   */
  public static Future<Void> forwardStream(Context attempt, ObjectNode body, Consumer<EventBytes> sink,
      Function<Consumer<EventBytes>, Future<Void>> call) {
    Span span = recording(attempt);
    if (span == null) return call.apply(sink);
    StreamedReply reply = new StreamedReply(forwardedRequest(span, attempt, body));
    return call.apply(data -> {
      reply.read(data.text());
      sink.accept(data);
    }).andThen(ar -> reply.write(span));
  }

  /**
   * An attempt of another operation than chat ({@code embeddings}, {@code rerank}): its span's name and
   * {@code gen_ai.operation.name} say so.
   */
  public static void operation(Context attempt, String operation, String model) {
    Span span = Spans.span(attempt);
    if (span != null) span.updateName(operation + " " + model).setAttribute(SpanNames.OPERATION, operation);
  }

  /** The input tokens a successful non-chat attempt reported (an embeddings call's prompt tokens). */
  public static void inputTokens(Context attempt, long tokens) {
    Span span = Spans.span(attempt);
    if (span != null) span.setAttribute(SpanNames.INPUT_TOKENS, tokens);
  }

  private static Span recording(Context attempt) {
    Span span = Spans.span(attempt);
    return span != null && span.isRecording() ? span : null;
  }

  private static boolean forwardedRequest(Span span, Context attempt, ObjectNode body) {
    JsonNode t = body.get("temperature");
    if (t != null && t.isNumber()) span.setAttribute(SpanNames.TEMPERATURE, t.asDouble());
    JsonNode max = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
    if (max != null && max.canConvertToLong()) span.setAttribute(SpanNames.MAX_TOKENS, max.asLong());
    JsonNode p = body.get("top_p");
    if (p != null && p.isNumber()) span.setAttribute(SpanNames.TOP_P, p.asDouble());
    boolean content = Spans.tracing(attempt).capturesContent();
    if (content) span.setAttribute(SpanNames.INPUT_MESSAGES, inputMessages(body.path("messages")));
    return content;
  }

  private static void forwardedReply(Span span, Buffer body, boolean content) {
    JsonNode reply;
    try {
      reply = JsonIo.read(body);
    } catch (RuntimeException e) {
      return; // the relay has already judged the reply; an unreadable one adds nothing to the span
    }
    String model = reply.path("model").asText("");
    if (!model.isEmpty()) span.setAttribute(SpanNames.RESPONSE_MODEL, model);
    usage(span, reply.path("usage"));
    List<String> reasons = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (JsonNode choice : reply.path("choices")) {
      reasons.add(choice.path("finish_reason").asText("stop"));
      texts.add(choice.at("/message/content").asText(""));
    }
    if (!reasons.isEmpty()) span.setAttribute(SpanNames.FINISH_REASONS, reasons);
    if (content) span.setAttribute(SpanNames.OUTPUT_MESSAGES, outputMessages(texts, reasons));
  }

  /** What a relayed stream tells about its reply, gathered event by event and written when it ends. */
  private static final class StreamedReply {
    private final boolean content;
    private final StringBuilder text = new StringBuilder();
    private String model;
    private JsonNode usage;
    private String finish;

    StreamedReply(boolean content) {
      this.content = content;
    }

    void read(String data) {
      JsonNode event;
      try {
        event = JsonIo.read(data);
      } catch (RuntimeException e) {
        return; // the relay reports broken events; the span does not need them
      }
      if (model == null && event.hasNonNull("model")) model = event.get("model").asText();
      if (event.path("usage").isObject()) usage = event.get("usage");
      JsonNode choice = event.path("choices").path(0);
      if (choice.hasNonNull("finish_reason")) finish = choice.get("finish_reason").asText();
      if (content) text.append(choice.at("/delta/content").asText(""));
    }

    void write(Span span) {
      if (model != null) span.setAttribute(SpanNames.RESPONSE_MODEL, model);
      if (usage != null) usage(span, usage);
      if (finish != null) span.setAttribute(SpanNames.FINISH_REASONS, List.of(finish));
      if (content) {
        span.setAttribute(SpanNames.OUTPUT_MESSAGES, outputMessages(List.of(text.toString()),
            List.of(finish == null ? "stop" : finish)));
      }
    }
  }

  /** An OpenAI usage object's token counts (nothing when it is not an object). */
  private static void usage(Span span, JsonNode usage) {
    if (!usage.isObject()) return;
    span.setAttribute(SpanNames.INPUT_TOKENS, usage.path("prompt_tokens").asLong());
    span.setAttribute(SpanNames.OUTPUT_TOKENS, usage.path("completion_tokens").asLong());
  }

  private static void set(Span span, AttributeKey<Double> key, Double value) {
    if (value != null) span.setAttribute(key, value);
  }

  /** The conventions' input-messages shape: {@code [{"role", "parts": [{"type": "text", "content"}]}]}. */
  static String inputMessages(List<Message> messages) {
    ArrayNode out = JsonIo.MAPPER.createArrayNode();
    for (Message m : messages) addMessage(out, m.role(), m.content());
    return out.toString();
  }

  private static String inputMessages(JsonNode messages) {
    ArrayNode out = JsonIo.MAPPER.createArrayNode();
    for (JsonNode m : messages) {
      JsonNode c = m.path("content");
      StringBuilder text = new StringBuilder(c.isTextual() ? c.asText() : "");
      for (JsonNode part : c.isArray() ? c : JsonIo.MAPPER.createArrayNode()) text.append(part.path("text").asText(""));
      addMessage(out, m.path("role").asText("user"), text.toString());
    }
    return out.toString();
  }

  private static void addMessage(ArrayNode out, String role, String text) {
    ObjectNode msg = out.addObject().put("role", role);
    msg.putArray("parts").addObject().put("type", "text").put("content", text == null ? "" : text);
  }

  /** The conventions' output-messages shape, one assistant message per choice with its finish reason. */
  static String outputMessages(List<String> texts, List<String> reasons) {
    ArrayNode out = JsonIo.MAPPER.createArrayNode();
    for (int i = 0; i < texts.size(); i++) {
      addMessage(out, "assistant", texts.get(i));
      ((ObjectNode) out.get(i)).put("finish_reason", i < reasons.size() ? reasons.get(i) : "stop");
    }
    return out.toString();
  }
}
