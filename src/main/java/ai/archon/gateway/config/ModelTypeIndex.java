package ai.archon.gateway.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Values keyed by {@code <model_type>/<model>} (prices, known metric labels), looked up by the two parts without
 * joining them. Every upstream call looks several up: joining made a new string, and hashed it, each time (round 18
 * allocation profile), while the parts are strings the request already holds, their hashes cached.
 */
public final class ModelTypeIndex<V> {
  private final Map<String, V> joined;
  private final Map<String, Map<String, V>> byType = new HashMap<>();

  /** @param joined values by {@code <model_type>/<model>}; a key without a slash is only found by {@link #get(String)} */
  public ModelTypeIndex(Map<String, V> joined) {
    this.joined = Map.copyOf(joined);
    joined.forEach((k, v) -> {
      int slash = k.indexOf('/');
      if (slash >= 0) byType.computeIfAbsent(k.substring(0, slash), t -> new HashMap<>()).put(k.substring(slash + 1), v);
    });
  }

  /** The value of {@code <modelType>/<model>}, or null. */
  public V get(String modelType, String model) {
    // A model_type with a slash of its own would split elsewhere in the joined key: look that one up joined.
    if (modelType.indexOf('/') >= 0) return joined.get(modelType + "/" + model);
    Map<String, V> models = byType.get(modelType);
    return models == null ? null : models.get(model);
  }

  /** The value of a joined key, or null. */
  public V get(String key) {
    return joined.get(key);
  }

  /** How many keys. */
  public int size() {
    return joined.size();
  }
}
