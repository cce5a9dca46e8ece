package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Purpose;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Scores each candidate, concurrently, by how many of the query's unit tests it passes (one call per candidate that
 * judges every test), then sorts by that score, ties keeping generation order, and keeps {@code top_k}. Each score
 * stays with its candidate's index, so a failed or unreadable evaluation only puts that candidate last (after every
 * evaluated one) instead of shifting later scores. With {@code first_k} it returns as soon as the first
 * {@code first_k} candidates evaluated in order pass every test. {@code remove_unit_tests_from_prompt} hides the tests
 * from later generators and fusers.
 */
record UnitTestEvaluator(ComponentSpec spec, UnitTestEvaluatorOptions options) implements Component {
  static final String ROLE = Purpose.UNIT_TEST_EVALUATOR;
  private static final Integer NOT_EVALUATED = -1;

  UnitTestEvaluator(ComponentSpec spec) {
    this(spec, spec.options(UnitTestEvaluatorOptions.class));
  }

  @Override
  public Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace) {
    PipelineState state = options.removeUnitTestsFromPrompt() && in.unitTests() != null
        ? in.withUnitTests(in.unitTests().hiddenFromPrompt()) : in;
    int topK = options.topK() == null ? state.size() : Math.min(options.topK(), state.size());
    List<String> tests = in.unitTests() == null ? List.of() : in.unitTests().tests();
    if (tests.isEmpty()) {
      trace.degrade("skipped", "no unit tests to evaluate against; kept the input order");
      return Future.succeededFuture(state.limit(topK));
    }
    Purpose purpose = new Purpose(ROLE, tests.size());
    Integer firstK = options.firstK();
    return Judgements.run(state.size(), (i, decided) -> run.call(spec,
                CheckPrompts.unitTestEvaluator(run.conversation(), state.candidates().get(i), tests), purpose, trace)
            .map(r -> UnitTestVerdictParser.parse(r.text(), tests.size())
                .map(UnitTestVerdictParser::passed).orElse(NOT_EVALUATED)),
            NOT_EVALUATED,
            scores -> firstK != null && Judgements.prefixHas(scores, firstK, s -> s == tests.size()))
        .map(scores -> select(state, scores, tests.size(), topK, trace));
  }

  private PipelineState select(PipelineState state, List<Integer> scores, int tests, int topK, ComponentTrace trace) {
    List<Integer> evaluated = new ArrayList<>();
    List<Integer> notEvaluated = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      if (scores.get(i) == null || scores.get(i) < 0) notEvaluated.add(i);
      else evaluated.add(i);
    }
    Integer firstK = options.firstK();
    List<Integer> order;
    if (firstK != null && Judgements.prefixHas(scores, firstK, s -> s == tests)) {
      order = evaluated.stream().filter(i -> scores.get(i) == tests).limit(firstK).collect(Collectors.toList());
      trace.note("stopped early: the first " + firstK + " candidates to pass all " + tests + " tests");
    } else {
      // A stable sort: equal scores keep generation order (Archon broke ties by reverse string order).
      order = new ArrayList<>(evaluated);
      order.sort(Comparator.comparingInt((Integer i) -> -scores.get(i)));
      if (evaluated.isEmpty()) {
        trace.degrade("failed", "no candidate could be evaluated; kept the input order");
      } else if (!notEvaluated.isEmpty()) {
        trace.degrade("partial", notEvaluated.size() + " of " + scores.size()
            + " candidates could not be evaluated; ranked after the others");
      }
      order.addAll(notEvaluated);
      trace.note(scoreNote(order, scores, tests));
    }
    return state.select(order).limit(topK);
  }

  private static String scoreNote(List<Integer> order, List<Integer> scores, int tests) {
    StringBuilder sb = new StringBuilder("tests passed per candidate (best first):");
    int shown = 0;
    for (int i : order) {
      if (shown++ == 10) {
        sb.append(" …");
        break;
      }
      Integer s = scores.get(i);
      sb.append(" [").append(i + 1).append("] ").append(s == null || s < 0 ? "n/a" : s + "/" + tests);
    }
    return sb.toString();
  }
}
