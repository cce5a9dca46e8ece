package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Purpose;
import io.vertx.core.Future;

/** Samples the conversation {@code samples} times, all calls at once; the answers become new candidates. */
final class Generator implements Component {
  private static final Purpose PURPOSE = new Purpose(Purpose.GENERATOR, 0);
  private final ComponentSpec spec;
  private final boolean finalLayer;

  Generator(ComponentSpec spec, boolean finalLayer) {
    this.spec = spec;
    this.finalLayer = finalLayer;
  }

  @Override
  public ComponentSpec spec() { return spec; }

  @Override
  public boolean producesCandidates() { return true; }

  @Override
  public Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace) {
    Double temperature = run.overrides().temperature() != null ? run.overrides().temperature() : spec.temperature();
    var conversation = CheckPrompts.withUnitTests(run.conversation(), in.testsForPrompt());
    return Sampling.sample(spec, conversation, PURPOSE, temperature, Sampling.maxTokens(spec, run, finalLayer),
        finalLayer, run, trace).map(in::withCandidates);
  }
}
