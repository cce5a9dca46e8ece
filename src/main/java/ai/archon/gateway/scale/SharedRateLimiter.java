package ai.archon.gateway.scale;

import ai.archon.gateway.observe.GatewayEvents;
import ai.archon.gateway.server.ApiException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits (requests or tokens per minute) shared by every replica through Redis: each check is one atomic
 * script call (EVALSHA, EVAL when Redis does not know the script yet), so N replicas together admit exactly the
 * limit. While Redis is unreachable a check uses this replica's share (limit ÷ {@code redis.replicas_hint}) in
 * memory, or refuses with 503 when {@code redis.on_failure} is {@code reject}; shared limiting resumes with the
 * next check once Redis is back.
 */
public final class SharedRateLimiter {
  /** rpm and tpm are per minute. */
  public static final long WINDOW_MS = 60_000;
  private static final String SCRIPT = script();
  private static final String SHA = sha1(SCRIPT);

  private final RedisState redis;
  private final GatewayEvents events;
  private final Map<String, LocalBucket> local = new ConcurrentHashMap<>();
  private final Map<String, Permit> last = new ConcurrentHashMap<>();

  public SharedRateLimiter(RedisState redis, GatewayEvents events) {
    this.redis = redis;
    this.events = events;
  }

  /**
   * Takes {@code cost} from the limit {@code scope/name/dimension} (e.g. provider/Together_API/rpm) of {@code limit}
   * per minute. A permit with {@code waitMs > 0} is a reservation: the call may go after that wait and must not ask
   * again. Not allowed means the wait would exceed {@code maxWaitMs}.
   */
  public Future<Permit> acquire(String scope, String name, String dimension, long limit, long cost, long maxWaitMs) {
    return check(scope, name, dimension, limit, cost, maxWaitMs, false);
  }

  /**
   * Applies a correction after the call, e.g. the tokens the provider reported minus the estimate taken before it:
   * positive takes more, negative gives back; never refused.
   */
  public Future<Permit> correct(String scope, String name, String dimension, long limit, long delta) {
    return check(scope, name, dimension, limit, delta, 0, true);
  }

  /** What is left of a limit now, without taking anything. */
  public Future<Permit> peek(String scope, String name, String dimension, long limit) {
    return check(scope, name, dimension, limit, 0, 0, false);
  }

  /** The last answer seen for every limit of {@code scope}, by name then dimension, for the admin view. */
  public ObjectNode counters(String scope) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    String prefix = scope + "/";
    last.forEach((k, p) -> {
      if (!k.startsWith(prefix)) return;
      int slash = k.lastIndexOf('/');
      ObjectNode n = out.withObject(k.substring(prefix.length(), slash)).putObject(k.substring(slash + 1));
      n.put("limit", p.limit());
      n.put("remaining", Math.max(0, p.remaining()));
      n.put("reset_ms", p.resetMs());
      n.put("shared", p.shared());
    });
    return out;
  }

  private Future<Permit> check(String scope, String name, String dimension, long limit, long cost, long maxWaitMs,
      boolean force) {
    String id = scope + "/" + name + "/" + dimension;
    if (!redis.up()) return fallback(id, scope, limit, cost, maxWaitMs, force);
    String key = redis.key("rl:" + id);
    return eval(key, limit, cost, maxWaitMs, force)
        .map(r -> new Permit(r.get(0).toInteger() == 1, r.get(2).toLong(), r.get(1).toLong(), r.get(3).toLong(),
            limit, true))
        // Any store failure (down, timeout, error reply) ends in the local fallback: a request never fails for it
        // unless the operator asked for "reject".
        .recover(t -> fallback(id, scope, limit, cost, maxWaitMs, force))
        .onSuccess(p -> last.put(id, p));
  }

  private Future<Response> eval(String key, long limit, long cost, long maxWaitMs, boolean force) {
    return redis.send(args(Request.cmd(Command.EVALSHA).arg(SHA), key, limit, cost, maxWaitMs, force))
        .recover(t -> t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")
            ? redis.send(args(Request.cmd(Command.EVAL).arg(SCRIPT), key, limit, cost, maxWaitMs, force))
            : Future.failedFuture(t));
  }

  private static Request args(Request r, String key, long limit, long cost, long maxWaitMs, boolean force) {
    return r.arg(1).arg(key).arg(limit).arg(WINDOW_MS).arg(cost).arg(maxWaitMs).arg(force ? 1 : 0);
  }

  private Future<Permit> fallback(String id, String scope, long limit, long cost, long maxWaitMs, boolean force) {
    if (redis.settings().rejectWhenDown() && !force) {
      events.sharedStoreFallback(scope, "reject");
      return Future.failedFuture(new ApiException(503, "server_error", "shared_limits_unavailable", null,
          "the shared rate-limit store (Redis) is unreachable and redis.on_failure is \"reject\"; try again shortly"));
    }
    if (!force) events.sharedStoreFallback(scope, "local");
    long share = Math.max(1, limit / Math.max(1, redis.settings().replicasHint()));
    // A limit whose value changed (config reload) gets a fresh bucket.
    LocalBucket bucket = local.compute(id, (k, b) -> b != null && b.capacity() == share
        ? b : new LocalBucket(share, WINDOW_MS, System.currentTimeMillis()));
    Permit p = bucket.take(cost, maxWaitMs, force, System.currentTimeMillis());
    last.put(id, p);
    return Future.succeededFuture(p);
  }

  private static String script() {
    try (InputStream in = SharedRateLimiter.class.getResourceAsStream("/archon/rate_limit.lua")) {
      if (in == null) throw new IllegalStateException("rate_limit.lua missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
