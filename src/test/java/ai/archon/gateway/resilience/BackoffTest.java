package ai.archon.gateway.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void capDoublesUpToTheMaximum() {
    Backoff b = new Backoff(500, 20_000, bound -> bound);
    assertEquals(500, b.cap(1));
    assertEquals(1000, b.cap(2));
    assertEquals(2000, b.cap(3));
    assertEquals(16_000, b.cap(6));
    assertEquals(20_000, b.cap(7));
    assertEquals(20_000, b.cap(60));
  }

  @Test
  void fullJitterStaysWithinZeroAndTheCap() {
    Backoff b = new Backoff(100, 1000, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    for (int n = 1; n <= 8; n++) {
      for (int i = 0; i < 200; i++) {
        long d = b.delay(n, -1);
        assertTrue(d >= 0 && d <= b.cap(n), "retry " + n + " waited " + d);
      }
    }
    assertEquals(0, new Backoff(100, 1000, bound -> 0).delay(3, -1), "full jitter may be zero");
  }

  @Test
  void retryAfterIsAFloor() {
    Backoff b = new Backoff(100, 1000, bound -> 0);
    assertEquals(5000, b.delay(1, 5000));
    assertEquals(1000, new Backoff(100, 1000, bound -> bound).delay(5, 10));
  }
}
