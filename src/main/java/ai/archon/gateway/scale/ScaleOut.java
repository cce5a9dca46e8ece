package ai.archon.gateway.scale;

import ai.archon.gateway.config.Settings;
import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.resilience.Guards;
import ai.archon.gateway.resilience.SharedBreakerState;
import ai.archon.gateway.resilience.Limiters;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * What replicas share, built once per gateway from the settings: the Redis connection (absent without
 * {@code redis.url} / {@code ARCHON_REDIS_URL}), the shared rate limiter and breaker channel on top of it, and the
 * response cache and the Responses API store (in Redis when configured, else in memory).
 */
public final class ScaleOut {
  private final RedisState redis;
  private final SharedRateLimiter limiter;
  private final BreakerChannel breakers;
  private final ExactCache cache;
  private final ResponseStore responses;
  private GatewayEvents events = GatewayEvents.NONE;

  private ScaleOut(RedisState redis, SharedRateLimiter limiter, BreakerChannel breakers, ExactCache cache,
      ResponseStore responses) {
    this.redis = redis;
    this.responses = responses;
    this.limiter = limiter;
    this.breakers = breakers;
    this.cache = cache;
  }

  /** Connects to Redis when configured; completes even when Redis is unreachable (it reconnects later). */
  public static Future<ScaleOut> start(Vertx vertx, Settings settings, GatewayEvents events) {
    if (!settings.redis().enabled()) {
      return Future.succeededFuture(new ScaleOut(null, null, null,
          new ExactCache(new MemoryResponseCache(), settings.cache(), events),
          new MemoryResponseStore(settings.responses())));
    }
    RedisState redis = new RedisState(vertx, settings.redis(), events);
    ScaleOut scale = new ScaleOut(redis, new SharedRateLimiter(redis), new BreakerChannel(vertx, redis),
        new ExactCache(new RedisResponseCache(redis), settings.cache(), events),
        new RedisResponseStore(redis, settings.responses()));
    scale.events = events;
    return redis.start().map(scale);
  }

  /** The shared rate limiter, or null when no Redis is configured (limits are then local to this process). */
  public SharedRateLimiter limiter() { return limiter; }

  /** How providers and gateway keys get their rpm/tpm limiter: shared through Redis when configured, else local. */
  public Limiters limiters() {
    if (limiter == null) return Limiters.LOCAL;
    return (scope, name, rpm, tpm) -> new SharedLimiter(limiter, events, scope, name, rpm, tpm);
  }

  /** The breaker transition channel, or null when no Redis is configured. */
  public BreakerChannel breakers() { return breakers; }

  public ExactCache cache() { return cache; }

  /** The Responses API store: in Redis when configured, else in this replica's memory. */
  public ResponseStore responses() { return responses; }

  public boolean redisConfigured() { return redis != null; }

  /**
   * False only while Redis is down and {@code on_failure} is {@code reject}: then this replica refuses rate-limited
   * work, and a load balancer should prefer others. With {@code local} it keeps serving on its local share.
   */
  public boolean ready() {
    return redis == null || redis.up() || !redis.settings().rejectWhenDown();
  }

  /** Shares the breakers of providers with {@code circuit_breaker.shared: true} with the other replicas. */
  public void shareBreakers(Guards guards) {
    if (breakers == null) return;
    guards.publishBreakers((name, state) -> breakers.publish(name, state.name()));
    breakers.listen((name, state) -> guards.applyShared(name, SharedBreakerState.parse(state)));
  }

  /** For {@code /ready}: the Redis state and what the gateway does meanwhile. */
  public void describe(ObjectNode ready) {
    if (redis == null) return;
    ObjectNode n = ready.putObject("redis");
    n.put("state", redis.state());
    n.put("limits", redis.up() ? "shared" : redis.settings().rejectWhenDown() ? "reject" : "local");
    if (!redis.up() && !redis.lastError().isEmpty()) n.put("error", redis.lastError());
  }

  /**
   * The admin view plus what replicas share: {@code "shared": {"redis": state, "providers": {...}, "keys": {...}}}
   * with each limit's last-seen shared counters (limit, remaining, reset_ms); breaker states stay the local ones.
   */
  public ObjectNode withCounters(ObjectNode view) {
    if (redis == null) return view;
    ObjectNode shared = view.putObject("shared");
    shared.put("redis", redis.state());
    shared.put("breaker_channel", breakers.subscribed() ? "subscribed" : "not subscribed");
    shared.set("providers", limiter.counters("provider"));
    shared.set("keys", limiter.counters("key"));
    return view;
  }

  public Future<Void> close() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
