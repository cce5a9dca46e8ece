package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads the {@code "redis"} and {@code "cache"} objects of the settings file (and {@code "cache"} of an Archon
 * config); every message names the file and field.
 */
public final class ScaleSettingsParser {
  public static final String REDIS_URL_ENV = "ARCHON_REDIS_URL";
  private static final Set<String> REDIS_KEYS = Set.of("url", "key_prefix", "on_failure", "replicas_hint");
  private static final Set<String> CACHE_KEYS = Set.of("ttl_s", "max_entries", "scope");

  private ScaleSettingsParser() { }

  /** The redis section (absent = no Redis unless {@code ARCHON_REDIS_URL} is set, which wins over the file's url). */
  public static RedisSettings redis(JsonNode node, Path file, Map<String, String> env, BiConsumer<String, String> warnings) {
    RedisSettings result = RedisSettings.NONE;
    if (node != null && !node.isNull()) {
      if (!node.isObject()) throw new ConfigException(file, "redis", "must be an object, got " + StrictJson.describe(node));
      warnUnknown(node, "redis", REDIS_KEYS, file, warnings);
      String url = text(node, "url", file, null);
      if (url != null && !url.startsWith("redis://") && !url.startsWith("rediss://") && !url.startsWith("unix://")) {
        throw new ConfigException(file, "redis.url", "must be a redis://, rediss:// or unix:// URL");
      }
      String prefix = text(node, "key_prefix", file, RedisSettings.DEFAULT_PREFIX);
      String onFailure = text(node, "on_failure", file, RedisSettings.LOCAL);
      if (!onFailure.equals(RedisSettings.LOCAL) && !onFailure.equals(RedisSettings.REJECT)) {
        throw new ConfigException(file, "redis.on_failure", "must be \"local\" or \"reject\", got \"" + onFailure + "\"");
      }
      long hint = whole(node, "replicas_hint", file, "redis.", 1, 1);
      result = new RedisSettings(url, prefix, onFailure, (int) Math.min(hint, 10_000));
    }
    String fromEnv = env.get(REDIS_URL_ENV);
    return fromEnv == null || fromEnv.isBlank() ? result : result.withUrl(fromEnv.strip());
  }

  /** A cache section (of the settings file or of a config) on top of {@code base}. */
  public static CacheSettings cache(JsonNode node, Path file, CacheSettings base, BiConsumer<String, String> warnings) {
    if (node == null || node.isNull()) return base;
    if (!node.isObject()) throw new ConfigException(file, "cache", "must be an object, got " + StrictJson.describe(node));
    warnUnknown(node, "cache", CACHE_KEYS, file, warnings);
    JsonNode s = node.get("scope");
    String scope = s == null || s.isNull() ? base.scope() : s.isTextual() ? s.asText() : StrictJson.describe(s);
    if (scope != null && !scope.equals(CacheSettings.KEY_SCOPE) && !scope.equals(CacheSettings.GLOBAL_SCOPE)) {
      throw new ConfigException(file, "cache.scope", "must be \"key\" or \"global\", got \"" + scope + "\"");
    }
    return new CacheSettings(whole(node, "ttl_s", file, "cache.", base.ttlS(), 0),
        whole(node, "max_entries", file, "cache.", base.maxEntries(), 0), scope);
  }

  /** {@code circuit_breaker.shared}: a boolean. */
  static boolean flag(JsonNode obj, String key, Path file, String field, boolean fallback) {
    JsonNode n = obj.get(key);
    if (n == null || n.isNull()) return fallback;
    if (!n.isBoolean()) throw new ConfigException(file, field + "." + key, "must be true or false, got " + StrictJson.describe(n));
    return n.asBoolean();
  }

  private static String text(JsonNode obj, String key, Path file, String fallback) {
    JsonNode n = obj.get(key);
    if (n == null || n.isNull()) return fallback;
    if (!n.isTextual() || n.asText().isBlank()) {
      throw new ConfigException(file, "redis." + key, "must be a non-empty string, got " + StrictJson.describe(n));
    }
    return n.asText().strip();
  }

  private static long whole(JsonNode obj, String key, Path file, String prefix, long fallback, long min) {
    JsonNode n = obj.get(key);
    if (n == null || n.isNull()) return fallback;
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min) {
      throw new ConfigException(file, prefix + key, "must be a whole number, at least " + min + ", got "
          + StrictJson.describe(n));
    }
    return n.asLong();
  }

  private static void warnUnknown(JsonNode obj, String field, Set<String> known, Path file, BiConsumer<String, String> warnings) {
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        warnings.accept(field + "." + key, "unknown key" + KeySuggester.hint(key, known) + " ignored");
      }
    }
  }
}
