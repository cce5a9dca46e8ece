package ai.archon.gateway.resilience;

import ai.archon.gateway.model.CallContext;
import ai.archon.gateway.observe.GenAiSpans;
import ai.archon.gateway.provider.Reranker;
import io.vertx.core.Future;
import java.util.List;

/** A rerank provider whose every call goes through its provider's {@link Guard} (limits, breaker, retries). */
record GuardedReranker(Reranker delegate, Guard guard) implements Reranker {

  @Override
  public Future<List<Score>> rerank(String model, String query, List<String> documents, int topN, CallContext ctx) {
    // The tpm estimate: the query is scored against every document, so all of their text counts.
    long tokens = (query.length() + documents.stream().mapToLong(String::length).sum()) / 4 + 1;
    return guard.call(model, ctx, tokens, null,
        (attempt, sink) -> {
          GenAiSpans.operation(attempt.trace(), "rerank", model);
          return delegate.rerank(model, query, documents, topN, attempt);
        }, scores -> -1L);
  }
}
