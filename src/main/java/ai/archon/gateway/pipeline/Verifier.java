package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Purpose;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Verifies each candidate concurrently with two calls: reasoning about whether it answers the query correctly and
 * completely, then a verdict ending in {@code [Correct]} or {@code [Incorrect]} (asked once more when unreadable).
 * Keeps the candidates judged correct, in their order, with the reasoning as their critiques; with {@code first_k}
 * it stops once the first {@code first_k} candidates judged in order are correct. If none is correct it keeps every
 * candidate that was judged (the trace says so); if none could be judged it passes its input on.
 */
final class Verifier implements Component {
  static final Purpose REASONING = new Purpose(Purpose.VERIFIER_REASONING, 1);
  static final Purpose VERDICT = new Purpose(Purpose.VERIFIER, 1);
  private final ComponentSpec spec;
  private final VerifierOptions options;

  Verifier(ComponentSpec spec) {
    this.spec = spec;
    this.options = spec.options(VerifierOptions.class);
  }

  /** One candidate's outcome: judged or not, and if judged, correct or not with the reasoning. */
  record Judgement(boolean judged, boolean correct, String reasoning) {
    static final Judgement NOT_JUDGED = new Judgement(false, false, null);
  }

  @Override
  public ComponentSpec spec() { return spec; }

  @Override
  public Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace) {
    Integer firstK = options.firstK();
    return Judgements.run(in.size(), (i, decided) -> judge(in.candidates().get(i), run, trace, decided),
            Judgement.NOT_JUDGED,
            results -> firstK != null && Judgements.prefixHas(results, firstK, Judgement::correct))
        .map(results -> keep(in, results, trace));
  }

  private Future<Judgement> judge(String candidate, RunContext run, ComponentTrace trace, BooleanSupplier decided) {
    var reasoningPrompt = CheckPrompts.verifierReasoning(run.conversation(), candidate);
    return run.call(spec, reasoningPrompt, REASONING, trace)
        .compose(r -> decided.getAsBoolean() ? Future.succeededFuture(Judgement.NOT_JUDGED)
            : verdict(CheckPrompts.verifierVerdict(run.conversation(), candidate, r.text()), r.text(), run, trace, 2));
  }

  private Future<Judgement> verdict(List<ai.archon.gateway.model.Message> prompt, String reasoning, RunContext run,
      ComponentTrace trace, int triesLeft) {
    return run.call(spec, prompt, VERDICT, trace)
        .compose(r -> {
          Optional<Boolean> v = VerdictParser.parse(r.text());
          if (v.isPresent()) return Future.succeededFuture(new Judgement(true, v.get(), reasoning.strip()));
          if (triesLeft > 1) return verdict(prompt, reasoning, run, trace, triesLeft - 1);
          return Future.succeededFuture(Judgement.NOT_JUDGED);
        });
  }

  private PipelineState keep(PipelineState in, List<Judgement> results, ComponentTrace trace) {
    List<Integer> correct = new ArrayList<>();
    List<Integer> judged = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      Judgement j = results.get(i);
      if (j == null || !j.judged()) continue;
      judged.add(i);
      if (j.correct()) correct.add(i);
    }
    Integer firstK = options.firstK();
    if (firstK != null && correct.size() > firstK) correct = correct.subList(0, firstK);
    List<Integer> kept = correct;
    if (correct.isEmpty()) {
      if (judged.isEmpty()) {
        trace.degrade("failed", "no candidate could be verified; candidates passed on unverified");
        return in;
      }
      trace.degrade("none_correct", "no candidate was judged correct; kept all " + judged.size() + " judged");
      kept = judged;
    } else if (judged.size() < in.size() && firstK == null) {
      trace.degrade("partial", (in.size() - judged.size()) + " of " + in.size() + " candidates could not be verified");
    }
    for (int i : kept) reasons.add(results.get(i).reasoning());
    return in.select(kept).withCritiques(reasons);
  }
}
