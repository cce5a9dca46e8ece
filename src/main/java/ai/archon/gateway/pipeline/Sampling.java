package ai.archon.gateway.pipeline;

import ai.archon.gateway.provider.ChatResult;
import io.vertx.core.Future;
import java.util.List;

/** Collects the samples of a generator or fuser: the ones that succeeded, in sample order. */
final class Sampling {
  private Sampling() { }

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
