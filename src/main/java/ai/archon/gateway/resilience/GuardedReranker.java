package ai.archon.gateway.resilience;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.provider.RerankProvider;
import ai.archon.gateway.provider.Reranker;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/** A rerank provider whose every call goes through its provider's {@link Guard} (limits, breaker, retries). */
public final class GuardedReranker implements ChatProvider, Reranker {
  private final RerankProvider delegate;
  private final Guard guard;

  public GuardedReranker(RerankProvider delegate, Guard guard) {
    this.delegate = delegate;
    this.guard = guard;
  }

  @Override
  public String name() { return delegate.name(); }

  @Override
  public Future<List<Score>> rerank(String model, String query, List<String> documents, int topN, CallContext ctx) {
    // The tpm estimate: the query is scored against every document, so all of their text counts.
    long tokens = (query.length() + documents.stream().mapToLong(String::length).sum()) / 4 + 1;
    return guard.call(model, ctx, tokens, null,
        (attempt, sink) -> delegate.rerank(model, query, documents, topN, attempt), scores -> -1L);
  }

  /** A rerank provider cannot chat: fails as the adapter does, without spending a permit. */
  @Override
  public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
    return delegate.complete(request, ctx);
  }

  @Override
  public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
    return delegate.stream(request, ctx, onDelta);
  }
}
