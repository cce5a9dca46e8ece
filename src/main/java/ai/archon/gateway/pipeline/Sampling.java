package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Message;
import ai.archon.gateway.model.Relay;
import java.util.ArrayList;
import io.vertx.core.Future;
import java.util.List;

/** Collects the samples of a generator or fuser: the ones that succeeded, in sample order. */
final class Sampling {
  private Sampling() { }

  /**
   * Draws {@code spec.samples()} answers to one prompt, all calls at once (in the final layer at least the client's
   * {@code n}, so that the reply has its n choices). With a {@code relay} (the final component of a streaming
   * request) the first sample's tokens go there, so the one answer the client sees arrives as it is written. A
   * final-layer answer that misses the client's tool choice, tool schema or response format is asked for once more
   * with what was wrong (see {@link OutputCheck}); the pipeline checks the answer it returns.
   */
  static Future<List<ChatResult>> sample(ComponentSpec spec, CallOptions options, RunContext run, ComponentTrace trace,
      Relay relay) {
    int count = options.finalLayer() ? Math.max(spec.samples(), run.choices()) : spec.samples();
    List<Future<ChatResult>> samples = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Future<ChatResult> f = i == 0 && relay != null ? run.stream(spec, options, trace, relay) : run.call(spec, options, trace);
      samples.add(options.finalLayer() && !options.output().isPlainText() ? checked(f, spec, options, run, trace) : f);
    }
    return collect(samples, trace);
  }

  /** The answer, or when it has a problem, the answer to one more ask that shows the model its reply and the problem. */
  private static Future<ChatResult> checked(Future<ChatResult> answer, ComponentSpec spec, CallOptions options,
      RunContext run, ComponentTrace trace) {
    return answer.compose(r -> {
      OutputCheck.Problem p = OutputCheck.problem(r, options.output(), true);
      if (p == null) return Future.succeededFuture(r);
      trace.note("asked again: " + p.message());
      List<Message> again = new ArrayList<>(options.messages());
      // The rejected reply goes back as text: an assistant turn with tool calls would need tool results after it.
      again.add(Message.assistant(Candidates.render(r)));
      again.add(Message.user("Your reply was rejected: " + p.message() + ". Reply again to the conversation above, "
          + "this time in the required form."));
      return run.call(spec, options.withMessages(again), trace);
    });
  }

  /** The component's output limit; in the final layer the client's {@code max_tokens} caps it too. */
  static Integer maxTokens(ComponentSpec spec, RunContext run, boolean finalLayer) {
    return finalLayer ? min(spec.maxTokens(), run.overrides().maxTokens()) : spec.maxTokens();
  }

  /** Waits for every sample; fails only when none succeeded (with the first failure), marks partial failures. */
  static Future<List<ChatResult>> collect(List<Future<ChatResult>> samples, ComponentTrace trace) {
    return Future.join(samples).transform(done -> {
      List<ChatResult> answers = new ArrayList<>(samples.size());
      for (Future<ChatResult> f : samples) if (f.succeeded()) answers.add(f.result());
      if (answers.isEmpty()) {
        trace.degrade("failed", "all " + samples.size() + " calls failed");
        return Future.failedFuture(samples.get(0).cause());
      }
      if (answers.size() < samples.size()) {
        trace.degrade("partial", (samples.size() - answers.size()) + " of " + samples.size() + " calls failed");
      }
      return Future.succeededFuture(answers);
    });
  }

  /** The smaller of two optional limits. */
  static Integer min(Integer a, Integer b) {
    if (a == null) return b;
    if (b == null) return a;
    return Math.min(a, b);
  }
}
