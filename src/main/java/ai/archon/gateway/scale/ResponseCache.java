package ai.archon.gateway.scale;

import ai.archon.gateway.config.CacheSettings;
import io.vertx.core.Future;

/** Where finished answers are kept: in memory, or in Redis when it is configured (then shared by replicas). */
public interface ResponseCache {
  /** The answer kept under {@code key}, or null (a miss; also when the store cannot be reached). */
  Future<CachedAnswer> get(String key, CacheSettings settings);

  /** Keeps {@code answer} under {@code key} for {@code settings.ttlS()} seconds; failures are only logged. */
  void put(String key, CachedAnswer answer, CacheSettings settings);
}
