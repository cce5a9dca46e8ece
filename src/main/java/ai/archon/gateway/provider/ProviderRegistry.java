package ai.archon.gateway.provider;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.config.ProviderSpec;
import ai.archon.gateway.config.Settings;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.resilience.ClientKeys;
import ai.archon.gateway.resilience.GuardedProvider;
import ai.archon.gateway.resilience.Guards;
import ai.archon.gateway.resilience.Limiters;
import ai.archon.gateway.provider.bedrock.BedrockProvider;
import ai.archon.gateway.spi.Extensions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One adapter per configured model_type, built once and shared by every request and verticle. Vendors that speak
 * OpenAI's protocol differ only in their {@link ProviderSpec}; a component with its own {@code base_url} (vLLM, tgi)
 * gets an adapter for that URL, made on first use and kept.
 */
public final class ProviderRegistry {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProviderRegistry.class);
  private final Vertx vertx;
  private final Settings settings;
  private final UpstreamClients http;
  private final Map<String, ChatProvider> byType = new ConcurrentHashMap<>();
  private final Map<String, ChatProvider> byUrl = new ConcurrentHashMap<>();
  private final Map<String, ChatProvider> guarded = new ConcurrentHashMap<>();
  private final Guards guards;
  private final ClientKeys clientKeys;

  public ProviderRegistry(Vertx vertx, Settings settings) {
    this(vertx, settings, GatewayEvents.NONE);
  }

  public ProviderRegistry(Vertx vertx, Settings settings, GatewayEvents events) {
    this(vertx, settings, events, Limiters.LOCAL);
  }

  /** With {@code limiters} making each provider's rpm/tpm limiter (shared across replicas when Redis is set). */
  public ProviderRegistry(Vertx vertx, Settings settings, GatewayEvents events, Limiters limiters) {
    this.vertx = vertx;
    this.settings = settings;
    this.guards = new Guards(vertx, settings.governance(), events, limiters);
    this.clientKeys = ClientKeys.from(settings, w -> LOG.warn("{}", w), limiters);
    // Keep-alive pools per provider and upstream origin, sized from the provider's max_concurrency: an ensemble fans
    // out to many calls on one provider at once (100 concurrent requests of a 10-generator layer are 1,000 calls in
    // flight), and a smaller HTTP/1.1 pool queues them (bench/run.sh scenario 3: 256 connections made that layer wait
    // several rounds).
    this.http = UpstreamClients.create(vertx, UpstreamClients.http2(settings.env().get(UpstreamClients.ENV)));
  }

  public Settings settings() { return settings; }

  public boolean knows(String modelType) {
    return settings.providers().containsKey(modelType);
  }

  public ProviderSpec spec(String modelType) {
    ProviderSpec spec = settings.providers().get(modelType);
    if (spec == null) throw new IllegalArgumentException("unknown model_type " + modelType);
    return spec;
  }

  /** The adapter for a model_type. */
  public ChatProvider provider(String modelType) {
    return byType.computeIfAbsent(modelType, t -> create(spec(t)));
  }

  /**
   * The adapter a component calls (its model_type's, or one for the component's own base_url), behind its
   * provider's resilience guard.
   */
  public ChatProvider forComponent(ComponentSpec c) {
    String key = c.modelType() + " " + c.baseUrl();
    // A rerank provider is not a chat adapter: the reward-model ranker calls it directly, behind the same guard.
    if ("rerank".equals(spec(c.modelType()).protocol())) {
      return guarded.computeIfAbsent(key, k -> ((RerankProvider) unguarded(c)).guardedBy(guards.forProvider(c.modelType())));
    }
    return guarded.computeIfAbsent(key, k -> new GuardedProvider(unguarded(c), guards.forProvider(c.modelType())));
  }

  /** The adapter for a model_type behind its resilience guard (pass-through calls). */
  public ChatProvider guarded(String modelType) {
    return guarded.computeIfAbsent(modelType + " null", k -> new GuardedProvider(provider(modelType), guards.forProvider(modelType)));
  }

  /** The gateway keys clients must present, shared by every verticle so per-key limits hold per process. */
  public ClientKeys clientKeys() { return clientKeys; }

  /** The resilience guards, one per provider. */
  public Guards guards() { return guards; }

  private ChatProvider unguarded(ComponentSpec c) {
    if (c.baseUrl() == null) return provider(c.modelType());
    return byUrl.computeIfAbsent(c.modelType() + " " + c.baseUrl(), k -> create(spec(c.modelType()).withBaseUrl(c.baseUrl())));
  }

  /** The key variables that must be set before these model_types can be called (empty when all are ready). */
  public List<String> missingKeys(Collection<String> modelTypes) {
    Set<String> missing = new LinkedHashSet<>();
    for (String t : modelTypes) {
      ProviderSpec spec = settings.providers().get(t);
      if (spec != null && !settings.ready(spec)) missing.add(String.join(" or ", spec.apiKeyEnvs()));
    }
    return new ArrayList<>(missing);
  }

  private ChatProvider create(ProviderSpec spec) {
    String key = settings.apiKey(spec);
    // The guard times each attempt exactly (timeout_ms, stream_idle_timeout_ms); the adapter's own idle timeout is
    // the backstop for silences the guard cannot see (the reply head, chunks without text).
    var policy = settings.governance().policy(spec.modelType());
    Timeouts timeouts = new Timeouts(Math.min(Timeouts.DEFAULT_CONNECT_MILLIS, policy.timeoutMs()),
        Math.max(policy.timeoutMs(), policy.streamIdleTimeoutMs()));
    HttpClientAgent http = this.http.forProvider(spec.modelType(), spec.baseUrl(), policy.rateLimit().maxConcurrency());
    switch (spec.protocol()) {
      case "openai": return new OpenAiCompatibleProvider(vertx, http, spec, key, timeouts);
      case "anthropic": return new AnthropicProvider(vertx, http, spec, key, timeouts);
      case "gemini": return new GeminiProvider(vertx, http, spec, key, timeouts);
      case "mock": return new MockProvider(vertx, spec.modelType());
      case "rerank": return new RerankProvider(vertx, http, spec, key);
      case "bedrock": return new BedrockProvider(vertx, http, spec, settings.env());
      case Extensions.PROTOCOL: return Extensions.modelTypes().get(spec.modelType()).create(vertx, http, spec, key);
      default: throw new IllegalArgumentException("model_type " + spec.modelType() + " has unknown protocol " + spec.protocol());
    }
  }

  public void close() {
    http.close();
  }
}
