package ai.archon.gateway.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The component and model types that jars on the class path add through {@link ComponentTypeProvider} and
 * {@link ModelTypeProvider}, loaded once with {@link ServiceLoader} (the class path does not change at run time).
 */
public final class Extensions {
  /** The protocol name settings give an extension's model type. */
  public static final String PROTOCOL = "extension";

  private static final Map<String, ComponentTypeProvider> COMPONENTS = load(ComponentTypeProvider.class, true);
  private static final Map<String, ModelTypeProvider> MODELS = load(ModelTypeProvider.class, false);

  private Extensions() { }

  public static Map<String, ComponentTypeProvider> componentTypes() { return COMPONENTS; }

  public static Map<String, ModelTypeProvider> modelTypes() { return MODELS; }

  @SuppressWarnings("unchecked")
  private static <T> Map<String, T> load(Class<T> type, boolean components) {
    Map<String, T> out = new LinkedHashMap<>();
    for (T p : ServiceLoader.load(type, Extensions.class.getClassLoader())) {
      String name = components ? ((ComponentTypeProvider) p).type() : ((ModelTypeProvider) p).modelType();
      if (out.putIfAbsent(name, p) != null) {
        throw new IllegalStateException("two extensions define " + type.getSimpleName() + " \"" + name + "\"");
      }
    }
    return Map.copyOf(out);
  }
}
