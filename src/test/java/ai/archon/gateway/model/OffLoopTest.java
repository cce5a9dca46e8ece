package ai.archon.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where {@link OffLoop}'s work runs: large work on its pool's one thread, below the event loops' priority. */
class OffLoopTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void largeWorkRunsOnTheWorkerAtTheLowestPrioritySmallWorkRightHere() {
    OffLoop off = new OffLoop(vertx, "off-loop-test", 1000);
    String here = Thread.currentThread().getName();
    String[] large = off.run(1000, () -> Thread.currentThread().getName() + " " + Thread.currentThread().getPriority())
        .await().split(" ");
    assertEquals("off-loop-test-0", large[0]);
    assertEquals(String.valueOf(Thread.MIN_PRIORITY), large[1], "a loop that wakes gets the core first");
    assertEquals(here, off.run(999, () -> Thread.currentThread().getName()).await());
    assertNotEquals(Thread.MIN_PRIORITY, Thread.currentThread().getPriority(), "the caller's priority is untouched");
  }
}
