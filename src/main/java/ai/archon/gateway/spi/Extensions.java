package ai.archon.gateway.spi;

import ai.archon.gateway.config.ComponentKind;
import ai.archon.gateway.config.ExtensionTypes;
import ai.archon.gateway.config.ProviderSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The component and model types that jars on the class path add through {@link ComponentTypeProvider} and
 * {@link ModelTypeProvider}. Loaded once at startup ({@link #fromClassPath()}; the class path does not change at run
 * time) and passed to whatever needs it: config validation (as {@link ExtensionTypes}), the component factory and
 * the provider registry.
 */
public final class Extensions implements ExtensionTypes {
  /** The protocol name settings give an extension's model type. */
  public static final String PROTOCOL = ExtensionTypes.PROTOCOL;

  /** No extensions. */
  public static final Extensions NONE = new Extensions(Map.of(), Map.of());

  private final Map<String, ComponentTypeProvider> components;
  private final Map<String, ModelTypeProvider> models;

  public Extensions(Map<String, ComponentTypeProvider> components, Map<String, ModelTypeProvider> models) {
    this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
  }

  /** Every extension listed under {@code META-INF/services} on the class path (blocking: call it at startup). */
  public static Extensions fromClassPath() {
    return new Extensions(load(ComponentTypeProvider.class, true), load(ModelTypeProvider.class, false));
  }

  public Map<String, ComponentTypeProvider> componentTypes() { return components; }

  public Map<String, ModelTypeProvider> modelTypes() { return models; }

  @Override
  public ComponentKind componentKind(String type) { return components.get(type); }

  @Override
  public boolean hasModelType(String modelType) { return models.containsKey(modelType); }

  @Override
  public Map<String, ProviderSpec> modelTypeSpecs(Map<String, String> env) {
    Map<String, ProviderSpec> out = new LinkedHashMap<>();
    models.forEach((name, ext) -> out.put(name, ext.spec(env)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> Map<String, T> load(Class<T> type, boolean components) {
    Map<String, T> out = new LinkedHashMap<>();
    for (T p : ServiceLoader.load(type, Extensions.class.getClassLoader())) {
      String name = components ? ((ComponentTypeProvider) p).type() : ((ModelTypeProvider) p).modelType();
      if (out.putIfAbsent(name, p) != null) {
        throw new IllegalStateException("two extensions define " + type.getSimpleName() + " \"" + name + "\"");
      }
    }
    return out;
  }
}
