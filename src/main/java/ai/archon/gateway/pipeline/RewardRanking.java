package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.provider.Reranker;
import io.vertx.core.Future;
import java.util.List;

/**
 * A ranker backed by a rerank API instead of an LLM (Archon's PairRM reward model): one call scores every candidate
 * against the latest user query and the best {@code top_k} are kept, critiques moving with them. A failed call keeps
 * the input order, like an LLM ranker's.
 */
final class RewardRanking {
  private RewardRanking() { }

  static Future<PipelineState> rank(Reranker provider, ComponentSpec spec, PipelineState in, int topK,
      RunContext run, ComponentTrace trace) {
    String query = latestUserText(run.conversation());
    return run.countCall(trace, () -> provider.rerank(spec.model(), query, in.candidates(), topK, run.callContext(trace)))
        .transform(ar -> {
          if (ar.failed()) {
            trace.degrade("failed", "rerank call failed; kept the input order");
            return Future.succeededFuture(in.limit(topK));
          }
          List<Integer> order = ar.result().stream().map(Reranker.Score::index).toList();
          return Future.succeededFuture(in.select(order).limit(topK));
        });
  }

  static String latestUserText(List<Message> conversation) {
    for (int i = conversation.size() - 1; i >= 0; i--) {
      if ("user".equals(conversation.get(i).role())) return conversation.get(i).content();
    }
    return "";
  }
}
