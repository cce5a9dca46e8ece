package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code server.cors.allowed_origins}: off by default, "*" or a list of origins, each checked. */
class CorsSettingsTest {
  @RegisterExtension final SettingsFiles settings = new SettingsFiles();
  private final List<String> warnings = settings.warnings;

  @Test
  void offByDefault() throws IOException {
    assertFalse(settings.load("{}").cors().enabled());
    assertFalse(settings.load("{'server': {'cors': {}}}").cors().enabled());
    assertFalse(settings.load("{'server': {'cors': {'allowed_origins': []}}}").cors().enabled());
    assertFalse(SettingsLoader.load(null, Map.of(), warnings::add).cors().enabled());
  }

  @Test
  void starOrAListOfOrigins() throws IOException {
    assertTrue(settings.load("{'server': {'cors': {'allowed_origins': '*'}}}").cors().anyOrigin());
    assertTrue(settings.load("{'server': {'cors': {'allowed_origins': ['*']}}}").cors().anyOrigin());
    CorsSettings list = settings.load("{'server': {'cors': {'allowed_origins': ['https://App.example.com',"
        + " 'http://localhost:5173', 'tauri://localhost']}}}").cors();
    assertEquals(List.of("https://app.example.com", "http://localhost:5173", "tauri://localhost"),
        list.allowedOrigins());
    assertFalse(list.anyOrigin());
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  @Test
  void aPathAWildcardOrAMixedStarIsRefusedNamingTheField() throws IOException {
    for (String bad : List.of("['https://app.example.com/']", "['https://*.example.com']", "['*', 'https://a.b']",
        "['app.example.com']", "[3]", "'https://a.b'", "true")) {
      String message = settings.refused("{'server': {'cors': {'allowed_origins': " + bad + "}}}").getMessage();
      assertTrue(message.contains("server.cors.allowed_origins"), bad + ": " + message);
    }
    assertTrue(settings.refused("{'server': {'cors': []}}").getMessage().contains("server.cors"));
  }

  @Test
  void anUnknownKeyIsAWarning() throws IOException {
    settings.load("{'server': {'cors': {'allowed_origins': '*', 'max_age': 5}}}");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("server.cors.max_age")), warnings.toString());
  }
}
