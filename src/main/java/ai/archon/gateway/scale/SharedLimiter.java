package ai.archon.gateway.scale;

import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.resilience.Limiter;
import ai.archon.gateway.resilience.LocalLimiter;
import ai.archon.gateway.resilience.RateLimitedException;
import ai.archon.gateway.api.ApiException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * One provider's or gateway key's rpm/tpm, enforced across every replica by {@link SharedRateLimiter} (one atomic
 * check of both buckets per call). While Redis cannot answer, the check goes to this replica's share of the limits
 * (limit ÷ {@code redis.replicas_hint}, a {@link LocalLimiter}), or is refused with 503 when {@code on_failure} is
 * {@code reject}; the next check after Redis is back is shared again.
 */
public final class SharedLimiter implements Limiter {
  private final SharedRateLimiter store;
  private final GatewayEvents events;
  private final String scope;
  private final String name;
  private final long rpm;
  private final long tpm;
  /** {@code <scope>/<name>/}: the start of this limiter's bucket keys, built once rather than on every check. */
  private final String keyPrefix;
  private final LocalLimiter local;

  public SharedLimiter(SharedRateLimiter store, GatewayEvents events, String scope, String name, long rpm, long tpm) {
    this.store = store;
    this.events = events;
    this.keyPrefix = scope + "/" + name + "/";
    this.scope = scope;
    this.name = name;
    this.rpm = rpm;
    this.tpm = tpm;
    int replicas = Math.max(1, store.redis().settings().replicasHint());
    this.local = new LocalLimiter(scope, name, share(rpm, replicas), share(tpm, replicas));
  }

  private static long share(long limit, int replicas) {
    return limit <= 0 ? 0 : Math.max(1, limit / replicas);
  }

  @Override
  public Future<Reservation> reserve(long tokens, long maxWaitMs) {
    long cost = tpm > 0 ? Math.min(Math.max(0, tokens), tpm) : Math.max(0, tokens);
    List<Permit.Bucket> buckets = buckets(1, cost);
    if (buckets.isEmpty()) return Future.succeededFuture(new Shared(this, 0, 0));
    if (!store.redis().up()) return fallback(tokens, maxWaitMs);
    return store.take(buckets, maxWaitMs, false)
        .<Reservation>compose(p -> p.allowed()
            ? Future.succeededFuture(new Shared(this, p.waitMs(), cost))
            : Future.failedFuture(new RateLimitedException(scope, name, p.waitMs(), scope + " " + name
                + " is over its shared rate limit (rpm " + rpm + ", tpm " + tpm + "); the next slot is in "
                + p.waitMs() + " ms")))
        .recover(t -> t instanceof RateLimitedException ? Future.failedFuture(t) : fallback(tokens, maxWaitMs));
  }

  @Override
  public Usage usage() {
    if (!store.redis().up()) return local.usage();
    Permit.Left r = store.last(keyPrefix + "rpm");
    Permit.Left t = store.last(keyPrefix + "tpm");
    long requests = r == null ? 0 : Math.max(0, rpm - r.remaining());
    long tokens = t == null ? 0 : Math.max(0, tpm - t.remaining());
    long reset = Math.max(r == null ? 0 : r.resetMs(), t == null ? 0 : t.resetMs());
    return new Usage(requests, tokens, reset);
  }

  /** True while the last checks went to Redis (for the admin view). */
  public boolean shared() {
    return store.redis().up();
  }

  private List<Permit.Bucket> buckets(long requests, long tokens) {
    List<Permit.Bucket> b = new ArrayList<>(2);
    if (rpm > 0) b.add(new Permit.Bucket(keyPrefix + "rpm", rpm, requests));
    if (tpm > 0) b.add(new Permit.Bucket(keyPrefix + "tpm", tpm, tokens));
    return b;
  }

  private Future<Reservation> fallback(long tokens, long maxWaitMs) {
    if (store.redis().settings().rejectWhenDown()) {
      events.sharedStoreFallback(scope, "reject");
      return Future.failedFuture(new ApiException(503, "server_error", "shared_limits_unavailable", null,
          "the shared rate-limit store (Redis) is unreachable and redis.on_failure is \"reject\"; try again shortly"));
    }
    events.sharedStoreFallback(scope, "local");
    return local.reserve(tokens, maxWaitMs);
  }

  /**
   * A reservation counted in Redis by {@code limiter}: corrections and refunds are forced checks (never refused, best
   * effort).
   */
  private record Shared(SharedLimiter limiter, long waitMs, long estimate) implements Reservation {
    @Override
    public void settle(long actualTokens) {
      if (limiter.tpm <= 0 || actualTokens == estimate) return;
      limiter.store.take(List.of(new Permit.Bucket(limiter.keyPrefix + "tpm", limiter.tpm, actualTokens - estimate)), 0,
          true);
    }

    @Override
    public void cancel() {
      List<Permit.Bucket> refund = limiter.buckets(-1, -estimate);
      if (!refund.isEmpty()) limiter.store.take(refund, 0, true);
    }
  }
}
