package ai.archon.gateway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Archon's own component types as the loader sees them (built in {@code pipeline/ComponentFactory}, which registers
 * them), in Archon's documentation order, and which of them this build runs. Extension types come separately, through
 * {@link ExtensionTypes}, because a config must mark them {@code "custom": true}. Immutable.
 */
public final class ComponentKinds {
  private final Map<String, ComponentKind> archon;
  private final Set<String> supported;
  private final Set<String> allKnownKeys;

  /** @param archon Archon's types in documentation order, all supported */
  public ComponentKinds(List<? extends ComponentKind> archon) {
    this(index(archon), null);
  }

  private ComponentKinds(Map<String, ComponentKind> archon, Set<String> supported) {
    this.archon = archon;
    this.supported = supported == null ? archon.keySet() : Set.copyOf(supported);
    Set<String> all = new TreeSet<>(ComponentKeys.COMMON_USED);
    all.addAll(ComponentKeys.COMMON_IGNORED);
    archon.values().forEach(k -> {
      all.addAll(k.usedKeys());
      all.addAll(k.ignoredKeys());
    });
    this.allKnownKeys = Collections.unmodifiableSet(all);
  }

  /** The same types with only {@code types} runnable; the others are rejected as "not supported yet". */
  public ComponentKinds supporting(Set<String> types) {
    return new ComponentKinds(archon, types);
  }

  /** The names of Archon's types, in documentation order. */
  public Set<String> names() { return archon.keySet(); }

  /** Archon's type {@code type}, or null when it is none of them. */
  ComponentKind get(String type) { return archon.get(type); }

  boolean supported(String type) { return supported.contains(type); }

  /** "generator, critic, …" for messages. */
  String list() { return String.join(", ", archon.keySet()); }

  /** Every key any of Archon's types knows (common ones included), for suggestions. */
  Set<String> allKnownKeys() { return allKnownKeys; }

  /** The types on which {@code key} means something, e.g. {@code fuser} for length_control. */
  Set<String> typesUsing(String key) {
    Set<String> types = new TreeSet<>();
    archon.values().forEach(k -> {
      if (k.usedKeys().contains(key)) types.add(k.type());
    });
    return types;
  }

  private static Map<String, ComponentKind> index(List<? extends ComponentKind> kinds) {
    Map<String, ComponentKind> out = new LinkedHashMap<>();
    for (ComponentKind k : kinds) {
      if (out.putIfAbsent(k.type(), k) != null) {
        throw new IllegalArgumentException("component type " + k.type() + " registered twice");
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
