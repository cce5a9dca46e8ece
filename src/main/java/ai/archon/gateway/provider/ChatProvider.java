package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.ChatRequest;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Consumer;

/** One wire protocol to a family of LLM providers. Implementations never block and never throw synchronously. */
public interface ChatProvider {

  /** The model_type this instance serves (for messages and metrics), e.g. {@code Anthropic_API}. */
  String name();

  /** One non-streaming call. */
  Future<ChatResult> complete(ChatRequest request, CallContext ctx);

  /**
   * One streaming call: {@code onDelta} receives text pieces as they arrive; the future completes with the whole
   * answer and usage when the upstream stream ends.
   */
  Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta);

  /** Pass-through of a client's OpenAI body, when this protocol can take it as is (OpenAI-compatible servers). */
  default Optional<Forwarding> forwarding() {
    return Optional.empty();
  }

  /** {@code POST /v1/embeddings} for this protocol, when it has an embeddings API (Anthropic has none). */
  default Optional<Embeddings> embeddings() {
    return Optional.empty();
  }
}
