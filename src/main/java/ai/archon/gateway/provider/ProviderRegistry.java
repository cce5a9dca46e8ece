package ai.archon.gateway.provider;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.config.ExtensionTypes;
import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.provider.bedrock.BedrockProvider;
import ai.archon.gateway.provider.mock.MockProvider;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One adapter per configured model_type, built once and shared by every request and verticle. Vendors that speak
 * OpenAI's protocol differ only in their {@link ProviderSpec}; a component with its own {@code base_url} (vLLM, tgi)
 * gets an adapter for that URL, made on first use and kept. Adapters only: the resilience guards in front of them
 * are {@code resilience/GuardedProviders}, built with this by the composition root.
 */
public final class ProviderRegistry {
  private static final String RERANK = "rerank";
  private final Vertx vertx;
  private final Settings settings;
  private final UpstreamClients http;
  private final Map<String, ChatProvider> byType = new ConcurrentHashMap<>();
  private final Map<String, ChatProvider> byUrl = new ConcurrentHashMap<>();
  private final Map<String, Reranker> rerankers = new ConcurrentHashMap<>();
  private final Map<String, ? extends AdapterFactory> extensions;

  /** @param extensions the adapters of the model types extensions add (protocol {@code extension}), by model type */
  public ProviderRegistry(Vertx vertx, Settings settings, Map<String, ? extends AdapterFactory> extensions) {
    this.vertx = vertx;
    this.settings = settings;
    this.extensions = Map.copyOf(extensions);
    // Keep-alive pools per provider and upstream origin, sized from the provider's max_concurrency: an ensemble fans
    // out to many calls on one provider at once (100 concurrent requests of a 10-generator layer are 1,000 calls in
    // flight), and a smaller HTTP/1.1 pool queues them (bench/run.sh scenario 3: 256 connections made that layer wait
    // several rounds).
    this.http = UpstreamClients.create(vertx, UpstreamClients.http2(settings.env().get(UpstreamClients.ENV)));
  }

  public boolean knows(String modelType) {
    return settings.providers().containsKey(modelType);
  }

  public ProviderSpec spec(String modelType) {
    ProviderSpec spec = settings.providers().get(modelType);
    if (spec == null) throw new IllegalArgumentException("unknown model_type " + modelType);
    return spec;
  }

  /** The chat adapter for a model_type; a rerank provider's model_type has none (IllegalStateException). */
  public ChatProvider provider(String modelType) {
    return byType.computeIfAbsent(modelType, t -> create(spec(t)));
  }

  /** The adapter a component calls: its model_type's, or one for the component's own base_url. */
  public ChatProvider forComponent(ComponentSpec c) {
    if (c.baseUrl() == null) return provider(c.modelType());
    return byUrl.computeIfAbsent(c.modelType() + " " + c.baseUrl(), k -> create(spec(c.modelType()).withBaseUrl(c.baseUrl())));
  }

  /** True when {@code modelType} is a rerank API (protocol {@code rerank}), called through {@link #reranker}. */
  public boolean reranks(String modelType) {
    return RERANK.equals(spec(modelType).protocol());
  }

  /** The rerank adapter a reward-model ranker calls: its model_type's, or one for the component's own base_url. */
  public Reranker reranker(ComponentSpec c) {
    return rerankers.computeIfAbsent(c.modelType() + " " + c.baseUrl(), k -> {
      ProviderSpec spec = c.baseUrl() == null ? spec(c.modelType()) : spec(c.modelType()).withBaseUrl(c.baseUrl());
      if (!RERANK.equals(spec.protocol())) throw new IllegalStateException(spec.modelType() + " is not a rerank provider");
      return new RerankProvider(vertx, client(spec), spec, settings.apiKey(spec));
    });
  }

  /** The key variables that must be set before these model_types can be called (empty when all are ready). */
  public List<String> missingKeys(Collection<String> modelTypes) {
    List<String> missing = List.of(); // checked on every request: nothing is allocated while every key is set
    for (String t : modelTypes) {
      ProviderSpec spec = settings.providers().get(t);
      if (spec == null || settings.ready(spec)) continue;
      String names = String.join(" or ", spec.apiKeyEnvs());
      if (missing.isEmpty()) missing = new ArrayList<>();
      if (!missing.contains(names)) missing.add(names);
    }
    return missing;
  }

  private HttpClientAgent client(ProviderSpec spec) {
    return http.forProvider(spec.modelType(), spec.baseUrl(),
        settings.governance().policy(spec.modelType()).rateLimit().maxConcurrency());
  }

  private ChatProvider create(ProviderSpec spec) {
    if (RERANK.equals(spec.protocol())) {
      throw new IllegalStateException(spec.modelType() + " is a rerank provider; only a reward-model ranker can use it");
    }
    String key = settings.apiKey(spec);
    // The guard times each attempt exactly (timeout_ms, stream_idle_timeout_ms); the adapter's own idle timeout is
    // the backstop for silences the guard cannot see (the reply head, chunks without text).
    var policy = settings.governance().policy(spec.modelType());
    Timeouts timeouts = new Timeouts(Math.min(Timeouts.DEFAULT_CONNECT_MILLIS, policy.timeoutMs()),
        Math.max(policy.timeoutMs(), policy.streamIdleTimeoutMs()));
    HttpClientAgent http = client(spec);
    switch (spec.protocol()) {
      case "openai": return new OpenAiCompatibleProvider(vertx, http, spec, key, timeouts);
      case "anthropic": return new AnthropicProvider(vertx, http, spec, key, timeouts);
      case "gemini": return new GeminiProvider(vertx, http, spec, key, timeouts);
      case "mock": return new MockProvider(vertx, spec.modelType());
      case "bedrock": return new BedrockProvider(vertx, http, spec, settings.env());
      case ExtensionTypes.PROTOCOL: return extensions.get(spec.modelType()).create(vertx, http, spec, key);
      default: throw new IllegalArgumentException("model_type " + spec.modelType() + " has unknown protocol " + spec.protocol());
    }
  }

  public void close() {
    http.close();
  }
}
