package ai.archon.gateway.scale;

import ai.archon.gateway.config.Settings;
import ai.archon.gateway.observe.GatewayEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * What replicas share, built once per gateway from the settings: the Redis connection (absent without
 * {@code redis.url} / {@code ARCHON_REDIS_URL}), the shared rate limiter and breaker channel on top of it, and the
 * response cache (in Redis when configured, else in memory).
 */
public final class ScaleOut {
  private final RedisState redis;
  private final SharedRateLimiter limiter;
  private final BreakerChannel breakers;
  private final ExactCache cache;

  private ScaleOut(RedisState redis, SharedRateLimiter limiter, BreakerChannel breakers, ExactCache cache) {
    this.redis = redis;
    this.limiter = limiter;
    this.breakers = breakers;
    this.cache = cache;
  }

  /** Connects to Redis when configured; completes even when Redis is unreachable (it reconnects later). */
  public static Future<ScaleOut> start(Vertx vertx, Settings settings, GatewayEvents events) {
    if (!settings.redis().enabled()) {
      return Future.succeededFuture(new ScaleOut(null, null, null,
          new ExactCache(new MemoryResponseCache(), settings.cache(), events)));
    }
    RedisState redis = new RedisState(vertx, settings.redis(), events);
    ScaleOut scale = new ScaleOut(redis, new SharedRateLimiter(redis, events), new BreakerChannel(vertx, redis),
        new ExactCache(new RedisResponseCache(redis), settings.cache(), events));
    return redis.start().map(scale);
  }

  /** The shared rate limiter, or null when no Redis is configured (limits are then local to this process). */
  public SharedRateLimiter limiter() { return limiter; }

  /** The breaker transition channel, or null when no Redis is configured. */
  public BreakerChannel breakers() { return breakers; }

  public ExactCache cache() { return cache; }

  public boolean redisConfigured() { return redis != null; }

  /**
   * False only while Redis is down and {@code on_failure} is {@code reject}: then this replica refuses rate-limited
   * work, and a load balancer should prefer others. With {@code local} it keeps serving on its local share.
   */
  public boolean ready() {
    return redis == null || redis.up() || !redis.settings().rejectWhenDown();
  }

  /** For {@code /ready}: the Redis state and what the gateway does meanwhile. */
  public void describe(ObjectNode ready) {
    if (redis == null) return;
    ObjectNode n = ready.putObject("redis");
    n.put("state", redis.state());
    n.put("limits", redis.up() ? "shared" : redis.settings().rejectWhenDown() ? "reject" : "local");
    if (!redis.up() && !redis.lastError().isEmpty()) n.put("error", redis.lastError());
  }

  public Future<Void> close() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
