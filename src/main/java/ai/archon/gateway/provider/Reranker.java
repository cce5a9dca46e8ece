package ai.archon.gateway.provider;

import ai.archon.gateway.model.CallContext;
import io.vertx.core.Future;
import java.util.List;

/** Scores documents against a query (a rerank API backing reward-model rankers). */
public interface Reranker {

  /** One scored document: its 0-based index in the request and its relevance. */
  record Score(int index, double relevance) { }

  /** Scores {@code documents} against {@code query}; the scores come back best first, at most {@code topN}. */
  Future<List<Score>> rerank(String model, String query, List<String> documents, int topN, CallContext ctx);
}
