package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown state shared by every verticle: counts requests in flight (streams until their last byte) and,
 * once draining, turns {@code /ready} to 503 and refuses new API requests with 503 {@code shutting_down} while the
 * ones in flight finish. Probes and {@code /metrics} still answer.
 */
public final class Drain {
  private final AtomicInteger inFlight = new AtomicInteger();
  /** The requests in flight with the context they run on, so a drain timeout can end each one properly. */
  private final Map<RoutingContext, Context> open = new ConcurrentHashMap<>();
  private volatile boolean draining;

  /** Router handler for every request: admit and count it, or refuse it while draining. */
  void admit(RoutingContext ctx) {
    if (draining && ctx.request().path().startsWith("/v1/")) {
      ctx.response().putHeader("connection", "close");
      ctx.fail(new ApiException(503, "server_error", "shutting_down", null,
          "the gateway is shutting down; retry on another instance"));
      return;
    }
    inFlight.incrementAndGet();
    open.put(ctx, Vertx.currentContext());
    ctx.addEndHandler(ar -> {
      open.remove(ctx);
      inFlight.decrementAndGet();
    });
    ctx.next();
  }

  public boolean draining() { return draining; }

  public int inFlight() { return inFlight.get(); }

  /**
   * Starts draining and completes with the number of requests still in flight when they all ended (0) or when
   * {@code timeoutMs} passed. Polls every 20 ms on a Vert.x timer: nothing blocks.
   */
  public Future<Integer> start(Vertx vertx, long timeoutMs) {
    draining = true;
    Promise<Integer> done = Promise.promise();
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    if (inFlight.get() == 0) {
      done.complete(0);
      return done.future();
    }
    vertx.setPeriodic(20, id -> {
      int n = inFlight.get();
      if (n == 0) {
        vertx.cancelTimer(id);
        done.tryComplete(0);
      } else if (System.nanoTime() >= deadline) {
        vertx.cancelTimer(id);
        cutAll(vertx).onComplete(v -> done.tryComplete(n));
      }
    });
    return done.future();
  }

  /**
   * The drain timeout: every request still in flight is ended on its own event loop, a stream with an in-band
   * error event naming the shutdown (and no {@code [DONE]}), anything else with a 503; the upstream calls are
   * cancelled. Waits (at most a second) for those ends to be written before the process closes its sockets.
   */
  private Future<Void> cutAll(Vertx vertx) {
    List<Future<Void>> ends = new ArrayList<>();
    open.forEach((ctx, context) -> {
      Promise<Void> ended = Promise.promise();
      ends.add(ended.future());
      context.runOnContext(v -> ShutdownCut.cut(ctx).onComplete(ended));
    });
    Promise<Void> all = Promise.promise();
    Future.join(ends).onComplete(ar -> all.tryComplete());
    vertx.setTimer(1000, t -> all.tryComplete());
    return all.future();
  }
}
