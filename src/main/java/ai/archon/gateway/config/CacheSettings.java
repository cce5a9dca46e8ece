package ai.archon.gateway.config;

/**
 * The exact response cache: how long an answer is kept ({@code ttlS}; 0 turns the cache off), how many answers
 * the in-memory cache holds at most, and its {@code scope}: {@code "key"} (an answer is reused only for the gateway
 * key that asked for it) or {@code "global"} (shared by every key). Set in the settings file and overridable per
 * config.
 */
public record CacheSettings(long ttlS, long maxEntries, String scope) {
  public static final String KEY_SCOPE = "key";
  public static final String GLOBAL_SCOPE = "global";
  public static final CacheSettings DEFAULT = new CacheSettings(3600, 10_000, KEY_SCOPE);
  /** A config's base: -1 / null = "not given, the gateway's value applies". */
  static final CacheSettings INHERIT = new CacheSettings(-1, -1, null);

  public CacheSettings(long ttlS, long maxEntries) {
    this(ttlS, maxEntries, KEY_SCOPE);
  }

  /** These settings, taking from {@code base} what a config left out. */
  public CacheSettings over(CacheSettings base) {
    return new CacheSettings(ttlS < 0 ? base.ttlS() : ttlS, maxEntries < 0 ? base.maxEntries() : maxEntries,
        scope == null ? base.scope() : scope);
  }

  /** True when answers are shared across gateway keys. */
  public boolean global() { return GLOBAL_SCOPE.equals(scope); }

  public boolean enabled() { return ttlS > 0 && maxEntries > 0; }
}
