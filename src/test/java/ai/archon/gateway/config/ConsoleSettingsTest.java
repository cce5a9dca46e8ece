package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code server.console} and {@code server.console_reports}: defaults, loopback rule, validation. */
class ConsoleSettingsTest {
  @RegisterExtension final SettingsFiles settings = new SettingsFiles();
  private final List<String> warnings = settings.warnings;

  @Test
  void byDefaultOnlyOnLoopback() throws IOException {
    ConsoleSettings none = SettingsLoader.load(null, Map.of()).console();
    assertEquals(ConsoleSettings.DEFAULT, none);
    ConsoleSettings empty = settings.load("{'server': {}}").console();
    for (ConsoleSettings c : List.of(none, empty)) {
      assertTrue(c.servedOn("127.0.0.1"));
      assertTrue(c.servedOn("localhost"));
      assertTrue(c.servedOn("::1"));
      assertFalse(c.servedOn("0.0.0.0"), "all interfaces: off unless asked for");
      assertFalse(c.servedOn("10.1.2.3"));
      assertNull(c.reports());
    }
  }

  @Test
  void explicitSettingWinsBothWays() throws IOException {
    assertTrue(settings.load("{'server': {'console': true}}").console().servedOn("0.0.0.0"));
    assertFalse(settings.load("{'server': {'console': false}}").console().servedOn("127.0.0.1"));
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  @Test
  void reportsFolderIsRelativeToTheSettingsFile() throws IOException {
    Settings s = settings.load("{'server': {'console_reports': 'reports/judged'}}");
    assertEquals(settings.dir().toAbsolutePath().resolve("reports/judged").normalize(), s.console().reports());
    assertEquals(s.console(), s.withPrices(Prices.NONE).console(), "a live price reload keeps the console settings");
  }

  @Test
  void badValuesNameTheField() throws IOException {
    Path file = Files.writeString(settings.dir().resolve("bad.json"), "{\"server\": {\"console\": \"yes\"}}");
    ConfigException e = assertThrows(ConfigException.class, () -> SettingsLoader.load(file, Map.of(), warnings::add));
    assertTrue(e.getMessage().contains("server.console") && e.getMessage().contains("true or false"), e.getMessage());
    Path file2 = Files.writeString(settings.dir().resolve("bad2.json"), "{\"server\": {\"console_reports\": 3}}");
    e = assertThrows(ConfigException.class, () -> SettingsLoader.load(file2, Map.of(), warnings::add));
    assertTrue(e.getMessage().contains("server.console_reports"), e.getMessage());
  }
}
