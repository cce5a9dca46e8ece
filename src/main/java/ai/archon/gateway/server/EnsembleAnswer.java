package ai.archon.gateway.server;

import ai.archon.gateway.pipeline.Pipeline;
import ai.archon.gateway.pipeline.PipelineResult;
import ai.archon.gateway.pipeline.RunContext;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * Where an ensemble answer comes from: a fresh run of a pipeline (its run context says whether it was degraded; a
 * traced run returns its per-layer trace) or a cached answer replayed (its usage marked {@code "cached": true}).
 */
record EnsembleAnswer(Source source, RunContext run, boolean trace, boolean cached) {

  /** Produces the answer; {@code relay} takes the final component's tokens as they arrive, or is null. */
  @FunctionalInterface
  interface Source {
    Future<PipelineResult> answer(Consumer<String> relay);
  }

  static EnsembleAnswer fresh(Pipeline pipeline, RunContext run, boolean trace) {
    return new EnsembleAnswer(relay -> pipeline.run(run, relay), run, trace, false);
  }

  static EnsembleAnswer replay(PipelineResult cached) {
    return new EnsembleAnswer(relay -> Future.succeededFuture(cached), null, false, true);
  }

  /** This answer, with {@code onAnswer} given the result when the run succeeds (before it is sent). */
  EnsembleAnswer then(Consumer<PipelineResult> onAnswer) {
    Source first = source;
    return new EnsembleAnswer(relay -> first.answer(relay).onSuccess(onAnswer::accept), run, trace, cached);
  }

  /** True when the answer was built from fewer components than configured (never for a replay). */
  boolean degraded() {
    return run != null && run.degraded();
  }
}
