package ai.archon.gateway.scale;

import ai.archon.gateway.config.ResponsesSettings;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * The Responses API store of one replica: Caffeine, at most {@code store_max_entries} responses (the least used go
 * first), each kept {@code store_ttl_seconds} after it was written.
 */
public final class MemoryResponseStore implements ResponseStore {
  private final Cache<String, String> entries;

  public MemoryResponseStore(ResponsesSettings settings) {
    entries = Caffeine.newBuilder()
        .maximumSize(settings.maxEntries())
        .expireAfterWrite(Duration.ofSeconds(settings.ttlSeconds()))
        .build();
  }

  @Override
  public Future<Void> put(String id, String owner, String body) {
    entries.put(id, ResponseStore.entry(owner, body));
    return Future.succeededFuture();
  }

  @Override
  public Future<String> get(String id, String owner) {
    return Future.succeededFuture(ResponseStore.bodyFor(entries.getIfPresent(id), owner));
  }

  @Override
  public Future<Boolean> delete(String id, String owner) {
    // Compute, so that a concurrent put of another owner's entry under the same id cannot be removed by mistake.
    boolean[] removed = {false};
    entries.asMap().computeIfPresent(id, (k, v) -> {
      if (ResponseStore.bodyFor(v, owner) == null) return v;
      removed[0] = true;
      return null;
    });
    return Future.succeededFuture(removed[0]);
  }
}
