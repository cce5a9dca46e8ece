package ai.archon.gateway.scale;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (requests or tokens per minute) in Redis, shared by every replica: each check of one call against
 * all its buckets is one atomic script call (EVALSHA, EVAL when Redis does not know the script yet), so N replicas
 * together admit exactly the limit. Fails with {@link SharedStoreUnavailableException} (or the timeout) when Redis
 * cannot answer; {@link SharedLimiter} then falls back.
 */
public final class SharedRateLimiter {
  /** rpm and tpm are per minute. */
  public static final long WINDOW_MS = 60_000;
  private static final LuaScript SCRIPT = LuaScript.load("/archon/rate_limit.lua");

  private final RedisState redis;
  private final Map<String, Permit.Left> last = new ConcurrentHashMap<>();

  public SharedRateLimiter(RedisState redis) {
    this.redis = redis;
  }

  public RedisState redis() {
    return redis;
  }

  /**
   * Takes every bucket's cost if the call can go within {@code maxWaitMs} (a permit with {@code waitMs > 0} is a
   * reservation: go after that wait, do not ask again); takes nothing otherwise. {@code force} (corrections and
   * refunds after the call) always applies.
   */
  public Future<Permit> take(List<Permit.Bucket> buckets, long maxWaitMs, boolean force) {
    return SCRIPT.run(redis, r -> args(r, buckets, maxWaitMs, force)).map(r -> permit(r, buckets));
  }

  /** The last answer seen for every bucket of {@code scope}, by name then dimension, for the admin view. */
  public ObjectNode counters(String scope) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    String prefix = scope + "/";
    last.forEach((id, b) -> {
      if (!id.startsWith(prefix)) return;
      int slash = id.lastIndexOf('/');
      ObjectNode n = out.withObject(id.substring(prefix.length(), slash)).putObject(id.substring(slash + 1));
      n.put("limit", b.limit());
      n.put("remaining", Math.max(0, b.remaining()));
      n.put("reset_ms", b.resetMs());
    });
    return out;
  }

  /** The last answer seen for one bucket, or null. */
  public Permit.Left last(String id) {
    return last.get(id);
  }

  private Permit permit(Response r, List<Permit.Bucket> buckets) {
    List<Permit.Left> left = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      Permit.Bucket b = buckets.get(i);
      Permit.Left l = new Permit.Left(b.id(), b.limit(), r.get(2 + 2 * i).toLong(), r.get(3 + 2 * i).toLong());
      last.put(b.id(), l);
      left.add(l);
    }
    return new Permit(r.get(0).toInteger() == 1, r.get(1).toLong(), left);
  }

  private Request args(Request r, List<Permit.Bucket> buckets, long maxWaitMs, boolean force) {
    r.arg(buckets.size());
    buckets.forEach(b -> r.arg(redisKey(b.id())));
    r.arg(WINDOW_MS).arg(maxWaitMs).arg(force ? 1 : 0);
    buckets.forEach(b -> r.arg(b.limit()).arg(b.cost()));
    return r;
  }

  /**
   * {@code <prefix>rl:{provider/X}/rpm}: the braces are a Redis Cluster hash tag, so the rpm and tpm buckets of one
   * limiter live in one slot, as a multi-key script requires.
   */
  private String redisKey(String id) {
    int slash = id.lastIndexOf('/');
    return redis.key("rl:{" + id.substring(0, slash) + "}" + id.substring(slash));
  }
}
