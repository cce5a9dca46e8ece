package ai.archon.gateway.resilience;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.model.ChatRequest;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Message;
import io.vertx.core.Future;
import java.util.function.Consumer;

/** A {@link ChatProvider} whose every call goes through its provider's {@link Guard}. */
public final class GuardedProvider implements ChatProvider {
  private final ChatProvider delegate;
  private final Guard guard;

  public GuardedProvider(ChatProvider delegate, Guard guard) {
    this.delegate = delegate;
    this.guard = guard;
  }

  @Override
  public String name() { return delegate.name(); }

  @Override
  public Future<ChatResult> complete(ChatRequest request, CallContext ctx) {
    return guard.call(request.model(), ctx, estimate(request), null, (c, sink) -> delegate.complete(request, c),
        GuardedProvider::usedTokens);
  }

  @Override
  public Future<ChatResult> stream(ChatRequest request, CallContext ctx, Consumer<String> onDelta) {
    return guard.call(request.model(), ctx, estimate(request), onDelta, (c, sink) -> delegate.stream(request, c, sink),
        GuardedProvider::usedTokens);
  }

  /** The tpm estimate: about four characters per prompt token, plus the output allowance. */
  public static long estimate(ChatRequest request) {
    long chars = 0;
    for (Message m : request.messages()) chars += m.content() == null ? 0 : m.content().length();
    return (chars + 3) / 4 + (request.maxTokens() == null ? 0 : request.maxTokens());
  }

  private static long usedTokens(ChatResult r) {
    long total = r.usage().totalTokens();
    return total > 0 ? total : -1;
  }
}
