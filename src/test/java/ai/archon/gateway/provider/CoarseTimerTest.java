package ai.archon.gateway.provider;

import ai.archon.gateway.model.CoarseTimer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.Timeout;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
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
}
