package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.pipeline.ComponentFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The resilience keys of the settings file, the per-config {@code gateway} key and component fallbacks. */
class GovernanceSettingsTest {
  @RegisterExtension final SettingsFiles settings = new SettingsFiles();
  private final List<String> warnings = settings.warnings;

  @Test
  void defaultsWithoutAnyKey() throws IOException {
    Governance g = settings.load("{}").governance();
    assertEquals(300_000, g.requestTimeoutMs());
    assertEquals(1, g.minCandidates());
    assertTrue(g.keys().isEmpty());
    ProviderPolicy p = g.policy("OpenAI_API");
    assertEquals(ProviderPolicy.DEFAULT, p);
    assertEquals(120_000, p.timeoutMs());
    assertEquals(30_000, p.streamIdleTimeoutMs());
    assertEquals(new ProviderPolicy.Retry(3, 500, 20_000, 60_000), p.retry());
    assertEquals(new ProviderPolicy.Breaker("provider", 20, 10, 50f, 30_000, 2), p.breaker());
    assertEquals(new ProviderPolicy.RateLimit(0, 0, 2048, 10_000), p.rateLimit());
    assertEquals(Governance.DEFAULT, SettingsLoader.load(null, Map.of()).governance());
  }

  @Test
  void theIssuesExampleReadsBack() throws IOException {
    Governance g = settings.load("{'providers': {'Together_API': {'timeout_ms': 60000, 'stream_idle_timeout_ms': 30000,"
        + " 'retry': {'max_attempts': 3, 'initial_backoff_ms': 500, 'max_backoff_ms': 20000, 'max_retry_after_ms': 60000},"
        + " 'circuit_breaker': {'scope': 'model', 'window_size': 20, 'minimum_calls': 10, 'failure_rate_threshold': 50,"
        + " 'open_ms': 30000, 'half_open_calls': 2},"
        + " 'rate_limit': {'rpm': 600, 'tpm': 1000000, 'max_concurrency': 64, 'max_queue_ms': 10000}}},"
        + " 'keys': [{'key_env': 'TEAM_A_KEY', 'name': 'team-a', 'rpm': 60, 'tpm': 200000, 'models': ['*']}],"
        + " 'defaults': {'request_timeout_ms': 300000, 'min_candidates': 2}}").governance();
    assertTrue(warnings.isEmpty(), warnings::toString);
    ProviderPolicy p = g.policy("Together_API");
    assertEquals(60_000, p.timeoutMs());
    assertTrue(p.breaker().perModel());
    assertEquals(new ProviderPolicy.RateLimit(600, 1_000_000, 64, 10_000), p.rateLimit());
    assertEquals(List.of(new ClientKeySpec("TEAM_A_KEY", "team-a", 60, 200_000, List.of("*"))), g.keys());
    assertEquals(2, g.minCandidates());
  }

  @Test
  void partialSectionsKeepTheOtherDefaults() throws IOException {
    ProviderPolicy p = settings.load("{'providers': {'OpenAI_API': {'retry': {'max_attempts': 5}}}}").governance()
        .policy("OpenAI_API");
    assertEquals(new ProviderPolicy.Retry(5, 500, 20_000, 60_000), p.retry());
    ClientKeySpec k = settings.load("{'keys': [{'key_env': 'K'}]}").governance().keys().get(0);
    assertEquals("K", k.name());
    assertTrue(k.allows("anything"));
  }

  @Test
  void wrongValuesNameTheField() {
    assertEquals("providers.OpenAI_API.retry.max_attempts", fails("{'providers': {'OpenAI_API': {'retry': {'max_attempts': 0}}}}"));
    assertEquals("providers.OpenAI_API.circuit_breaker.scope",
        fails("{'providers': {'OpenAI_API': {'circuit_breaker': {'scope': 'region'}}}}"));
    assertEquals("providers.OpenAI_API.rate_limit", fails("{'providers': {'OpenAI_API': {'rate_limit': 5}}}"));
    assertEquals("keys[0].key_env", fails("{'keys': [{'key_env': 'sk-abc-123!'}]}"));
    assertEquals("defaults.request_timeout_ms", fails("{'defaults': {'request_timeout_ms': 'soon'}}"));
  }

  @Test
  void aPastedKeyIsNeverEchoed() {
    ConfigException e = settings.refused("{'keys': [{'key_env': 'sk-live-secret-value'}]}");
    assertFalse(e.getMessage().contains("sk-live-secret-value"), e.getMessage());
  }

  @Test
  void unknownResilienceKeysWarn() throws IOException {
    settings.load("{'providers': {'OpenAI_API': {'retry': {'max_atempts': 2}}}}");
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("retry.max_atempts"), warnings.get(0));
  }

  private String fails(String json) {
    return assertThrows(ConfigException.class, () -> settings.load(json)).field();
  }

  @Test
  void componentFallbacksAndTheGatewayKeyLoad() throws IOException {
    Path file = settings.dir().resolve("fb.json");
    Files.writeString(file, ("{'name': 'fb', 'gateway': {'min_candidates': 2}, 'layers': [[{'type': 'generator',"
        + " 'model': 'a', 'model_type': 'OpenAI_API', 'fallbacks': [{'model': 'b', 'model_type': 'Anthropic_API'}]}]]}")
        .replace('\'', '"'));
    LoadReport r = new ConfigLoader(BuiltinProviders.resolve(Map.of()).keySet(), ComponentFactory.SUPPORTED)
        .loadPaths(List.of(file));
    assertTrue(r.errors().isEmpty() && r.warnings().isEmpty(), r.errors() + " " + r.warnings());
    EnsembleSpec spec = r.ensembles().get(0);
    assertEquals(2, spec.minCandidates());
    assertEquals(List.of(new ComponentSpec.Fallback("b", "Anthropic_API")), spec.layers().get(0).get(0).fallbacks());
  }

  @Test
  void aFallbackWithAnUnknownModelTypeIsAnError() throws IOException {
    Path file = settings.dir().resolve("bad.json");
    Files.writeString(file, ("{'layers': [[{'type': 'generator', 'model': 'a', 'model_type': 'OpenAI_API',"
        + " 'fallbacks': [{'model': 'b', 'model_type': 'Antropic_API'}, {'model_type': 'Groq_API'}]}]],"
        + " 'gateway': {'min_candidates': 0}}").replace('\'', '"'));
    LoadReport r = new ConfigLoader(Set.copyOf(BuiltinProviders.resolve(Map.of()).keySet()), ComponentFactory.SUPPORTED)
        .loadPaths(List.of(file));
    assertTrue(r.ensembles().isEmpty());
    String all = r.errors().toString();
    assertTrue(all.contains("fallbacks[0]") && all.contains("Anthropic_API"), all);
    assertTrue(all.contains("fallbacks[1]") && all.contains("model"), all);
    assertTrue(all.contains("gateway.min_candidates"), all);
  }
}
