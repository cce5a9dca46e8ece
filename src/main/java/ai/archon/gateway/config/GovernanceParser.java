package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads the resilience and governance keys of a settings file into {@link Governance}: under each
 * {@code providers.<model_type>} the keys {@code timeout_ms}, {@code stream_idle_timeout_ms}, {@code retry},
 * {@code circuit_breaker} and {@code rate_limit}; the top-level {@code keys} list; and {@code defaults}. Every key is
 * optional; a wrong value is a {@link ConfigException} naming the file and field.
 */
final class GovernanceParser {
  static final Set<String> PROVIDER_KEYS = Set.of("timeout_ms", "stream_idle_timeout_ms", "retry", "circuit_breaker",
      "rate_limit");
  private static final Set<String> RETRY_KEYS = Set.of("max_attempts", "initial_backoff_ms", "max_backoff_ms",
      "max_retry_after_ms");
  private static final Set<String> BREAKER_KEYS = Set.of("shared", "scope", "window_size", "minimum_calls",
      "failure_rate_threshold", "open_ms", "half_open_calls");
  private static final Set<String> RATE_KEYS = Set.of("rpm", "tpm", "max_concurrency", "max_queue_ms");
  private static final Set<String> KEY_KEYS = Set.of("key_env", "name", "rpm", "tpm", "models", "budget");
  private static final Set<String> SPEND_KEYS = Set.of("budgets", "file");
  private static final Set<String> DEFAULTS_KEYS = Set.of("request_timeout_ms", "min_candidates",
      "layer_deadline_percent", "straggler_grace_ms");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Path file;
  private final Consumer<String> warnings;

  GovernanceParser(Path file, Consumer<String> warnings) {
    this.file = file;
    this.warnings = warnings;
  }

  Governance parse(JsonNode root) {
    Map<String, ProviderPolicy> policies = new LinkedHashMap<>();
    JsonNode providers = root.get("providers");
    if (providers != null && providers.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = providers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isObject()) policies.put(e.getKey(), policy(e.getValue(), "providers." + e.getKey()));
      }
    }
    JsonNode defaults = object(root, "defaults", "defaults");
    long requestTimeout = Governance.DEFAULT_REQUEST_TIMEOUT_MS;
    int minCandidates = 1;
    int percent = Governance.EVEN_SHARE;
    long grace = Governance.DEFAULT_STRAGGLER_GRACE_MS;
    if (defaults != null) {
      warnUnknown(defaults, "defaults", DEFAULTS_KEYS);
      requestTimeout = number(defaults, "request_timeout_ms", "defaults", requestTimeout, 1);
      minCandidates = (int) number(defaults, "min_candidates", "defaults", minCandidates, 1);
      percent = (int) Math.min(100, number(defaults, "layer_deadline_percent", "defaults", percent, 0));
      grace = number(defaults, "straggler_grace_ms", "defaults", grace, 0);
    }
    return new Governance(policies, keys(root.get("keys")),
        new Governance.Defaults(requestTimeout, minCandidates, percent, grace), spend(object(root, "spend", "spend")));
  }

  /** {@code "spend": {"budgets": {"<virtual model>": {"usd": x, "period": p}}, "file": "path"}}. */
  private SpendSettings spend(JsonNode spend) {
    if (spend == null) return SpendSettings.NONE;
    warnUnknown(spend, "spend", SPEND_KEYS);
    Map<String, Budget> budgets = new LinkedHashMap<>();
    JsonNode b = object(spend, "budgets", "spend.budgets");
    if (b != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        budgets.put(e.getKey(), Budget.parse(e.getValue(), file, "spend.budgets." + e.getKey()));
      }
    }
    Path path = spend.hasNonNull("file") ? Path.of(text(spend.get("file"), "spend.file")) : null;
    return new SpendSettings(budgets, path);
  }

  private ProviderPolicy policy(JsonNode entry, String field) {
    ProviderPolicy d = ProviderPolicy.DEFAULT;
    long timeout = number(entry, "timeout_ms", field, d.timeoutMs(), 1);
    long idle = number(entry, "stream_idle_timeout_ms", field, d.streamIdleTimeoutMs(), 1);
    ProviderPolicy.Retry retry = d.retry();
    JsonNode r = object(entry, "retry", field + ".retry");
    if (r != null) {
      String f = field + ".retry";
      warnUnknown(r, f, RETRY_KEYS);
      retry = new ProviderPolicy.Retry((int) number(r, "max_attempts", f, retry.maxAttempts(), 1),
          number(r, "initial_backoff_ms", f, retry.initialBackoffMs(), 0),
          number(r, "max_backoff_ms", f, retry.maxBackoffMs(), 0),
          number(r, "max_retry_after_ms", f, retry.maxRetryAfterMs(), 0));
    }
    ProviderPolicy.Breaker breaker = d.breaker();
    JsonNode b = object(entry, "circuit_breaker", field + ".circuit_breaker");
    if (b != null) {
      String f = field + ".circuit_breaker";
      warnUnknown(b, f, BREAKER_KEYS);
      String scope = breaker.scope();
      if (b.hasNonNull("scope")) {
        JsonNode s = b.get("scope");
        if (!s.isTextual() || !Set.of("provider", "model").contains(s.asText())) {
          throw fail(f + ".scope", "must be \"provider\" or \"model\", got " + StrictJson.describe(s));
        }
        scope = s.asText();
      }
      long threshold = number(b, "failure_rate_threshold", f, (long) breaker.failureRateThreshold(), 1);
      if (threshold > 100) throw fail(f + ".failure_rate_threshold", "must be a percentage from 1 to 100");
      var trip = new ProviderPolicy.Trip((int) number(b, "window_size", f, breaker.windowSize(), 1),
          (int) number(b, "minimum_calls", f, breaker.minimumCalls(), 1), (float) threshold);
      breaker = new ProviderPolicy.Breaker(scope, trip, number(b, "open_ms", f, breaker.openMs(), 1), (int) number(b, "half_open_calls", f, breaker.halfOpenCalls(), 1),
          ScaleSettingsParser.flag(b, "shared", file, f, breaker.shared()));
    }
    ProviderPolicy.RateLimit rate = d.rateLimit();
    JsonNode l = object(entry, "rate_limit", field + ".rate_limit");
    if (l != null) {
      String f = field + ".rate_limit";
      warnUnknown(l, f, RATE_KEYS);
      rate = new ProviderPolicy.RateLimit(number(l, "rpm", f, 0, 0), number(l, "tpm", f, 0, 0),
          (int) number(l, "max_concurrency", f, rate.maxConcurrency(), 1), number(l, "max_queue_ms", f, rate.maxQueueMs(), 0));
    }
    return new ProviderPolicy(timeout, idle, retry, breaker, rate);
  }

  private List<ClientKeySpec> keys(JsonNode keys) {
    List<ClientKeySpec> out = new ArrayList<>();
    if (keys == null || keys.isNull()) return out;
    if (!keys.isArray()) throw fail("keys", "must be an array of key objects, got " + StrictJson.describe(keys));
    int i = 0;
    for (JsonNode k : keys) {
      String f = "keys[" + i++ + "]";
      if (!k.isObject()) throw fail(f, "must be an object, got " + StrictJson.describe(k));
      warnUnknown(k, f, KEY_KEYS);
      JsonNode env = k.get("key_env");
      // Never echo the value: a common mistake is pasting the key itself here.
      if (env == null || !env.isTextual() || !ENV_NAME.matcher(env.asText()).matches()) {
        throw fail(f + ".key_env", "must name the environment variable that holds the key (like TEAM_A_KEY)");
      }
      String name = k.hasNonNull("name") ? text(k.get("name"), f + ".name") : env.asText();
      List<String> models = new ArrayList<>();
      JsonNode m = k.get("models");
      if (m == null || m.isNull()) {
        models.add("*");
      } else if (!m.isArray()) {
        throw fail(f + ".models", "must be an array of model names (\"*\" for all), got " + StrictJson.describe(m));
      } else {
        for (JsonNode model : m) models.add(text(model, f + ".models"));
      }
      Budget budget = k.hasNonNull("budget") ? Budget.parse(k.get("budget"), file, f + ".budget") : null;
      out.add(new ClientKeySpec(env.asText(), name, number(k, "rpm", f, 0, 0), number(k, "tpm", f, 0, 0), models,
          budget));
    }
    return out;
  }

  private JsonNode object(JsonNode parent, String key, String field) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) return null;
    if (!n.isObject()) throw fail(field, "must be an object, got " + StrictJson.describe(n));
    return n;
  }

  private long number(JsonNode obj, String key, String field, long fallback, long min) {
    JsonNode n = obj.get(key);
    if (n == null || n.isNull()) return fallback;
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min) {
      throw fail(field + "." + key, "must be a whole number, at least " + min + ", got " + StrictJson.describe(n));
    }
    return n.asLong();
  }

  private String text(JsonNode n, String field) {
    if (!n.isTextual() || n.asText().isBlank()) throw fail(field, "must be a non-empty string, got " + StrictJson.describe(n));
    return n.asText();
  }

  private void warnUnknown(JsonNode obj, String field, Set<String> known) {
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        warnings.accept(file + ": " + field + "." + key + ": unknown key" + KeySuggester.hint(key, known) + " ignored");
      }
    }
  }

  private ConfigException fail(String field, String reason) {
    return new ConfigException(file, field, reason);
  }
}
