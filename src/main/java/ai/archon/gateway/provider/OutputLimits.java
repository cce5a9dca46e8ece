package ai.archon.gateway.provider;

import ai.archon.gateway.config.ProviderSpec;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clamps the requested output length to what the model can produce. Archon configs often ask for far more than a
 * model allows (e.g. {@code max_tokens: 200000} for Claude), which upstream APIs reject with HTTP 400.
 *
 * <p>The limit is {@link ProviderSpec#maxOutputTokens()} when set, else the longest entry of a built-in table that
 * prefixes the model id (ignoring case and any {@code vendor/} or {@code models/} path before the last slash) and
 * ends at a boundary ({@code -}, {@code :}, {@code @} or the end), so {@code gpt-4} matches {@code gpt-4-0613} but
 * not {@code gpt-4o} or {@code gpt-4.1}. Unknown models are not clamped. Each (provider, model) clamp is logged once
 * at WARN; no prompt text or key is logged.
 */
public final class OutputLimits {
  private static final Logger LOG = LoggerFactory.getLogger(OutputLimits.class);

  /** What an Anthropic call sends when the request sets no max_tokens (Anthropic requires one). */
  public static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

  /** Bound on the remembered (provider, model) pairs: model ids may come from clients in pass-through mode. */
  private static final int MAX_WARNED = 4096;

  /** Known output maxima by model id prefix (lower case). Longest matching prefix wins. */
  static final Map<String, Integer> TABLE = Map.ofEntries(
      // Anthropic
      Map.entry("claude-instant", 4096),
      Map.entry("claude-2", 4096),
      Map.entry("claude-3-haiku", 4096),
      Map.entry("claude-3-sonnet", 4096),
      Map.entry("claude-3-opus", 4096),
      Map.entry("claude-3-5-sonnet", 8192),
      Map.entry("claude-3-5-haiku", 8192),
      Map.entry("claude-3-7-sonnet", 64000),
      Map.entry("claude-sonnet-4", 64000),
      Map.entry("claude-sonnet-4-6", 128000),
      Map.entry("claude-opus-4", 32000),
      Map.entry("claude-opus-4-5", 64000),
      Map.entry("claude-opus-4-6", 128000),
      Map.entry("claude-haiku-4", 64000),
      // OpenAI
      Map.entry("gpt-3.5-turbo", 4096),
      Map.entry("gpt-4", 4096),
      Map.entry("gpt-4-turbo", 4096),
      Map.entry("gpt-4o", 16384),
      Map.entry("gpt-4o-2024-05-13", 4096),
      Map.entry("gpt-4o-mini", 16384),
      Map.entry("chatgpt-4o", 16384),
      Map.entry("gpt-4.1", 32768),
      Map.entry("gpt-4.5", 16384),
      Map.entry("gpt-5", 128000),
      Map.entry("o1", 100000),
      Map.entry("o1-mini", 65536),
      Map.entry("o1-preview", 32768),
      Map.entry("o3", 100000),
      Map.entry("o3-mini", 100000),
      Map.entry("o4-mini", 100000),
      // Google
      Map.entry("gemini-pro", 2048),
      Map.entry("gemini-1.0-pro", 2048),
      Map.entry("gemini-1.5", 8192),
      Map.entry("gemini-2.0", 8192),
      Map.entry("gemini-2.5", 65536));

  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private OutputLimits() { }

  /**
   * The max_tokens to send for {@code requested}: null stays null, except for the Anthropic protocol, which needs a
   * value and gets {@value #ANTHROPIC_DEFAULT_MAX_TOKENS} (or the model's limit, if lower).
   */
  public static Integer clamp(ProviderSpec spec, String model, Integer requested) {
    Integer limit = limit(spec, model);
    if (requested == null) {
      if (!"anthropic".equalsIgnoreCase(spec.protocol())) return null;
      return limit == null ? ANTHROPIC_DEFAULT_MAX_TOKENS : Math.min(ANTHROPIC_DEFAULT_MAX_TOKENS, limit);
    }
    if (limit == null || requested <= limit) return requested;
    String key = spec.modelType() + '\u0000' + model;
    if (WARNED.size() < MAX_WARNED && WARNED.add(key)) {
      LOG.warn("max_tokens {} exceeds the output limit of {} model {}; sending {} instead (logged once per provider and model)",
          requested, spec.modelType(), model, limit);
    }
    return limit;
  }

  /** The output limit for {@code model}: the provider's configured one, else the built-in table's, else null. */
  public static Integer limit(ProviderSpec spec, String model) {
    if (spec.maxOutputTokens() != null) return spec.maxOutputTokens();
    return builtIn(model);
  }

  /** The built-in table's limit for {@code model}, or null when the model is not known. */
  public static Integer builtIn(String model) {
    if (model == null || model.isEmpty()) return null;
    String id = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    Integer best = null;
    int bestLen = -1;
    for (Map.Entry<String, Integer> e : TABLE.entrySet()) {
      String prefix = e.getKey();
      if (prefix.length() > bestLen && id.startsWith(prefix) && boundary(id, prefix.length())) {
        best = e.getValue();
        bestLen = prefix.length();
      }
    }
    return best;
  }

  private static boolean boundary(String id, int at) {
    if (at == id.length()) return true;
    char c = id.charAt(at);
    return c == '-' || c == ':' || c == '@';
  }
}
