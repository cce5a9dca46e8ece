package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.pipeline.ComponentFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "redis" and "cache" settings, ARCHON_REDIS_URL, circuit_breaker.shared and a config's own "cache". */
class ScaleSettingsTest {
  @TempDir Path tmp;
  private final List<String> warnings = new ArrayList<>();

  private Path write(String name, String json) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, json.replace('\'', '"'));
    return file;
  }

  private Settings load(String json, Map<String, String> env) throws IOException {
    return SettingsLoader.load(write("gateway.json", json), env, warnings::add);
  }

  @Test
  void defaultsWithoutRedisAndWithTheCacheOn() {
    Settings s = SettingsLoader.load(null, Map.of());
    assertFalse(s.redis().enabled());
    assertEquals(new CacheSettings(3600, 10_000), s.cache());
    assertTrue(SettingsLoader.load(null, Map.of("ARCHON_REDIS_URL", "redis://r:6379")).redis().enabled());
  }

  @Test
  void readsRedisAndCacheAndTheEnvironmentUrlWins() throws IOException {
    Settings s = load("{'redis': {'url': 'redis://file:6379', 'key_prefix': 'x:', 'on_failure': 'reject',"
        + " 'replicas_hint': 3}, 'cache': {'ttl_s': 60, 'max_entries': 5}}", Map.of());
    assertEquals(new RedisSettings("redis://file:6379", "x:", "reject", 3), s.redis());
    assertTrue(s.redis().rejectWhenDown());
    assertEquals(new CacheSettings(60, 5), s.cache());
    assertTrue(warnings.isEmpty(), warnings.toString());
    Settings env = load("{'redis': {'url': 'redis://file:6379'}}", Map.of("ARCHON_REDIS_URL", "redis://env:6379"));
    assertEquals("redis://env:6379", env.redis().url());
    assertEquals("archon:", env.redis().keyPrefix());
  }

  @Test
  void wrongValuesNameTheField() throws IOException {
    ConfigException e = assertThrows(ConfigException.class, () -> load("{'redis': {'on_failure': 'ignore'}}", Map.of()));
    assertEquals("redis.on_failure", e.field());
    assertEquals("redis.url", assertThrows(ConfigException.class,
        () -> load("{'redis': {'url': 'http://x'}}", Map.of())).field());
    assertEquals("cache.ttl_s", assertThrows(ConfigException.class,
        () -> load("{'cache': {'ttl_s': -1}}", Map.of())).field());
    load("{'redis': {'urll': 'redis://x'}}", Map.of());
    assertTrue(warnings.get(0).contains("redis.urll") && warnings.get(0).contains("url"), warnings.toString());
  }

  @Test
  void aBreakerCanBeShared() throws IOException {
    Settings s = load("{'providers': {'OpenAI_API': {'circuit_breaker': {'shared': true}}}}", Map.of());
    assertTrue(s.governance().policy("OpenAI_API").breaker().shared());
    assertFalse(s.governance().policy("Together_API").breaker().shared());
    assertEquals("providers.OpenAI_API.circuit_breaker.shared", assertThrows(ConfigException.class,
        () -> load("{'providers': {'OpenAI_API': {'circuit_breaker': {'shared': 'yes'}}}}", Map.of())).field());
  }

  @Test
  void aConfigMayCarryItsOwnCacheSettings() throws IOException {
    ConfigLoader loader = new ConfigLoader(BuiltinProviders.resolve(Map.of()).keySet(), ComponentFactory.SUPPORTED);
    String layer = "'layers': [[{'type': 'generator', 'model': 'm', 'model_type': 'OpenAI_API'}]]";
    Path own = write("own.json", "{'name': 'own', 'cache': {'ttl_s': 0}, " + layer + "}");
    Path plain = write("plain.json", "{'name': 'plain', " + layer + "}");
    LoadReport report = loader.loadPaths(List.of(own, plain), null);
    assertTrue(report.errors().isEmpty() && report.warnings().isEmpty(), report.errors() + " " + report.warnings());
    EnsembleSpec ownSpec = report.ensembles().stream().filter(e -> e.name().equals("own")).findFirst().orElseThrow();
    assertEquals(new CacheSettings(0, 10_000), ownSpec.cache().over(CacheSettings.DEFAULT));
    assertFalse(ownSpec.cache().over(CacheSettings.DEFAULT).enabled());
    assertNull(report.ensembles().stream().filter(e -> e.name().equals("plain")).findFirst().orElseThrow().cache());
    Path bad = write("bad.json", "{'name': 'bad', 'cache': {'ttl_s': 'long'}, " + layer + "}");
    LoadReport rejected = loader.loadPaths(List.of(bad), null);
    assertEquals("cache.ttl_s", rejected.errors().get(0).where(), rejected.errors().toString());
  }
}
