package ai.archon.gateway.resilience;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.provider.ChatProvider;
import ai.archon.gateway.provider.Embeddings;
import ai.archon.gateway.provider.ProviderRegistry;
import ai.archon.gateway.provider.Reranker;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The adapters as callers use them: each behind its provider's {@link Guard}, made on first use and kept, so every
 * request and verticle shares one guarded adapter per model_type (and per component base_url).
 */
public final class GuardedProviders {
  private final ProviderRegistry adapters;
  private final Guards guards;
  /** By model_type, for calls without a base_url of their own: every pass-through call and most components'. */
  private final Map<String, ChatProvider> byModelType = new ConcurrentHashMap<>();
  /** By model_type and base_url, for components that name their own. */
  private final Map<String, ChatProvider> byBaseUrl = new ConcurrentHashMap<>();
  private final Map<String, Reranker> rerankers = new ConcurrentHashMap<>();
  private final UnaryOperator<ChatProvider> outermost;

  public GuardedProviders(ProviderRegistry adapters, Guards guards) {
    this(adapters, guards, UnaryOperator.identity());
  }

  /**
   * As {@link #GuardedProviders(ProviderRegistry, Guards)}, with {@code outermost} wrapped around each guarded chat
   * adapter: a layer that sees every chat call before its guard (the architecture search's reply cache, so a reply
   * it already has costs no rate-limit permit and no upstream call).
   */
  public GuardedProviders(ProviderRegistry adapters, Guards guards, UnaryOperator<ChatProvider> outermost) {
    this.adapters = adapters;
    this.guards = guards;
    this.outermost = outermost;
  }

  /**
   * The adapter a component calls (its model_type's, or one for the component's own base_url), behind its
   * provider's resilience guard.
   */
  public ChatProvider forComponent(ComponentSpec c) {
    // Looked up per call: a key joined from the two would be a new string, hashed, every time.
    Map<String, ChatProvider> map = c.baseUrl() == null ? byModelType : byBaseUrl;
    String key = c.baseUrl() == null ? c.modelType() : c.modelType() + " " + c.baseUrl();
    return map.computeIfAbsent(key,
        k -> outermost.apply(new GuardedProvider(adapters.forComponent(c), guards.forProvider(c.modelType()))));
  }

  /**
   * The rerank API a reward-model ranker calls, behind its provider's guard like every chat call; empty when the
   * component's model_type is a chat provider.
   */
  public Optional<Reranker> rerankerFor(ComponentSpec c) {
    if (!adapters.reranks(c.modelType())) return Optional.empty();
    return Optional.of(rerankers.computeIfAbsent(c.modelType() + " " + c.baseUrl(),
        k -> new GuardedReranker(adapters.reranker(c), guards.forProvider(c.modelType()))));
  }

  /** The adapter for a model_type behind its resilience guard (pass-through calls). */
  public ChatProvider guarded(String modelType) {
    return byModelType.computeIfAbsent(modelType,
        k -> outermost.apply(new GuardedProvider(adapters.provider(modelType), guards.forProvider(modelType))));
  }

  /**
   * The embeddings API of a model_type behind its guard; empty when its protocol has none (Anthropic, the Mock, a
   * rerank API).
   */
  public Optional<Embeddings> embeddings(String modelType) {
    return adapters.reranks(modelType) ? Optional.empty() : guarded(modelType).embeddings();
  }

  /** True when {@code modelType} is a configured provider. */
  public boolean knows(String modelType) {
    return adapters.knows(modelType);
  }

  /** The key variables that must be set before these model_types can be called (empty when all are ready). */
  public List<String> missingKeys(Collection<String> modelTypes) {
    return adapters.missingKeys(modelTypes);
  }
}
