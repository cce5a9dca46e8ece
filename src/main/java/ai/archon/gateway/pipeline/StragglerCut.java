package ai.archon.gateway.pipeline;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * When a layer is done waiting: all its components have finished, or its share of the remaining deadline
 * ({@code cutMs} after its start) is spent and the ones that succeeded already yield its {@code needed} candidates.
 * A hung generator then costs the layer its share, not the whole request: the later layers (the fuser) still run
 * and the answer is degraded instead of a 504. Runs on the request's event loop.
 */
final class StragglerCut {
  private StragglerCut() { }

  static Future<?> settled(List<Future<PipelineState>> runs, int needed, long cutMs) {
    Future<?> all = Future.join(runs);
    Context context = Vertx.currentContext();
    if (cutMs < 0 || context == null || runs.size() < 2) return all;
    Promise<Void> cut = Promise.promise();
    all.onComplete(ar -> cut.tryComplete());
    long timer = context.owner().setTimer(Math.max(1, cutMs), id -> {
      if (enough(runs, needed)) {
        cut.tryComplete();
        return;
      }
      // Not enough yet: cut as soon as the next success makes it enough.
      runs.forEach(r -> r.onSuccess(v -> {
        if (enough(runs, needed)) cut.tryComplete();
      }));
    });
    all.onComplete(ar -> context.owner().cancelTimer(timer));
    return cut.future();
  }

  private static boolean enough(List<Future<PipelineState>> runs, int needed) {
    int candidates = 0;
    for (Future<PipelineState> r : runs) if (r.succeeded()) candidates += r.result().size();
    return candidates >= needed && candidates > 0;
  }
}
