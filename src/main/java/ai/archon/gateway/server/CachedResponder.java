package ai.archon.gateway.server;

import ai.archon.gateway.pipeline.Pipeline;
import ai.archon.gateway.pipeline.PipelineResult;
import ai.archon.gateway.pipeline.RunContext;
import ai.archon.gateway.scale.CachedAnswer;
import ai.archon.gateway.scale.ExactCache;

/**
 * Answers a cacheable ensemble request: from the cache when the same request was answered before
 * ({@code x-archon-cache: hit}, no upstream call, streamed like a fresh answer), else by running the pipeline and
 * keeping its answer ({@code x-archon-cache: miss}).
 */
record CachedResponder(EnsembleResponder ensembles, ExactCache cache) {

  /** The cache key for this request, or null when it must not use the cache (see {@link ExactCache#keyFor}). */
  String keyFor(Pipeline pipeline, ChatExchange ex) {
    // The key covers message texts only: tools, formats, images and tool-call turns would collide, so they bypass.
    if (!cacheable(ex.chat())) return null;
    return cache.keyFor(pipeline.spec(), ex.chat(), ex.header(ExactCache.HEADER), ex.clientIdentity());
  }

  static boolean cacheable(ai.archon.gateway.model.ParsedChat chat) {
    if (!chat.overrides().output().isPlainText()) return false;
    return chat.messages().stream().noneMatch(m -> m.hasMedia() || m.hasToolCalls() || m.toolCallId() != null);
  }

  void respond(ChatExchange ex, Pipeline pipeline, RunContext run, String key) {
    cache.get(key, pipeline.spec(), ex.chat().model()).onComplete(ar -> {
      CachedAnswer hit = ar.succeeded() ? ar.result() : null;
      if (ex.response().closed()) return;
      if (hit != null) {
        ex.response().putHeader(ExactCache.HEADER, "hit");
        // A replay makes no upstream call: it costs nothing (its tokens are the original run's).
        ensembles.respond(ex, EnsembleAnswer.replay(new PipelineResult(hit.answers(),
            hit.usage().withCost(0.0), 0, null, false)));
        return;
      }
      ex.response().putHeader(ExactCache.HEADER, "miss");
      // A degraded answer (some components skipped) is not the architecture's answer: never keep it.
      ensembles.respond(ex, EnsembleAnswer.fresh(pipeline, run, false).then(r -> {
        if (!run.degraded()) cache.put(key, pipeline.spec(), r);
      }));
    });
  }
}
