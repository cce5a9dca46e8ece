package ai.archon.gateway.provider.gemini;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.provider.Embeddings;
import ai.archon.gateway.provider.TranslatedEmbeddings;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI embeddings ↔ the Gemini API's <a href="https://ai.google.dev/api/embeddings">embedContent and
 * batchEmbedContents</a>: a string {@code input} is one {@code :embedContent} call, an array one
 * {@code :batchEmbedContents} call (one request per text, in order); {@code dimensions} becomes
 * {@code outputDimensionality}. Pure mapping.
 */
public final class GeminiEmbeddings {
  private GeminiEmbeddings() { }

  /** The method the request's URL ends with. */
  public static String method(Embeddings.Request r) {
    return r.batch() ? ":batchEmbedContents" : ":embedContent";
  }

  public static Buffer request(Embeddings.Request r) {
    return JsonIo.write(g -> {
      g.writeStartObject();
      if (r.batch()) {
        // Each batch entry names its model, and it must be the one in the URL.
        String model = r.model().startsWith("models/") ? r.model() : "models/" + r.model();
        g.writeArrayFieldStart("requests");
        for (String text : r.texts()) {
          g.writeStartObject();
          g.writeStringField("model", model);
          content(g, text, r.dimensions());
          g.writeEndObject();
        }
        g.writeEndArray();
      } else {
        content(g, r.texts().get(0), r.dimensions());
      }
      g.writeEndObject();
    });
  }

  private static void content(JsonGenerator g, String text, Integer dimensions) throws IOException {
    g.writeObjectFieldStart("content");
    g.writeArrayFieldStart("parts");
    g.writeStartObject();
    g.writeStringField("text", text);
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    if (dimensions != null) g.writeNumberField("outputDimensionality", dimensions);
  }

  /**
   * OpenAI's reply from {@code {"embedding": {"values"}}} or {@code {"embeddings": [{"values"}]}}, one vector per
   * input (else the reply is unreadable). The Gemini API counts no tokens for embeddings: usage is 0 unless the reply
   * carries {@code usageMetadata.promptTokenCount}.
   */
  public static Embeddings.Reply reply(JsonNode root, Embeddings.Request r) {
    List<float[]> vectors = new ArrayList<>();
    if (r.batch()) {
      for (JsonNode e : root.path("embeddings")) vectors.add(TranslatedEmbeddings.floats(e.get("values")));
    } else {
      vectors.add(TranslatedEmbeddings.floats(root.path("embedding").get("values")));
    }
    if (vectors.size() != r.texts().size()) {
      throw new IllegalArgumentException(vectors.size() + " embeddings for " + r.texts().size() + " inputs");
    }
    long tokens = root.path("usageMetadata").path("promptTokenCount").asLong(0);
    return TranslatedEmbeddings.reply(vectors, r.model(), tokens, r.base64());
  }
}
