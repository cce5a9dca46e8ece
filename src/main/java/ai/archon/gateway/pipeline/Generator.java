package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Purpose;
import ai.archon.gateway.model.Relay;
import io.vertx.core.Future;

/** Samples the conversation {@code samples} times, all calls at once; the answers become new candidates. */
record Generator(ComponentSpec spec, boolean finalLayer) implements CandidateWriter {
  private static final Purpose PURPOSE = new Purpose(Purpose.GENERATOR, 0);

  @Override
  public Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace, Relay relay) {
    Double temperature = run.overrides().temperature() != null ? run.overrides().temperature() : spec.temperature();
    var conversation = CheckPrompts.withUnitTests(run.conversation(), in.testsForPrompt());
    CallOptions options = new CallOptions(conversation, PURPOSE, temperature, Sampling.maxTokens(spec, run, finalLayer),
        finalLayer, run.outputFor(finalLayer));
    return Sampling.sample(spec, options, run, trace, relay).map(in::withAnswers);
  }
}
