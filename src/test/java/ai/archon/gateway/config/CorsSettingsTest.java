package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server.cors.allowed_origins}: off by default, "*" or a list of origins, each checked. */
class CorsSettingsTest {
  @TempDir Path tmp;
  private final List<String> warnings = new ArrayList<>();

  private Settings load(String json) throws IOException {
    Path file = Files.writeString(tmp.resolve("gateway.json"), json.replace('\'', '"'));
    return SettingsLoader.load(file, Map.of(), warnings::add);
  }

  private String refused(String json) throws IOException {
    Path file = Files.writeString(tmp.resolve("gateway.json"), json.replace('\'', '"'));
    return assertThrows(ConfigException.class, () -> SettingsLoader.load(file, Map.of(), warnings::add)).getMessage();
  }

  @Test
  void offByDefault() throws IOException {
    assertFalse(load("{}").cors().enabled());
    assertFalse(load("{'server': {'cors': {}}}").cors().enabled());
    assertFalse(load("{'server': {'cors': {'allowed_origins': []}}}").cors().enabled());
    assertFalse(SettingsLoader.load(null, Map.of(), warnings::add).cors().enabled());
  }

  @Test
  void starOrAListOfOrigins() throws IOException {
    assertTrue(load("{'server': {'cors': {'allowed_origins': '*'}}}").cors().anyOrigin());
    assertTrue(load("{'server': {'cors': {'allowed_origins': ['*']}}}").cors().anyOrigin());
    CorsSettings list = load("{'server': {'cors': {'allowed_origins': ['https://App.example.com',"
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
      String message = refused("{'server': {'cors': {'allowed_origins': " + bad + "}}}");
      assertTrue(message.contains("server.cors.allowed_origins"), bad + ": " + message);
    }
    assertTrue(refused("{'server': {'cors': []}}").contains("server.cors"));
  }

  @Test
  void anUnknownKeyIsAWarning() throws IOException {
    load("{'server': {'cors': {'allowed_origins': '*', 'max_age': 5}}}");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("server.cors.max_age")), warnings.toString());
  }
}
