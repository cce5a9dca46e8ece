package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code server.responses}: the Responses API store's TTL and size bound. */
class ResponsesSettingsTest {
  @RegisterExtension final SettingsFiles settings = new SettingsFiles();
  private final List<String> warnings = settings.warnings;

  @Test
  void defaultsWithoutTheSectionAndWithoutAFile() throws IOException {
    assertEquals(ResponsesSettings.DEFAULT, settings.load("{}").responses());
    assertEquals(ResponsesSettings.DEFAULT, SettingsLoader.load(null, Map.of()).responses());
    assertEquals(new ResponsesSettings(86_400, 10_000), ResponsesSettings.DEFAULT);
  }

  @Test
  void bothKeysAreReadAndAMissingOneKeepsItsDefault() throws IOException {
    assertEquals(new ResponsesSettings(600, 50),
        settings.load("{'server': {'responses': {'store_ttl_seconds': 600, 'store_max_entries': 50}}}").responses());
    assertEquals(new ResponsesSettings(600, 10_000),
        settings.load("{'server': {'responses': {'store_ttl_seconds': 600}}}").responses());
  }

  @Test
  void aBadValueFailsNamingTheFieldAndAnUnknownKeyWarns() throws IOException {
    ConfigException e = assertThrows(ConfigException.class,
        () -> settings.load("{'server': {'responses': {'store_max_entries': 0}}}"));
    assertEquals("server.responses.store_max_entries", e.field());
    assertEquals("server.responses", assertThrows(ConfigException.class,
        () -> settings.load("{'server': {'responses': 5}}")).field());
    settings.load("{'server': {'responses': {'store_ttl': 5}}}");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("server.responses.store_ttl: unknown key")), warnings::toString);
  }

  @Test
  void aPricesReloadKeepsThem() throws IOException {
    Settings s = settings.load("{'server': {'responses': {'store_ttl_seconds': 60}}}");
    assertEquals(60, s.withPrices(Prices.NONE).responses().ttlSeconds());
  }
}
