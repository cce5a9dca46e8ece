package ai.archon.gateway.resilience;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.TokenEstimate;
import ai.archon.gateway.observe.GenAiSpans;
import ai.archon.gateway.provider.Embeddings;
import ai.archon.gateway.provider.Forwarding;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link ChatProvider} whose every call, pass-through and embeddings included, goes through its provider's
 * {@link Guard}.
 */
public final class GuardedProvider implements ChatProvider {
  private final ChatProvider delegate;
  private final Guard guard;
  private final Optional<Forwarding> forwarding;
  private final Optional<Embeddings> embeddings;

  public GuardedProvider(ChatProvider delegate, Guard guard) {
    this.delegate = delegate;
    this.guard = guard;
    this.forwarding = delegate.forwarding().map(f -> new GuardedForwarding(f, guard));
    this.embeddings = delegate.embeddings().map(e -> new GuardedEmbeddings(e, guard));
  }

  @Override
  public Optional<Forwarding> forwarding() { return forwarding; }

  @Override
  public Optional<Embeddings> embeddings() { return embeddings; }

  @Override
  public String name() { return delegate.name(); }

  @Override
  public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
    return guard.call(request.model(), ctx, TokenEstimate.of(request), null,
        (c, sink) -> GenAiSpans.chat(c.trace(), request, delegate.complete(request, c)), GuardedProvider::usedTokens);
  }

  @Override
  public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
    return guard.call(request.model(), ctx, TokenEstimate.of(request), onDelta,
        (c, sink) -> GenAiSpans.chat(c.trace(), request, delegate.stream(request, c, sink)),
        GuardedProvider::usedTokens);
  }

  private static long usedTokens(ChatResult r) {
    long total = r.usage().totalTokens();
    return total > 0 ? total : -1;
  }
}
