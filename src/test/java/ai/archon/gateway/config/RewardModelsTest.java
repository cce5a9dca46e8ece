package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.pipeline.ComponentFactory;
import ai.archon.gateway.pipeline.RankerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reward-model rankers (PairRM) load when settings give them a rerank provider, and say why not otherwise. */
class RewardModelsTest {
  private static final String PAIR_RM_CONFIG = "{\"name\": \"p\", \"layers\": [[{\"type\": \"generator\", \"model\": \"g\","
      + " \"model_type\": \"OpenAI_API\", \"samples\": 3}], [{\"type\": \"ranker\", \"model\": \"llm-blender/PairRM\","
      + " \"model_type\": \"Together_API\", \"top_k\": 2, \"ranker_batch_size\": 16}]]}";

  @TempDir Path dir;

  private LoadReport load(String settingsJson) throws IOException {
    Path settingsFile = settingsJson == null ? null : Files.writeString(dir.resolve("gateway.json"), settingsJson);
    Path config = Files.writeString(dir.resolve("p.json"), PAIR_RM_CONFIG);
    Settings settings = SettingsLoader.load(settingsFile, Map.of(), w -> { });
    return ConfigLoader.forSettings(settings, ComponentFactory.SUPPORTED).loadPaths(List.of(config), settingsFile);
  }

  private static ComponentSpec ranker(LoadReport report) {
    assertEquals(List.of(), report.errors());
    return report.ensembles().get(0).layers().get(1).get(0);
  }

  @Test
  void theOnlyRerankProviderRunsItWithItsDefaultModel() throws IOException {
    ComponentSpec r = ranker(load("{\"providers\": {\"Rerank\": {\"protocol\": \"rerank\", \"base_url\": "
        + "\"http://127.0.0.1:9/\", \"api_key_env\": null, \"default_model\": \"BAAI/bge-reranker-v2-m3\"}}}"));
    assertEquals("Rerank", r.modelType());
    assertEquals("BAAI/bge-reranker-v2-m3", r.model());
    assertEquals(2, r.options(RankerOptions.class).topK());
  }

  @Test
  void modelAliasesChooseAmongSeveral() throws IOException {
    String providers = "\"providers\": {\"A\": {\"protocol\": \"rerank\", \"base_url\": \"http://127.0.0.1:9\"},"
        + " \"B\": {\"protocol\": \"rerank\", \"base_url\": \"http://127.0.0.1:9\"}}";
    LoadReport ambiguous = load("{" + providers + "}");
    assertTrue(ambiguous.errors().get(0).reason().contains("several rerank providers are configured; choose one for "
        + "it under \"model_aliases\""), ambiguous.errors().toString());

    ComponentSpec r = ranker(load("{" + providers + ", \"model_aliases\": {\"llm-blender/PairRM\": "
        + "{\"model_type\": \"B\", \"model\": \"jina-reranker-v2\"}}}"));
    assertEquals("B", r.modelType());
    assertEquals("jina-reranker-v2", r.model());

    ComponentSpec named = ranker(load("{" + providers + ", \"model_aliases\": {\"llm-blender/PairRM\": \"A\"}}"));
    assertEquals("A", named.modelType());
    assertEquals("llm-blender/PairRM", named.model(), "no default_model: the config's own name is sent");
  }

  @Test
  void anAliasToAChatProviderOrNoRerankProviderIsRejectedWithTheReason() throws IOException {
    LoadReport chat = load("{\"model_aliases\": {\"llm-blender/PairRM\": \"OpenAI_API\"}}");
    assertEquals("reward-model ranker llm-blender/PairRM model_aliases sends it to OpenAI_API, which is not a rerank "
        + "provider", chat.errors().get(0).reason());
    LoadReport none = load(null);
    assertTrue(none.errors().get(0).reason().startsWith("reward-model ranker llm-blender/PairRM needs a rerank provider"));
  }

  @Test
  void aliasesToUnknownProvidersAreSettingsErrors() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> load("{\"model_aliases\": {\"llm-blender/PairRM\": \"Reranc\"}}"));
    assertTrue(e.getMessage().contains("model_aliases.llm-blender/PairRM"), e.getMessage());
  }
}
