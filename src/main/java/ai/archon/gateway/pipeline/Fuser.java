package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.Purpose;
import ai.archon.gateway.model.Relay;
import io.vertx.core.Future;
import java.util.List;

/**
 * Fuses the numbered candidates (and their critiques) into {@code samples} new answers. With {@code length_control}
 * the prompt asks for no more words than the longest candidate and {@code max_tokens} holds it to about that.
 */
record Fuser(ComponentSpec spec, FuserOptions options, boolean finalLayer) implements CandidateWriter {

  Fuser(ComponentSpec spec, boolean finalLayer) {
    this(spec, spec.options(FuserOptions.class), finalLayer);
  }

  @Override
  public Future<PipelineState> apply(PipelineState in, RunContext run, ComponentTrace trace, Relay relay) {
    Integer maxWords = options.lengthControl() ? longestWords(in.candidates()) : null;
    Integer maxTokens = Sampling.maxTokens(spec, run, finalLayer);
    if (maxWords != null) maxTokens = Sampling.min(maxTokens, tokensFor(maxWords));
    var messages = Prompts.fuser(CheckPrompts.withUnitTests(run.conversation(), in.testsForPrompt()), in.candidates(), in.critiques(), maxWords);
    Purpose purpose = new Purpose(Purpose.FUSER, in.size(), maxWords == null ? 0 : maxWords);
    CallOptions call = new CallOptions(messages, purpose, spec.temperature(), maxTokens, finalLayer,
        run.outputFor(finalLayer));
    return Sampling.sample(spec, call, run, trace, relay).map(in::withAnswers);
  }

  static int longestWords(List<String> candidates) {
    int max = 1;
    for (String c : candidates) {
      String t = c.strip();
      max = Math.max(max, t.isEmpty() ? 0 : t.split("\\s+").length);
    }
    return max;
  }

  /** English averages about 1.3 tokens per word; the margin keeps the last sentence from being cut. */
  static int tokensFor(int words) {
    return (int) Math.ceil(words * 1.5) + 16;
  }
}
