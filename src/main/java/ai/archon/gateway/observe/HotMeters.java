package ai.archon.gateway.observe;

import ai.archon.gateway.config.Prices;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The meters that every request and every upstream call touches, kept per model and per provider and model, so
 * that finding one is a lookup by a String (whose hash is cached) and an array slot, not a map lookup by a fresh
 * list of label values and a capturing lambda per event, which is what the generic path costs (about 2 % of a
 * pass-through request's CPU in profiles). Meters are made on first use; Micrometer hands back the same meter to
 * a second registration, so a race only builds an id twice.
 */
final class HotMeters {
  /** Status codes 100–599 have a slot per stream flag; anything else takes the generic path. */
  static final int MIN_STATUS = 100;
  static final int STATUSES = 500;

  private final Map<String, ModelMeters> byModel = new ConcurrentHashMap<>();
  private final Map<String, Map<String, CallMeters>> byProvider = new ConcurrentHashMap<>();

  ModelMeters model(String model) {
    return cached(byModel, model, m -> new ModelMeters());
  }

  CallMeters call(String provider, String model) {
    return cached(cached(byProvider, provider, p -> new ConcurrentHashMap<>()), model, m -> new CallMeters());
  }

  /**
   * {@code map}'s value for {@code key}, made by {@code make} the first time. A plain get first: on a hit that is all,
   * where {@code computeIfAbsent} may lock the bin.
   */
  static <K, V> V cached(Map<K, V> map, K key, Function<? super K, ? extends V> make) {
    V v = map.get(key);
    return v != null ? v : map.computeIfAbsent(key, make);
  }

  /** Slot {@code i} of {@code slots}, made by {@code make} the first time. */
  static <M> M slot(AtomicReferenceArray<M> slots, int i, Supplier<M> make) {
    M m = slots.get(i);
    if (m != null) return m;
    slots.compareAndSet(i, null, make.get());
    return slots.get(i);
  }

  /**
   * A request's meters for one model: counters by stream flag and status, latency by stream flag, time to first
   * token, cache lookups.
   */
  static final class ModelMeters {
    final AtomicReferenceArray<Counter> requests = new AtomicReferenceArray<>(2 * STATUSES);
    final AtomicReferenceArray<Timer> duration = new AtomicReferenceArray<>(2);
    final AtomicReferenceArray<Timer> firstToken = new AtomicReferenceArray<>(1);
    /** Response-cache lookups by result (hit, miss, bypass): one per ensemble request. */
    final Map<String, Counter> cacheLookups = new ConcurrentHashMap<>();
  }

  /** An upstream call's meters for one provider and model. */
  static final class CallMeters {
    final Map<String, Counter> attempts = new ConcurrentHashMap<>();
    final Map<String, Timer> durations = new ConcurrentHashMap<>();
    /** Input and output tokens. */
    final AtomicReferenceArray<Counter> tokens = new AtomicReferenceArray<>(2);
    final AtomicReferenceArray<Counter> cost = new AtomicReferenceArray<>(1);
    /** The price last looked up, and the price table it came from (a reload brings a new table). */
    private volatile PriceSeen priceSeen;

    Prices.Price price(Prices table, String provider, String model) {
      PriceSeen seen = priceSeen;
      if (seen == null || seen.table() != table) {
        seen = new PriceSeen(table, table.of(provider, model));
        priceSeen = seen;
      }
      return seen.price();
    }
  }

  private record PriceSeen(Prices table, Prices.Price price) { }
}
