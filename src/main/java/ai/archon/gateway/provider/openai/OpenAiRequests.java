package ai.archon.gateway.provider.openai;

import static ai.archon.gateway.model.JsonIo.field;

import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Message;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The request side of the Chat Completions wire format: a body built from the gateway's {@link ChatRequest}, or the
 * client's own body forwarded with its model replaced (the reply side is {@link OpenAiMapper}).
 */
public final class OpenAiRequests {
  private OpenAiRequests() { }

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
    return forwardBody(body, model, stream, includeUsage, 0);
  }

  /**
   * As {@link #forwardBody(ObjectNode, String, boolean, boolean)}, into a buffer sized for the client's body of {@code
   * bytes} (0 = unknown): the rewritten body is about as long.
   */
  public static Buffer forwardBody(ObjectNode body, String model, boolean stream, boolean includeUsage, long bytes) {
    int hint = bytes > 0 ? (int) Math.min(bytes + model.length() + 64, 1 << 24) : 512;
    return JsonIo.write(hint, g -> {
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
}
