package ai.archon.gateway.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which rerank provider runs a reward-model ranker (Archon's {@code llm-blender/PairRM}, or any ranker with an
 * empty model_type): the one its model is aliased to in {@code model_aliases}, else the ranker's own model_type when
 * that is a rerank provider, else the only rerank provider in the settings. The model sent is the alias's model, else
 * the provider's {@code default_model}, else the ranker's own model name.
 */
public final class RewardModels {
  /** No rerank providers: every reward-model ranker is rejected. */
  public static final RewardModels NONE = new RewardModels(Map.of(), Map.of());

  private final Map<String, ProviderSpec> providers;
  private final Map<String, ModelAlias> aliases;

  RewardModels(Map<String, ProviderSpec> providers, Map<String, ModelAlias> aliases) {
    this.providers = Map.copyOf(providers);
    this.aliases = Map.copyOf(aliases);
  }

  public static RewardModels from(Settings settings) {
    return new RewardModels(settings.providers(), settings.modelAliases());
  }

  /** The rerank provider and model for a reward-model ranker, or empty with the reason in {@code why}. */
  Optional<ModelAlias> resolve(String model, String modelType, StringBuilder why) {
    ModelAlias alias = aliases.get(model);
    ProviderSpec target = null;
    if (alias != null) {
      target = providers.get(alias.modelType());
      if (target == null || !"rerank".equals(target.protocol())) {
        why.append("model_aliases sends it to ").append(alias.modelType()).append(", which is not a rerank provider");
        return Optional.empty();
      }
    } else if (modelType != null && providers.containsKey(modelType)
        && "rerank".equals(providers.get(modelType).protocol())) {
      target = providers.get(modelType);
    } else {
      List<ProviderSpec> rerankers = providers.values().stream().filter(p -> "rerank".equals(p.protocol())).toList();
      if (rerankers.size() == 1) target = rerankers.get(0);
      else {
        why.append(rerankers.isEmpty()
            ? "needs a rerank provider: add one with \"protocol\": \"rerank\" under \"providers\" in the settings"
            : "several rerank providers are configured; choose one for it under \"model_aliases\" in the settings");
        return Optional.empty();
      }
    }
    String sent = alias != null && alias.model() != null ? alias.model()
        : target.defaultModel() != null ? target.defaultModel() : model;
    return Optional.of(new ModelAlias(target.modelType(), sent));
  }
}
