package ai.archon.gateway.resilience;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code max} calls in flight to one provider; the others queue (first come, first served) for up to their
 * wait budget on a Vert.x timer, never parking a thread. Shared by every event loop, so it locks; waiters are woken
 * on their own context.
 */
final class ConcurrencyGate {
  private final Vertx vertx;
  private final String provider;
  private final int max;
  private final Deque<Waiter> queue = new ArrayDeque<>(); // guarded by this
  private int inFlight; // guarded by this

  ConcurrencyGate(Vertx vertx, String provider, int max) {
    this.vertx = vertx;
    this.provider = provider;
    this.max = max;
  }

  /** Takes a slot if one is free now (call {@link #release()} once done); false when the caller would have to queue. */
  synchronized boolean tryAcquire() {
    if (inFlight >= max) return false;
    inFlight++;
    return true;
  }

  /** Completes when a slot is ours (call {@link #release()} once done), or fails after {@code maxWaitMs}. */
  Future<Void> acquire(long maxWaitMs) {
    Waiter w;
    synchronized (this) {
      if (tryAcquire()) return Future.succeededFuture();
      if (maxWaitMs <= 0) return Future.failedFuture(rejected(0));
      w = new Waiter(vertx.getOrCreateContext());
      queue.addLast(w);
    }
    w.timer = vertx.setTimer(maxWaitMs, id -> {
      boolean mine;
      synchronized (this) {
        mine = queue.remove(w);
      }
      if (mine) w.promise.tryFail(rejected(maxWaitMs));
    });
    return w.promise.future();
  }

  void release() {
    Waiter next;
    synchronized (this) {
      next = queue.pollFirst();
      if (next == null) {
        inFlight--;
        return;
      }
    }
    // The slot passes straight to the next waiter, so inFlight stays as it is.
    vertx.cancelTimer(next.timer);
    next.context.runOnContext(v -> next.promise.tryComplete());
  }

  synchronized int inFlight() { return inFlight; }

  synchronized int queued() { return queue.size(); }

  int max() { return max; }

  private RateLimitedException rejected(long waitedMs) {
    return new RateLimitedException("provider", provider, 1000, "provider " + provider + " has " + max
        + " calls in flight (max_concurrency); waited " + waitedMs + " ms (max_queue_ms) for a slot");
  }

  private static final class Waiter {
    final Context context;
    final Promise<Void> promise = Promise.promise();
    volatile long timer;

    Waiter(Context context) {
      this.context = context;
    }
  }
}
