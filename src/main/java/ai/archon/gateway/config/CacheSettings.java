package ai.archon.gateway.config;

/**
 * The exact response cache: how long an answer is kept ({@code ttlS}; 0 turns the cache off) and how many answers
 * the in-memory cache holds at most. Set in the settings file and overridable per config.
 */
public record CacheSettings(long ttlS, long maxEntries) {
  public static final CacheSettings DEFAULT = new CacheSettings(3600, 10_000);
  /** A config's base: -1 = "not given, the gateway's value applies". */
  static final CacheSettings INHERIT = new CacheSettings(-1, -1);

  /** These settings, taking from {@code base} what a config left out. */
  public CacheSettings over(CacheSettings base) {
    return new CacheSettings(ttlS < 0 ? base.ttlS() : ttlS, maxEntries < 0 ? base.maxEntries() : maxEntries);
  }

  public boolean enabled() { return ttlS > 0 && maxEntries > 0; }
}
