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
}
