package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Purpose;
import ai.archon.gateway.provider.Reranker;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ranks the candidates in one call and keeps the best {@code top_k}, critiques moving with their candidates. An
 * unparseable ranking or a failed call keeps the input order (logged) so a judge's trouble never fails the request.
 */
record Ranker(ComponentSpec spec, RankerOptions options) implements Component {
  private static final Logger LOG = LoggerFactory.getLogger(Ranker.class);

  Ranker(ComponentSpec spec) {
    this(spec, spec.options(RankerOptions.class));
  }

  @Override
  public Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace) {
    int n = in.size();
    int topK = options.topK() == null ? n : Math.min(options.topK(), n);
    if (n <= 1) {
      trace.degrade("skipped", "one candidate: nothing to rank");
      return Future.succeededFuture(in);
    }
    Optional<Reranker> reranker = run.reranker(spec);
    if (reranker.isPresent()) return RewardRanking.rank(reranker.get(), spec, in, topK, run, trace);
    List<String> critiques = options.useCritiques() ? in.critiques() : null;
    var messages = Prompts.ranker(run.conversation(), in.candidates(), critiques, topK);
    return run.call(spec, messages, new Purpose(Purpose.RANKER, n), trace)
        .transform(ar -> {
          if (ar.failed()) {
            trace.degrade("failed", "ranker call failed; kept the input order");
            return Future.succeededFuture(in.limit(topK));
          }
          return Future.succeededFuture(RankingParser.parse(ar.result().text(), n, topK)
              .map(order -> in.select(order).limit(topK))
              .orElseGet(() -> {
                LOG.warn("[{}] ranker {} gave no usable ranking of {} candidates; kept the input order",
                    run.callContext().requestId(), spec.model(), n);
                trace.degrade("unparsed", "no usable ranking in the reply; kept the input order");
                return in.limit(topK);
              }));
        });
  }
}
