package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a relayed stream has been read fast enough to pause: 8 KiB within a millisecond, never a model's pace. */
class RelayPaceTest {
  private static final long MS = 1_000_000;

  @Test
  void aModelsPaceNeverPauses() {
    RelayPace pace = new RelayPace();
    // 2,000 events of 300 bytes, 2 ms apart (500 tokens/s), and a burst of 20 events arriving in one read every 50 ms
    for (int i = 0; i < 2_000; i++) assertFalse(pace.spent(1_000 * MS + i * 2 * MS, 300), "event " + i);
    for (int i = 0; i < 100; i++) assertFalse(pace.spent(10_000 * MS + i * 50 * MS, 20 * 300), "burst " + i);
  }

  @Test
  void moreThan8KiBWithinAMillisecondPauses() {
    RelayPace pace = new RelayPace();
    long t = 5 * MS;
    assertFalse(pace.spent(t, 8 * 1024), "one full HTTP chunk is not yet too much");
    assertTrue(pace.spent(t + MS / 2, 1));
  }

  @Test
  void aWindowEndsAfterAMillisecond() {
    RelayPace pace = new RelayPace();
    assertFalse(pace.spent(0, 7 * 1024));
    assertFalse(pace.spent(MS + 1, 7 * 1024), "a new window");
    assertTrue(pace.spent(MS + 2, 2 * 1024));
  }

  @Test
  void afterAPauseTheNextBytesStartAWindow() {
    RelayPace pace = new RelayPace();
    assertTrue(pace.spent(-3 * MS, 9 * 1024)); // System.nanoTime may be negative
    pace.restart();
    assertFalse(pace.spent(-3 * MS + MS / 10, 8 * 1024));
  }
}
