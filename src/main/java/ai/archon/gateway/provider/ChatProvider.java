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

  /**
   * Whether this adapter can send the client's function tools and map tool calls back. An ensemble whose generator
   * or fuser runs on an adapter that cannot is refused with a 400 naming the component, rather than its tools being
   * dropped.
   */
  default boolean takesTools() {
    return true;
  }

  /**
   * Pass-through of a client's OpenAI body, when this protocol can take it as is (OpenAI-compatible servers): an
   * adapter that is {@link Forwarding} itself offers that; a wrapper says what it wraps.
   */
  default Optional<Forwarding> forwarding() {
    return this instanceof Forwarding f ? Optional.of(f) : Optional.empty();
  }

  /**
   * {@code POST /v1/embeddings} for this protocol, when it has an embeddings API (Anthropic has none): an adapter that
   * is {@link Embeddings} itself offers that; a wrapper says what it wraps.
   */
  default Optional<Embeddings> embeddings() {
    return this instanceof Embeddings e ? Optional.of(e) : Optional.empty();
  }
}
