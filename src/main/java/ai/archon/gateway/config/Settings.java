package ai.archon.gateway.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Gateway settings: every provider by model_type (built-ins from the environment, overridden or extended by the
 * settings file), the environment they were resolved against (keys are read from it, never stored elsewhere), the
 * request body limit, the resilience and governance settings ({@link Governance}), the settings file itself
 * (excluded when configs are loaded; null when there is none), the shared store for many replicas, the response
 * cache, the token prices used to estimate cost in the metrics, and the {@code model_aliases} that send a config's
 * model name (e.g. {@code llm-blender/PairRM}) to another provider and model, the inbound connection timeouts, and
 * the memory budget for request bodies in flight (0 = derived from the heap), the browser origins allowed by CORS, and
 * the web console's ({@link ConsoleSettings}) and the Responses API store's ({@link ResponsesSettings}).
 */
public record Settings(Map<String, ProviderSpec> providers, Map<String, String> env, long maxBodyBytes, Path file,
    Governance governance, RedisSettings redis, CacheSettings cache, Prices prices,
    Map<String, ModelAlias> modelAliases, ServerTimeouts timeouts, long maxInflightBodyBytes, CorsSettings cors,
    ConsoleSettings console, ResponsesSettings responses) {
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

  public Settings {
    providers = Map.copyOf(providers);
    env = Map.copyOf(env);
    governance = governance == null ? Governance.DEFAULT : governance;
    redis = redis == null ? RedisSettings.NONE : redis;
    cache = cache == null ? CacheSettings.DEFAULT : cache;
    prices = prices == null ? Prices.NONE : prices;
    modelAliases = modelAliases == null ? Map.of() : Map.copyOf(modelAliases);
    timeouts = timeouts == null ? ServerTimeouts.DEFAULT : timeouts;
    cors = cors == null ? CorsSettings.OFF : cors;
    console = console == null ? ConsoleSettings.DEFAULT : console;
    responses = responses == null ? ResponsesSettings.DEFAULT : responses;
  }

  /** Without CORS (off, its default) or console settings (the defaults: on for loopback, no reports folder). */
  public Settings(Map<String, ProviderSpec> providers, Map<String, String> env, long maxBodyBytes, Path file,
      Governance governance, RedisSettings redis, CacheSettings cache, Prices prices,
      Map<String, ModelAlias> modelAliases, ServerTimeouts timeouts, long maxInflightBodyBytes) {
    this(providers, env, maxBodyBytes, file, governance, redis, cache, prices, modelAliases, timeouts,
        maxInflightBodyBytes, null, null, null);
  }

  public Settings(Map<String, ProviderSpec> providers, Map<String, String> env, long maxBodyBytes, Path file) {
    this(providers, env, maxBodyBytes, file, Governance.DEFAULT);
  }

  public Settings(Map<String, ProviderSpec> providers, Map<String, String> env, long maxBodyBytes, Path file,
      Governance governance) {
    this(providers, env, maxBodyBytes, file, governance, null);
  }

  public Settings(Map<String, ProviderSpec> providers, Map<String, String> env, long maxBodyBytes, Path file,
      Governance governance, Map<String, ModelAlias> modelAliases) {
    this(providers, env, maxBodyBytes, file, governance, null, null, null, modelAliases, null, 0);
  }

  /** The same settings with other token prices (a live settings reload changes only these). */
  public Settings withPrices(Prices newPrices) {
    return new Settings(providers, env, maxBodyBytes, file, governance, redis, cache, newPrices, modelAliases, timeouts,
        maxInflightBodyBytes, cors, console, responses);
  }

  /** The same settings with these console settings. */
  public Settings withConsole(ConsoleSettings newConsole) {
    return new Settings(providers, env, maxBodyBytes, file, governance, redis, cache, prices, modelAliases, timeouts,
        maxInflightBodyBytes, cors, newConsole, responses);
  }

  /** The API key for a provider: the first of its key variables that is set and not blank, else null. */
  public String apiKey(ProviderSpec spec) {
    for (String name : spec.apiKeyEnvs()) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) return v;
    }
    return null;
  }

  /** True when the provider can be called: it needs no key, or one of its key variables is set. */
  public boolean ready(ProviderSpec spec) {
    return !spec.keyRequired() || apiKey(spec) != null;
  }
}
