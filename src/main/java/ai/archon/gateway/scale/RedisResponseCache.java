package ai.archon.gateway.scale;

import ai.archon.gateway.config.CacheSettings;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response cache shared by replicas: one Redis string per answer, {@code <key_prefix>cache:<key>}, expiring
 * after {@code ttl_s} (Redis's own eviction bounds the size, not {@code max_entries}). While Redis is down every
 * lookup is a miss and nothing is stored: answers are never served stale or from a private copy.
 */
public final class RedisResponseCache implements ResponseCache {
  private static final Logger LOG = LoggerFactory.getLogger(RedisResponseCache.class);
  private final RedisState redis;

  public RedisResponseCache(RedisState redis) {
    this.redis = redis;
  }

  @Override
  public Future<CachedAnswer> get(String key, CacheSettings settings) {
    return redis.send(Request.cmd(Command.GET).arg(redis.key("cache:" + key)))
        .map(r -> {
          if (r == null) return null;
          try {
            return CachedAnswer.fromJson(r.toString());
          } catch (Exception e) {
            LOG.warn("ignoring an unreadable cached answer");
            return (CachedAnswer) null;
          }
        })
        .otherwise((CachedAnswer) null);
  }

  @Override
  public void put(String key, CachedAnswer answer, CacheSettings settings) {
    redis.send(Request.cmd(Command.SET).arg(redis.key("cache:" + key)).arg(answer.toJson())
            .arg("EX").arg(settings.ttlS()))
        .onFailure(t -> LOG.debug("answer not cached: {}", t.getMessage()));
  }
}
