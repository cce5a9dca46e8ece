package ai.archon.gateway.model;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts that almost never fire (request deadline, attempt timeout, silence watchdog), kept on one Netty
 * {@link HashedWheelTimer} for the whole process instead of Vert.x timers.
 *
 * <p>Why: every request arms and cancels three or four such timeouts. A Vert.x timer is a map entry plus a task in
 * the event loop's scheduled-task heap, added and removed each time; in pass-through profiles they cost about 4 % of
 * the gateway's CPU per request. A wheel timeout is an allocation and a queue offer, and cancelling it a flag and
 * another offer; the wheel's thread sorts them out once per tick. Netty made the wheel for exactly these I/O
 * timeouts. The price is precision: a timeout fires up to one tick ({@value #TICK_MS} ms) late.
 *
 * <p>The task runs on the Vert.x context that armed the timeout, so callers keep their single-threaded state.
 */
public final class CoarseTimer {
  /** Wheel resolution. */
  public static final long TICK_MS = 10;
  private static final HashedWheelTimer WHEEL = new HashedWheelTimer(
      new DefaultThreadFactory("archon-timeouts", true), TICK_MS, TimeUnit.MILLISECONDS, 1024);

  private CoarseTimer() { }

  /** Runs {@code task} on the caller's context after {@code delayMs}, unless the returned timeout is cancelled first. */
  public static Timeout schedule(Vertx vertx, long delayMs, Runnable task) {
    Context context = vertx.getOrCreateContext();
    return WHEEL.newTimeout(t -> {
      try {
        context.runOnContext(v -> {
          if (!t.isCancelled()) task.run();
        });
      } catch (RejectedExecutionException closed) {
        // the Vertx instance is closed: nothing is left to time out
      }
    }, delayMs, TimeUnit.MILLISECONDS);
  }
}
