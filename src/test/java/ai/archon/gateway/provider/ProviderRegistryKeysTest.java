package ai.archon.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.config.SettingsLoader;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The key variables a set of model_types still needs: each provider's once, in the order first needed. */
class ProviderRegistryKeysTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private ProviderRegistry registry(Map<String, String> env) {
    return new ProviderRegistry(vertx, SettingsLoader.load(null, env), Map.of());
  }

  @Test
  void everyKeySetOrNotNeededIsAnEmptyList() {
    ProviderRegistry r = registry(Map.of("OPENAI_API_KEY", "sk-test"));
    assertTrue(r.missingKeys(List.of("OpenAI_API", "vLLM", "OpenAI_API", "not-a-provider")).isEmpty());
  }

  @Test
  void eachMissingProviderIsNamedOnceInTheOrderFirstNeeded() {
    ProviderRegistry r = registry(Map.of("OPENAI_API_KEY", "sk-test"));
    assertEquals(List.of("TOGETHER_API_KEY", "ANTHROPIC_API_KEY"),
        r.missingKeys(List.of("Together_API", "OpenAI_API", "Anthropic_API", "Together_API")));
  }
}
