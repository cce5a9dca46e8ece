package ai.archon.gateway.provider;

import ai.archon.gateway.model.JsonIo;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the adapters that translate embeddings (Gemini, Bedrock) share: the request fields they can honour, and the
 * OpenAI reply they build from the upstream's vectors.
 */
public final class TranslatedEmbeddings {
  /** The OpenAI fields a translated call honours; {@code user} is only a tag for OpenAI's abuse checks. */
  private static final Set<String> FIELDS = Set.of("model", "input", "encoding_format", "dimensions", "user");

  private TranslatedEmbeddings() { }

  /** Token-id input or a field the translation would drop: a refusal naming the field and {@code provider}. */
  public static Optional<Embeddings.Refusal> refusal(Embeddings.Request r, String provider) {
    if (r.tokenInput()) {
      return Optional.of(new Embeddings.Refusal("input", provider + " embeds text only: token-id 'input' is for"
          + " OpenAI-compatible providers"));
    }
    var names = r.body().fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        return Optional.of(new Embeddings.Refusal(name, "'" + name + "' is not supported by " + provider
            + " embeddings (supported: input, dimensions, encoding_format, user)"));
      }
    }
    return Optional.empty();
  }

  /**
   * OpenAI's reply: one {@code embedding} per vector in input order, as a JSON array of numbers or, with
   * {@code base64}, as OpenAI encodes it: the little-endian float32 bytes in standard base64.
   */
  public static Embeddings.Reply reply(List<float[]> vectors, String model, long promptTokens, boolean base64) {
    var body = JsonIo.write(g -> {
      g.writeStartObject();
      g.writeStringField("object", "list");
      g.writeArrayFieldStart("data");
      for (int i = 0; i < vectors.size(); i++) {
        g.writeStartObject();
        g.writeStringField("object", "embedding");
        g.writeNumberField("index", i);
        if (base64) {
          g.writeStringField("embedding", base64(vectors.get(i)));
        } else {
          g.writeArrayFieldStart("embedding");
          for (float f : vectors.get(i)) g.writeNumber(f);
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("model", model);
      g.writeObjectFieldStart("usage");
      g.writeNumberField("prompt_tokens", promptTokens);
      g.writeNumberField("total_tokens", promptTokens);
      g.writeEndObject();
      g.writeEndObject();
    });
    return new Embeddings.Reply(body, new Usage(promptTokens, 0));
  }

  /** The vector as OpenAI's {@code encoding_format: "base64"} sends it. */
  public static String base64(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : vector) bytes.putFloat(f);
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  /** A JSON array of numbers as floats; anything else is an unreadable reply. */
  public static float[] floats(JsonNode values) {
    if (values == null || !values.isArray() || values.isEmpty()) {
      throw new IllegalArgumentException("embedding is not a non-empty array of numbers");
    }
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      if (!values.get(i).isNumber()) throw new IllegalArgumentException("embedding value " + i + " is not a number");
      out[i] = values.get(i).floatValue();
    }
    return out;
  }
}
