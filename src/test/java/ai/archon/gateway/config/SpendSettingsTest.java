package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.model.Usage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Budgets ({@code keys[].budget}, {@code spend}), their UTC periods, and cached-input prices. */
class SpendSettingsTest {
  @RegisterExtension final SettingsFiles settings = new SettingsFiles();
  private final List<String> warnings = settings.warnings;

  @Test
  void keyAndModelBudgetsAndTheSpendFileReadBack() throws IOException {
    Governance g = settings.load("{'keys': [{'key_env': 'TEAM_A_KEY', 'name': 'team-a', 'budget': {'usd': 5, 'period': 'week'}},"
        + " {'key_env': 'TEAM_B_KEY'}],"
        + " 'spend': {'budgets': {'my-ensemble': {'usd': 50.5, 'period': 'month'}}, 'file': 'data/spend.json'}}")
        .governance();
    assertTrue(warnings.isEmpty(), warnings::toString);
    assertEquals(new Budget(5, Budget.Period.WEEK), g.keys().get(0).budget());
    assertNull(g.keys().get(1).budget());
    assertEquals(Map.of("my-ensemble", new Budget(50.5, Budget.Period.MONTH)), g.spend().budgets());
    assertEquals(Path.of("data/spend.json"), g.spend().file());
    assertTrue(g.budgeted());
    assertFalse(settings.load("{}").governance().budgeted());
  }

  @Test
  void aWrongBudgetNamesItsField() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> settings.load("{'keys': [{'key_env': 'K', 'budget': {'usd': 5, 'period': 'year'}}]}"));
    assertTrue(e.getMessage().contains("keys[0].budget.period"), e.getMessage());
    e = settings.refused("{'spend': {'budgets': {'m': {'usd': 0, 'period': 'day'}}}}");
    assertTrue(e.getMessage().contains("spend.budgets.m.usd"), e.getMessage());
    e = settings.refused("{'spend': {'budgets': {'m': 3}}}");
    assertTrue(e.getMessage().contains("spend.budgets.m"), e.getMessage());
  }

  @Test
  void cachedInputIsPricedApartAndDefaultsToTheInputPrice() throws IOException {
    Prices p = settings.load("{'price_per_mtok': {'OpenAI_API/a': {'input': 2.0, 'output': 8.0, 'cached_input': 0.5},"
        + " 'OpenAI_API/b': {'input': 2.0, 'output': 8.0}}}").prices();
    Usage used = new Usage(1000, 100, 400);
    assertEquals((600 * 2.0 + 400 * 0.5 + 100 * 8.0) / 1e6, p.of("OpenAI_API", "a").cost(used), 1e-15);
    assertEquals((1000 * 2.0 + 100 * 8.0) / 1e6, p.of("OpenAI_API", "b").cost(used), 1e-15);
  }

  @Test
  void periodsAreUtcCalendarPeriodsWithIsoWeeksFromMonday() {
    Instant sunday = Instant.parse("2026-12-06T03:30:00Z");
    assertEquals("2026-12-06", Budget.Period.DAY.window(sunday));
    assertEquals("2026-W49", Budget.Period.WEEK.window(sunday));
    assertEquals("2026-12", Budget.Period.MONTH.window(sunday));
    assertEquals("total", Budget.Period.TOTAL.window(sunday));
    assertEquals(Instant.parse("2026-11-30T00:00:00Z"), Budget.Period.WEEK.start(sunday));
    assertEquals(Instant.parse("2026-12-07T00:00:00Z"), Budget.Period.WEEK.end(sunday));
    assertEquals(20 * 3600 + 1800, Budget.Period.DAY.secondsToReset(sunday));
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), Budget.Period.MONTH.end(sunday));
    assertEquals(-1, Budget.Period.TOTAL.secondsToReset(sunday));
    assertEquals("2027-W01", Budget.Period.WEEK.window(Instant.parse("2027-01-04T00:00:00Z")));
  }
}
