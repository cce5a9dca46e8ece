package ai.archon.gateway.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.Budget;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This process's spend counters: holds, settlement, and the spend file that carries them across a restart. */
class LocalSpendTest {
  @TempDir Path tmp;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static final Spend.Account KEY = new Spend.Account("key", "team-a", new Budget(1.0, Budget.Period.DAY));

  @Test
  void aBudgetAdmitsWhileAnythingIsLeftCountingHoldsAndSettlesTheRealCost() {
    Spend spend = Spend.inMemory();
    Instant now = Instant.now();
    Spend.Hold first = spend.reserve(List.of(KEY), 0.6, now).await();
    assertTrue(first.allowed());
    assertEquals(0.4, first.left().get(0).remaining(), 1e-12);
    Spend.Hold second = spend.reserve(List.of(KEY), 0.6, now).await();
    assertTrue(second.allowed(), "0.6 held is below the 1.0 budget");
    assertFalse(spend.reserve(List.of(KEY), 0.6, now).await().allowed(), "1.2 held: spent for now");
    spend.settle(first, List.of(KEY), 0.1, "m", now).await();
    spend.settle(second, List.of(KEY), 0.2, "m", now).await();
    Spend.Report r = spend.report(KEY, Budget.Period.DAY, now).await();
    assertEquals(0.3, r.spent(), 1e-12);
    assertEquals(0, r.held(), 1e-12);
    assertEquals(0.3, spend.report(KEY, Budget.Period.TOTAL, now).await().spent(), 1e-12, "every period counts");
    assertTrue(spend.reserve(List.of(KEY), 0.6, now).await().allowed());
  }

  @Test
  void settledSpendSurvivesARestartThroughTheFile() {
    Path file = tmp.resolve("sub/spend.json");
    Instant now = Instant.now();
    Spend before = new Spend(new LocalSpend(vertx, file), null, ai.archon.gateway.observe.GatewayEvents.NONE);
    Spend.Hold hold = before.reserve(List.of(KEY), 0.5, now).await();
    before.settle(hold, List.of(KEY), 0.25, "solo", now).await();
    before.flush().await();
    Spend after = new Spend(new LocalSpend(vertx, file), null, ai.archon.gateway.observe.GatewayEvents.NONE);
    after.load().await();
    Spend.Report r = after.report(KEY, Budget.Period.DAY, now).await();
    assertEquals(0.25, r.spent(), 1e-12);
    assertEquals(0.25, r.byModel().get("solo"), 1e-12);
    assertEquals(0, r.held(), 1e-12, "holds die with the process");
  }

  @Test
  void manyCurrentRowsAreNotRescannedOnEverySettlement() {
    LocalSpend local = new LocalSpend(null, null);
    Spend spend = new Spend(local, null, ai.archon.gateway.observe.GatewayEvents.NONE);
    Instant now = Instant.now();
    // 4,000 client-chosen model names: 16,000 rows of current periods, none of which a prune can drop
    for (int i = 0; i < 4_000; i++) {
      spend.settle(null, List.of(new Spend.Account("model", "invented-" + i, null)), 0, "invented-" + i, now).await();
    }
    int scans = local.prunes();
    assertTrue(scans <= 1, "one prune when the rows passed 10,000, got " + scans);
    for (int i = 0; i < 2_000; i++) spend.settle(null, List.of(KEY), 0.001, "m", now).await();
    assertEquals(scans, local.prunes(), "the next prune waits until the current rows have doubled");
    assertEquals(2.0, spend.report(KEY, Budget.Period.DAY, now).await().spent(), 1e-9);
  }

  @Test
  void settlementsAfterMidnightCountInTheNewDayAndWeekButTheSameMonthAndTotal() {
    Spend spend = Spend.inMemory();
    Instant sunday = Instant.parse("2026-12-06T23:59:59Z");
    Instant monday = Instant.parse("2026-12-07T00:00:01Z");
    // The counters an account settles into are kept per UTC day: the day after, the names must be the new day's.
    spend.settle(null, List.of(KEY), 0.25, "m", sunday).await();
    spend.settle(null, List.of(KEY), 0.5, "m", monday).await();
    spend.settle(null, List.of(KEY), 0.125, "m", sunday).await();
    assertEquals(0.375, spend.report(KEY, Budget.Period.DAY, sunday).await().spent(), 1e-12);
    assertEquals(0.5, spend.report(KEY, Budget.Period.DAY, monday).await().spent(), 1e-12);
    assertEquals(0.375, spend.report(KEY, Budget.Period.WEEK, sunday).await().spent(), 1e-12, "ISO weeks start on Monday");
    assertEquals(0.5, spend.report(KEY, Budget.Period.WEEK, monday).await().spent(), 1e-12);
    assertEquals(0.875, spend.report(KEY, Budget.Period.MONTH, monday).await().spent(), 1e-12);
    assertEquals(0.875, spend.report(KEY, Budget.Period.TOTAL, sunday).await().spent(), 1e-12);
    Spend.Account other = new Spend.Account("model", "team-a", null);
    spend.settle(null, List.of(other), 1.0, "m", monday).await();
    assertEquals(0.5, spend.report(KEY, Budget.Period.DAY, monday).await().spent(), 1e-12,
        "a model named as a key is another account");
    assertEquals(1.0, spend.report(other, Budget.Period.DAY, monday).await().spent(), 1e-12);
  }

  @Test
  void onlyTheCurrentPeriodsAreKept() {
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    assertTrue(LocalSpend.current("key:a:b:day:2026-12-06", now), "a name may hold colons");
    assertFalse(LocalSpend.current("key:a:day:2026-12-05", now));
    assertTrue(LocalSpend.current("model:m:total:total", now));
  }
}
