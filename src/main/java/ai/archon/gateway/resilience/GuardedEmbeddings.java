package ai.archon.gateway.resilience;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.observe.GenAiSpans;
import ai.archon.gateway.provider.Embeddings;
import io.vertx.core.Future;
import java.util.Optional;

/** Embeddings calls behind their provider's {@link Guard}, like every chat call to it (limits, breaker, retries). */
record GuardedEmbeddings(Embeddings delegate, Guard guard) implements Embeddings {

  @Override
  public Optional<Refusal> refusal(Request request) {
    return delegate.refusal(request);
  }

  /** The tpm reservation settles on the reply's prompt tokens when the provider counts them. */
  @Override
  public Future<Reply> embed(Request request, CallContext ctx) {
    return guard.call(request.model(), ctx, request.tokens(), null, (c, sink) -> {
      GenAiSpans.operation(c.trace(), "embeddings", request.model());
      return delegate.embed(request, c).andThen(ar -> {
        if (ar.succeeded()) GenAiSpans.inputTokens(c.trace(), ar.result().usage().promptTokens());
      });
    }, reply -> reply.usage().totalTokens() > 0 ? reply.usage().totalTokens() : -1L);
  }
}
