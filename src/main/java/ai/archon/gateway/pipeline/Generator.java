package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.provider.ChatResult;
import ai.archon.gateway.provider.Purpose;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** Samples the conversation {@code samples} times, all calls at once; the answers become new candidates. */
final class Generator implements Component {
  private static final Purpose PURPOSE = new Purpose("generator", 0);
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
    Integer maxTokens = finalLayer ? Sampling.min(spec.maxTokens(), run.overrides().maxTokens()) : spec.maxTokens();
    var conversation = CheckPrompts.withUnitTests(run.conversation(), in.testsForPrompt());
    List<Future<ChatResult>> samples = new ArrayList<>(spec.samples());
    for (int i = 0; i < spec.samples(); i++) {
      samples.add(run.call(spec, conversation, PURPOSE, temperature, maxTokens, finalLayer, trace,
          i == 0 && finalLayer ? run.relay() : null));
    }
    return Sampling.collect(samples, trace).map(in::withCandidates);
  }
}
