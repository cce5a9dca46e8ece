package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.Usage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;

/**
 * The embeddings capability ({@code POST /v1/embeddings} on a {@code <model_type>/<model>} pass-through model), offered
 * by the adapters whose protocol has an embeddings API ({@link ChatProvider#embeddings()}): OpenAI-compatible servers
 * take the client's body as is, Gemini and Bedrock get it translated. Either way the reply is OpenAI's list shape.
 */
public interface Embeddings {

  /**
   * One embeddings request, read and checked by the server: {@code body} is the client's tree (forwarded by
   * OpenAI-compatible adapters with only {@code model} replaced), {@code model} the upstream model without its
   * {@code <model_type>/} prefix, {@code texts} the inputs (null when the client sent token ids), {@code batch} true
   * when {@code input} was an array, {@code format} how the vectors are to come back, {@code tokens} the rate-limit
   * estimate.
   */
  record Request(ObjectNode body, String model, List<String> texts, boolean batch, Format format, long tokens) {

    /** The client's {@code dimensions} (or null), and whether it asked for {@code encoding_format: "base64"}. */
    public record Format(Integer dimensions, boolean base64) { }

    public Integer dimensions() {
      return format.dimensions();
    }

    public boolean base64() {
      return format.base64();
    }

    /** About the client's body size (the estimate counts a token per four bytes): how much writing it costs. */
    public long bytes() {
      return tokens * 4;
    }

    /** True when {@code input} holds token ids instead of text (only OpenAI-compatible servers read those). */
    public boolean tokenInput() {
      return texts == null;
    }
  }

  /** An OpenAI embeddings reply ({@code {"object": "list", "data": [...], "model", "usage"}}) and its token usage. */
  record Reply(Buffer body, Usage usage) { }

  /** Why this protocol cannot take a request: the offending request field and a message naming the provider. */
  record Refusal(String param, String message) { }

  /** A field this protocol cannot honour, checked before any upstream call (empty when it takes the request). */
  default Optional<Refusal> refusal(Request request) {
    return Optional.empty();
  }

  /** One call (a Bedrock model that embeds one text per call makes one per input); never throws synchronously. */
  Future<Reply> embed(Request request, CallContext ctx);
}
