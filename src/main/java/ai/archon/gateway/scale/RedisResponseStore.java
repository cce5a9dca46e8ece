package ai.archon.gateway.scale;

import ai.archon.gateway.config.ResponsesSettings;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * The Responses API store shared by replicas: one Redis string per response, {@code <key_prefix>responses:<id>},
 * expiring after {@code store_ttl_seconds} (Redis's own eviction bounds the size). While Redis is down, storing and
 * reading fail: the caller answers with an error rather than pretend a conversation is kept.
 */
public final class RedisResponseStore implements ResponseStore {
  private final RedisState redis;
  private final long ttlSeconds;

  public RedisResponseStore(RedisState redis, ResponsesSettings settings) {
    this.redis = redis;
    this.ttlSeconds = settings.ttlSeconds();
  }

  @Override
  public Future<Void> put(String id, String owner, String body) {
    return redis.send(Request.cmd(Command.SET).arg(key(id)).arg(ResponseStore.entry(owner, body))
        .arg("EX").arg(ttlSeconds)).mapEmpty();
  }

  @Override
  public Future<String> get(String id, String owner) {
    return redis.send(Request.cmd(Command.GET).arg(key(id)))
        .map(r -> r == null ? null : ResponseStore.bodyFor(r.toString(), owner));
  }

  @Override
  public Future<Boolean> delete(String id, String owner) {
    // Read first, so that one owner cannot delete another's response; an id is random, so the gap is harmless.
    return get(id, owner).compose(body -> body == null ? Future.succeededFuture(false)
        : redis.send(Request.cmd(Command.DEL).arg(key(id))).map(r -> r != null && r.toLong() > 0));
  }

  private String key(String id) {
    return redis.key("responses:" + id);
  }
}
