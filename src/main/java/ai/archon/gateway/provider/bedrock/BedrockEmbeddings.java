package ai.archon.gateway.provider.bedrock;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.provider.Embeddings;
import ai.archon.gateway.provider.TranslatedEmbeddings;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OpenAI embeddings ↔ Bedrock's InvokeModel ({@code POST /model/{modelId}/invoke}) for the two model families with a
 * text embeddings body: Amazon Titan Text Embeddings ({@code amazon.titan-embed-text-v2:0} takes {@code dimensions};
 * v1 and {@code amazon.titan-embed-g1-text-02} do not), one text per call, so an array input is one call per text;
 * and Cohere Embed ({@code cohere.embed-english-v3}, {@code cohere.embed-multilingual-v3}, {@code cohere.embed-v4:0},
 * which alone takes {@code output_dimension}), every text in one call with {@code input_type: search_document}. A
 * cross-region inference profile id ({@code us.cohere.embed-v4:0}) counts as its model. Pure mapping.
 */
public final class BedrockEmbeddings {
  /** The body each family takes. */
  enum Family { TITAN_V2, TITAN_V1, COHERE_V4, COHERE_V3 }

  private BedrockEmbeddings() { }

  static Family family(String model) {
    String id = BedrockMapper.modelId(model);
    if (id.contains("amazon.titan-embed-text-v2")) return Family.TITAN_V2;
    if (id.contains("amazon.titan-embed-text-v1") || id.contains("amazon.titan-embed-g1-text")) return Family.TITAN_V1;
    if (id.contains("cohere.embed-v4")) return Family.COHERE_V4;
    if (id.contains("cohere.embed-")) return Family.COHERE_V3;
    return null;
  }

  /** A model outside both families, {@code dimensions} on a model that has no such option, or a field dropped. */
  public static Optional<Embeddings.Refusal> refusal(Embeddings.Request r, String provider) {
    Family family = family(r.model());
    if (family == null) {
      return Optional.of(new Embeddings.Refusal("model", provider + " embeddings take Amazon Titan Text Embeddings"
          + " (amazon.titan-embed-text-*) or Cohere Embed (cohere.embed-*) models, not '" + r.model() + "'"));
    }
    if (r.dimensions() != null && (family == Family.TITAN_V1 || family == Family.COHERE_V3)) {
      return Optional.of(new Embeddings.Refusal("dimensions", provider + " model '" + r.model()
          + "' has a fixed output size: 'dimensions' needs amazon.titan-embed-text-v2 or cohere.embed-v4"));
    }
    return TranslatedEmbeddings.refusal(r, provider);
  }

  /** {@code /model/{id}/invoke}, the id percent-encoded as {@link BedrockMapper#path} does. */
  public static String path(String model) {
    return "/model/" + URLEncoder.encode(BedrockMapper.modelId(model), StandardCharsets.UTF_8).replace("+", "%20")
        + "/invoke";
  }

  /** The InvokeModel bodies, in input order: one per text for Titan, one for all texts for Cohere. */
  public static List<Buffer> requests(Embeddings.Request r) {
    Family family = family(r.model());
    if (family == Family.COHERE_V3 || family == Family.COHERE_V4) {
      return List.of(JsonIo.write(g -> {
        g.writeStartObject();
        JsonIo.field(g, "texts", r.texts());
        g.writeStringField("input_type", "search_document");
        JsonIo.field(g, "output_dimension", r.dimensions());
        g.writeEndObject();
      }));
    }
    List<Buffer> bodies = new ArrayList<>();
    for (String text : r.texts()) {
      bodies.add(JsonIo.write(g -> {
        g.writeStartObject();
        g.writeStringField("inputText", text);
        JsonIo.field(g, "dimensions", r.dimensions());
        g.writeEndObject();
      }));
    }
    return bodies;
  }

  /**
   * OpenAI's reply from the replies of {@link #requests}, in the same order: Titan's {@code embedding} with its
   * {@code inputTextTokenCount} summed as the usage; Cohere's {@code embeddings} (a list, or {@code {"float": list}})
   * without a token count (usage 0).
   */
  public static Embeddings.Reply reply(List<JsonNode> replies, Embeddings.Request r) {
    List<float[]> vectors = new ArrayList<>();
    long tokens = 0;
    for (JsonNode reply : replies) {
      if (reply.has("embedding")) {
        vectors.add(TranslatedEmbeddings.floats(reply.get("embedding")));
        tokens += reply.path("inputTextTokenCount").asLong(0);
        continue;
      }
      JsonNode list = reply.path("embeddings");
      if (list.isObject()) list = list.path("float");
      for (JsonNode v : list) vectors.add(TranslatedEmbeddings.floats(v));
    }
    if (vectors.size() != r.texts().size()) {
      throw new IllegalArgumentException(vectors.size() + " embeddings for " + r.texts().size() + " inputs");
    }
    return TranslatedEmbeddings.reply(vectors, BedrockMapper.modelId(r.model()), tokens, r.base64());
  }
}
