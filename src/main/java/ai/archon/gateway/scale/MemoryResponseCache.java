package ai.archon.gateway.scale;

import ai.archon.gateway.config.CacheSettings;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The response cache of one replica: Caffeine, bounded by {@code max_entries} (configs that set their own bound get
 * their own cache of that size), each entry living {@code ttl_s} of the config that stored it.
 */
public final class MemoryResponseCache implements ResponseCache {
  private final Map<Long, Cache<String, Entry>> bySize = new ConcurrentHashMap<>();

  private record Entry(CachedAnswer answer, Duration ttl) { }

  @Override
  public Future<CachedAnswer> get(String key, CacheSettings settings) {
    Entry e = cache(settings).getIfPresent(key);
    return Future.succeededFuture(e == null ? null : e.answer());
  }

  @Override
  public void put(String key, CachedAnswer answer, CacheSettings settings) {
    cache(settings).put(key, new Entry(answer, Duration.ofSeconds(settings.ttlS())));
  }

  private Cache<String, Entry> cache(CacheSettings settings) {
    return bySize.computeIfAbsent(settings.maxEntries(), size -> Caffeine.newBuilder()
        .maximumSize(size)
        .expireAfter(Expiry.<String, Entry>writing((k, e) -> e.ttl()))
        .build());
  }
}
