package ai.archon.gateway.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000);

  private LocalLimiter limiter(long rpm, long tpm) {
    return new LocalLimiter("provider", "P", rpm, tpm, 60_000, now::get);
  }

  @Test
  void rpmAllowsABurstOfNThenTheNextSlotIsAWindowAfterTheFirst() {
    LocalLimiter l = limiter(3, 0);
    for (int i = 0; i < 3; i++) assertEquals(0, l.reserveNow(1, 0).waitMs());
    RateLimitedException e = assertThrows(RateLimitedException.class, () -> l.reserveNow(1, 1000));
    assertEquals(60_000, e.retryAfterMs());
    now.addAndGet(10_000);
    assertEquals(50_000, l.reserveNow(1, 60_000).waitMs(), "queued for the first free slot");
    assertEquals(3, l.usage().requests(), "the queued one is not counted before its start");
    now.addAndGet(50_000);
    assertEquals(1, l.usage().requests(), "the first three left the window as the queued one starts");
  }

  @Test
  void tpmCountsTokensAndIsCorrectedByTheReportedUsage() {
    LocalLimiter l = limiter(0, 1000);
    Limiter.Reservation a = l.reserveNow(800, 0);
    assertThrows(RateLimitedException.class, () -> l.reserveNow(300, 0));
    a.settle(100);
    assertEquals(0, l.reserveNow(300, 0).waitMs());
    assertEquals(400, l.usage().tokens());
  }

  @Test
  void aCancelledReservationGivesItsSlotBack() {
    LocalLimiter l = limiter(1, 0);
    Limiter.Reservation r = l.reserveNow(1, 0);
    r.cancel();
    assertEquals(0, l.reserveNow(1, 0).waitMs());
  }

  @Test
  void zeroMeansUnlimited() {
    LocalLimiter l = limiter(0, 0);
    for (int i = 0; i < 10_000; i++) assertEquals(0, l.reserveNow(1_000_000, 0).waitMs());
  }

  @Test
  void withoutLimitsUsageStillCountsTheLastWindowPerSecond() {
    LocalLimiter l = limiter(0, 0);
    Limiter.Reservation a = l.reserveNow(100, 0);
    l.reserveNow(50, 0).cancel();
    now.addAndGet(30_000);
    l.reserveNow(10, 0);
    a.settle(40);
    assertEquals(new Limiter.Usage(2, 50, 30_000), l.usage());
    now.addAndGet(30_000);
    assertEquals(1, l.usage().requests(), "the first second left the window");
    now.addAndGet(30_000);
    assertEquals(new Limiter.Usage(0, 0, 0), l.usage());
  }

  @Test
  void aLongSlidingWindowStaysExactAsOldEntriesLeaveFromTheFront() {
    LocalLimiter l = limiter(500, 40_000);
    // 5 minutes at 5 requests of 100 tokens a second; the window then holds the last 59 seconds (295 requests).
    for (int s = 0; s < 300; s++) {
      for (int i = 0; i < 5; i++) assertEquals(0, l.reserveNow(100, 0).waitMs());
      now.addAndGet(1_000);
    }
    Limiter.Usage u = l.usage();
    assertEquals(295, u.requests());
    assertEquals(29_500, u.tokens());
    // 10,500 more tokens fit now; one more does not until the oldest second leaves.
    assertEquals(0, l.reserveNow(10_500, 0).waitMs());
    RateLimitedException e = assertThrows(RateLimitedException.class, () -> l.reserveNow(1, 0));
    assertEquals(1_000, e.retryAfterMs());
    assertEquals(1_000, l.reserveNow(1, 5_000).waitMs());
  }
}
