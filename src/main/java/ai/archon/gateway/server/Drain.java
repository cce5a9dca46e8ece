package ai.archon.gateway.server;

import ai.archon.gateway.api.ApiException;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown state shared by every verticle: counts requests in flight (streams until their last byte) and,
 * once draining, turns {@code /ready} to 503 and refuses new API requests with 503 {@code shutting_down} while the
 * ones in flight finish. Probes and {@code /metrics} still answer.
 */
public final class Drain {
  private final AtomicInteger inFlight = new AtomicInteger();
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
    ctx.addEndHandler(ar -> inFlight.decrementAndGet());
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
      if (n == 0 || System.nanoTime() >= deadline) {
        vertx.cancelTimer(id);
        done.tryComplete(n);
      }
    });
    return done.future();
  }
}
