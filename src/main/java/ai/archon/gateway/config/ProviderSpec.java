package ai.archon.gateway.config;

import java.util.List;

/**
 * How to reach one model_type: its wire protocol ({@code openai}, {@code anthropic}, {@code gemini}, {@code rerank}, {@code mock}, or an extension's),
 * base URL and the environment variables that may hold its key (the first one set wins; empty = no key at all).
 * {@code keyRequired} is false for local servers (vLLM, tgi, Ollama) whose key is optional.
 * {@code maxOutputTokens} caps max_tokens for every model of this provider (null = the built-in per-model table).
 * {@code defaultModel} is the model a reward-model ranker calls on a {@code rerank} provider (null = its own name).
 */
public record ProviderSpec(
    String modelType, String protocol, String baseUrl, Key key, Integer maxOutputTokens, String defaultModel) {

  /** Where the key comes from ({@code envs}, the first one set wins) and whether the provider needs one at all. */
  public record Key(List<String> envs, boolean required) {
    public Key {
      envs = envs == null ? List.of() : List.copyOf(envs);
    }
  }

  public ProviderSpec {
    key = key == null ? new Key(List.of(), false) : key;
  }

  public ProviderSpec(String modelType, String protocol, String baseUrl, List<String> apiKeyEnvs, boolean keyRequired,
      Integer maxOutputTokens) {
    this(modelType, protocol, baseUrl, new Key(apiKeyEnvs, keyRequired), maxOutputTokens, null);
  }

  public List<String> apiKeyEnvs() {
    return key.envs();
  }

  public boolean keyRequired() {
    return key.required();
  }

  public ProviderSpec withBaseUrl(String url) {
    return new ProviderSpec(modelType, protocol, url, key, maxOutputTokens, defaultModel);
  }
}
