package ai.archon.gateway.config;

/**
 * The shared store for many replicas: {@code url} (null = no Redis, every limit and the cache stay in this process),
 * the prefix of every key the gateway writes, what to do when Redis is unreachable ({@code local}: fall back to this
 * replica's share of each limit; {@code reject}: answer 503) and how many replicas share the limits (the share is
 * limit ÷ {@code replicasHint}).
 */
public record RedisSettings(String url, String keyPrefix, String onFailure, int replicasHint) {
  public static final String DEFAULT_PREFIX = "archon:";
  public static final String LOCAL = "local";
  public static final String REJECT = "reject";
  public static final RedisSettings NONE = new RedisSettings(null, DEFAULT_PREFIX, LOCAL, 1);

  public boolean enabled() { return url != null && !url.isBlank(); }

  public boolean rejectWhenDown() { return REJECT.equals(onFailure); }

  /** The same settings with another URL (ARCHON_REDIS_URL). */
  public RedisSettings withUrl(String newUrl) {
    return new RedisSettings(newUrl, keyPrefix, onFailure, replicasHint);
  }
}
