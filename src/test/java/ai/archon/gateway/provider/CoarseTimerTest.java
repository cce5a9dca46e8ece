package ai.archon.gateway.provider;

import ai.archon.gateway.model.CoarseTimer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.CoarseTimer.Timeout;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoarseTimerTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void firesOnTheContextThatArmedItAfterTheDelay() {
    Context context = vertx.getOrCreateContext();
    Promise<Context> fired = Promise.promise();
    long[] armedAt = new long[1];
    context.runOnContext(v -> {
      armedAt[0] = System.nanoTime();
      CoarseTimer.schedule(vertx, 100, () -> fired.complete(Vertx.currentContext()));
    });
    Context ranOn = fired.future().await();
    long tookMs = (System.nanoTime() - armedAt[0]) / 1_000_000;
    assertEquals(context, ranOn);
    assertTrue(tookMs >= 99, "not early: " + tookMs + " ms");
    assertTrue(tookMs < 2_000, "not lost: " + tookMs + " ms");
  }

  @Test
  void aCancelledTimeoutNeverRuns() {
    AtomicBoolean ran = new AtomicBoolean();
    Context context = vertx.getOrCreateContext();
    Future<Timeout> armed = Future.future(p -> context.runOnContext(v ->
        p.complete(CoarseTimer.schedule(vertx, 50, () -> ran.set(true)))));
    armed.await().cancel();
    // a later timeout on the same wheel has fired, so the cancelled one's tick has long passed
    Promise<Void> later = Promise.promise();
    context.runOnContext(v -> CoarseTimer.schedule(vertx, 300, later::complete));
    later.future().await();
    assertFalse(ran.get());
  }

  @Test
  void armedOffTheLoopItStillFiresOnItsContextAndNeverEarly() {
    long armedAt = System.nanoTime();
    Promise<Boolean> fired = Promise.promise();
    // the test thread is no event loop: the entry is linked on the loop of the context Vert.x picks for it
    CoarseTimer.schedule(vertx, 120, () -> fired.complete(Context.isOnEventLoopThread()));
    assertTrue(fired.future().await());
    long tookMs = (System.nanoTime() - armedAt) / 1_000_000;
    assertTrue(tookMs >= 119 && tookMs < 2_000, "fired after " + tookMs + " ms");
  }

  @Test
  void ofManyTimeoutsOnOneLoopOnlyTheCancelledOnesStaySilent() {
    Context context = vertx.getOrCreateContext();
    AtomicInteger ran = new AtomicInteger();
    AtomicInteger early = new AtomicInteger();
    Promise<Void> last = Promise.promise();
    context.runOnContext(v -> {
      for (int i = 0; i < 1_000; i++) {
        long delay = 10 + i % 200;
        long due = System.nanoTime() + delay * 1_000_000L;
        Timeout t = CoarseTimer.schedule(vertx, delay, () -> {
          if (System.nanoTime() < due) early.incrementAndGet();
          ran.incrementAndGet();
        });
        if (i % 2 == 0) t.cancel(); // half of them, in the middle of their slots' lists
      }
      CoarseTimer.schedule(vertx, 400, last::complete);
    });
    last.future().await();
    assertEquals(500, ran.get());
    assertEquals(0, early.get());
  }
}
