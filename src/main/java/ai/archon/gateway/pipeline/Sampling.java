package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.model.ChatResult;
import ai.archon.gateway.model.Relay;
import java.util.ArrayList;
import io.vertx.core.Future;
import java.util.List;

/** Collects the samples of a generator or fuser: the ones that succeeded, in sample order. */
final class Sampling {
  private Sampling() { }

  /**
   * Draws {@code spec.samples()} answers to one prompt, all calls at once. With a {@code relay} (the final component
   * of a streaming request) the first sample's tokens go there, so the one answer the client sees arrives as it is
   * written.
   */
  static Future<List<String>> sample(ComponentSpec spec, CallOptions options, RunContext run, ComponentTrace trace,
      Relay relay) {
    List<Future<ChatResult>> samples = new ArrayList<>(spec.samples());
    for (int i = 0; i < spec.samples(); i++) {
      samples.add(i == 0 && relay != null ? run.stream(spec, options, trace, relay) : run.call(spec, options, trace));
    }
    return collect(samples, trace);
  }

  /** The component's output limit; in the final layer the client's {@code max_tokens} caps it too. */
  static Integer maxTokens(ComponentSpec spec, RunContext run, boolean finalLayer) {
    return finalLayer ? min(spec.maxTokens(), run.overrides().maxTokens()) : spec.maxTokens();
  }

  /** Waits for every sample; fails only when none succeeded (with the first failure), marks partial failures. */
  static Future<List<String>> collect(List<Future<ChatResult>> samples, ComponentTrace trace) {
    return Future.join(samples).transform(done -> {
      List<String> texts = samples.stream().filter(Future::succeeded).map(f -> f.result().text()).toList();
      if (texts.isEmpty()) {
        trace.degrade("failed", "all " + samples.size() + " calls failed");
        return Future.failedFuture(samples.get(0).cause());
      }
      if (texts.size() < samples.size()) {
        trace.degrade("partial", (samples.size() - texts.size()) + " of " + samples.size() + " calls failed");
      }
      return Future.succeededFuture(texts);
    });
  }

  /** The smaller of two optional limits. */
  static Integer min(Integer a, Integer b) {
    if (a == null) return b;
    if (b == null) return a;
    return Math.min(a, b);
  }
}
