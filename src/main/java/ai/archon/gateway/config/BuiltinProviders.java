package ai.archon.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers the gateway knows without a settings file, one per Archon model_type, plus {@code Mock} (an offline,
 * deterministic model built into the gateway). Base URLs can be moved with environment variables; keys are named by
 * environment variable only, never read here.
 *
 * <table>
 *   <caption>Built-in providers</caption>
 *   <tr><th>model_type</th><th>protocol</th><th>base URL variable</th><th>default base URL</th>
 *       <th>key variables</th></tr>
 *   <tr><td>OpenAI_API</td><td>openai</td><td>OPENAI_BASE_URL</td><td>https://api.openai.com/v1</td>
 *       <td>OPENAI_API_KEY</td></tr>
 *   <tr><td>Together_API</td><td>openai</td><td>TOGETHER_BASE_URL</td><td>https://api.together.xyz/v1</td>
 *       <td>TOGETHER_API_KEY</td></tr>
 *   <tr><td>Groq_API</td><td>openai</td><td>GROQ_BASE_URL</td><td>https://api.groq.com/openai/v1</td>
 *       <td>GROQ_API_KEY</td></tr>
 *   <tr><td>Anthropic_API</td><td>anthropic</td><td>ANTHROPIC_BASE_URL</td><td>https://api.anthropic.com</td>
 *       <td>ANTHROPIC_API_KEY</td></tr>
 *   <tr><td>Google_API</td><td>gemini</td><td>GEMINI_BASE_URL</td><td>https://generativelanguage.googleapis.com</td>
 *       <td>GEMINI_API_KEY, then GOOGLE_API_KEY</td></tr>
 *   <tr><td>vLLM</td><td>openai</td><td>VLLM_BASE_URL</td><td>http://127.0.0.1:8000/v1</td>
 *       <td>VLLM_API_KEY (optional)</td></tr>
 *   <tr><td>tgi</td><td>openai</td><td>TGI_BASE_URL</td><td>http://127.0.0.1:3000/v1</td>
 *       <td>TGI_API_KEY (optional)</td></tr>
 *   <tr><td>Bedrock_API</td><td>bedrock</td><td>BEDROCK_BASE_URL</td>
 *       <td>https://bedrock-runtime.{AWS_REGION or AWS_REGION_NAME, default us-east-1}.amazonaws.com</td>
 *       <td>AWS_ACCESS_KEY_ID (+ AWS_SECRET_ACCESS_KEY, optional AWS_SESSION_TOKEN; SigV4)</td></tr>
 *   <tr><td>Mock</td><td>mock</td><td></td><td>(none)</td><td>(none)</td></tr>
 * </table>
 */
public final class BuiltinProviders {
  public static final String MOCK = "Mock";
  public static final String BEDROCK = "Bedrock_API";

  private record Builtin(String modelType, String protocol, String baseUrlEnv, String defaultBaseUrl,
      List<String> keyEnvs, boolean keyRequired) {}

  private static final List<Builtin> BUILTINS = List.of(
      new Builtin("OpenAI_API", "openai", "OPENAI_BASE_URL", "https://api.openai.com/v1",
          List.of("OPENAI_API_KEY"), true),
      new Builtin("Together_API", "openai", "TOGETHER_BASE_URL", "https://api.together.xyz/v1",
          List.of("TOGETHER_API_KEY"), true),
      new Builtin("Groq_API", "openai", "GROQ_BASE_URL", "https://api.groq.com/openai/v1",
          List.of("GROQ_API_KEY"), true),
      new Builtin("Anthropic_API", "anthropic", "ANTHROPIC_BASE_URL", "https://api.anthropic.com",
          List.of("ANTHROPIC_API_KEY"), true),
      new Builtin("Google_API", "gemini", "GEMINI_BASE_URL", "https://generativelanguage.googleapis.com",
          List.of("GEMINI_API_KEY", "GOOGLE_API_KEY"), true),
      new Builtin("vLLM", "openai", "VLLM_BASE_URL", "http://127.0.0.1:8000/v1", List.of("VLLM_API_KEY"), false),
      new Builtin("tgi", "openai", "TGI_BASE_URL", "http://127.0.0.1:3000/v1", List.of("TGI_API_KEY"), false),
      new Builtin(BEDROCK, "bedrock", "BEDROCK_BASE_URL", null, List.of("AWS_ACCESS_KEY_ID"), true),
      new Builtin(MOCK, "mock", null, "", List.of(), false));

  private BuiltinProviders() {}

  /** {@code AWS_REGION}, else {@code AWS_REGION_NAME} (LiteLLM's name, used by Archon), else us-east-1. */
  public static String region(Map<String, String> env) {
    for (String name : List.of("AWS_REGION", "AWS_REGION_NAME")) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) return v.strip();
    }
    return "us-east-1";
  }

  /**
   * Every built-in provider by model_type, in the table's order, with base URLs from {@code env} where set (a blank
   * variable counts as unset).
   *
   * @throws ConfigException when a base URL variable is set but is not an http:// or https:// URL
   */
  public static Map<String, ProviderSpec> resolve(Map<String, String> env) {
    Map<String, ProviderSpec> providers = new LinkedHashMap<>();
    for (Builtin b : BUILTINS) {
      // Bedrock's endpoint is regional: https://bedrock-runtime.<AWS_REGION or AWS_REGION_NAME>.amazonaws.com
      String url = b.defaultBaseUrl() != null ? b.defaultBaseUrl() : "https://bedrock-runtime." + region(env) + ".amazonaws.com";
      String fromEnv = b.baseUrlEnv() == null ? null : env.get(b.baseUrlEnv());
      if (fromEnv != null && !fromEnv.isBlank()) {
        url = fromEnv.strip();
        if (!ProviderUrls.isHttp(url)) {
          throw new ConfigException(null, "environment variable " + b.baseUrlEnv(),
              "must be an http:// or https:// URL, got \"" + url + "\"");
        }
      }
      providers.put(b.modelType(), new ProviderSpec(b.modelType(), b.protocol(), ProviderUrls.trimSlash(url),
          b.keyEnvs(), b.keyRequired(), null));
    }
    return providers;
  }
}
