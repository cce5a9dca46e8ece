package ai.archon.gateway.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * How bench (and its judge) try a failed call again: after {@code retryDelayMs}, doubling, up to {@code attempts}
 * tries in all, each retry counted in {@code stats}. One policy, so answering and judging back off alike.
 */
public record Retries(Vertx vertx, int attempts, long retryDelayMs, RunStats stats) {

  /** The first successful result of {@code call}, or its last failure. */
  public <T> Future<T> run(Supplier<Future<T>> call) {
    return attempt(call, 1);
  }

  private <T> Future<T> attempt(Supplier<Future<T>> call, int n) {
    return call.get().transform(ar -> {
      if (ar.succeeded()) return Future.succeededFuture(ar.result());
      if (n >= attempts) return Future.failedFuture(ar.cause());
      stats.retried();
      return vertx.timer(Math.max(1, retryDelayMs << (n - 1))).compose(t -> attempt(call, n + 1));
    });
  }
}
