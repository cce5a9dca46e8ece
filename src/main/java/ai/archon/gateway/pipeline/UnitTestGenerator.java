package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Purpose;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Writes {@code unit_test_cap} (default {@value CheckPrompts#DEFAULT_UNIT_TESTS}) unit tests for the query in one call
 * (asked once more when the reply holds no list) and adds them to the pipeline state, candidates untouched. If no
 * usable list comes back the run goes on without tests rather than failing.
 */
record UnitTestGenerator(ComponentSpec spec, UnitTestGeneratorOptions options) implements Component {
  static final String ROLE = Purpose.UNIT_TEST_GENERATOR;

  UnitTestGenerator(ComponentSpec spec) {
    this(spec, spec.options(UnitTestGeneratorOptions.class));
  }

  @Override
  public Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace) {
    int count = options.unitTestCap() == null ? CheckPrompts.DEFAULT_UNIT_TESTS : options.unitTestCap();
    var messages = CheckPrompts.unitTestGenerator(run.conversation(), count);
    return attempt(messages, count, run, trace, 2).map(tests -> {
      if (tests.isEmpty()) return in.withUnitTests(UnitTests.NONE);
      return in.withUnitTests(new UnitTests(tests, true));
    });
  }

  private Future<List<String>> attempt(List<ai.archon.gateway.model.Message> messages, int count, RunContext run,
      ComponentTrace trace, int triesLeft) {
    return run.call(spec, messages, new Purpose(ROLE, 0, count), trace)
        .transform(ar -> {
          if (ar.failed()) {
            trace.degrade("failed", "unit test generation failed; later layers run without unit tests");
            return Future.succeededFuture(List.of());
          }
          Optional<List<String>> tests = UnitTestParser.parse(ar.result().text(), count);
          if (tests.isPresent()) return Future.succeededFuture(tests.get());
          if (triesLeft > 1) return attempt(messages, count, run, trace, triesLeft - 1);
          trace.degrade("unparsed", "reply held no list of unit tests (asked twice); later layers run without them");
          return Future.succeededFuture(List.of());
        });
  }
}
