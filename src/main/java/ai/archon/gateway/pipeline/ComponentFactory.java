package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentKinds;
import ai.archon.gateway.config.ComponentSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the runnable component for a validated spec by looking its type up among the registered ones. */
public final class ComponentFactory {
  /** Archon's seven component types in its documentation order: the one registration of each built-in. */
  public static final List<ComponentType> ARCHON = List.of(new GeneratorType(), new CriticType(), new RankerType(),
      new FuserType(), new VerifierType(), new UnitTestGeneratorType(), new UnitTestEvaluatorType());

  /** Archon's types as config loading sees them, all runnable by this build. */
  public static final ComponentKinds SUPPORTED = new ComponentKinds(ARCHON);

  /** Archon's seven types only, no extensions. */
  public static final ComponentFactory BUILT_IN = new ComponentFactory(Map.of());

  private final Map<String, ComponentType> types;

  /** @param extensions the component types extensions add, by type name */
  public ComponentFactory(Map<String, ? extends ComponentType> extensions) {
    Map<String, ComponentType> all = new LinkedHashMap<>();
    ARCHON.forEach(t -> all.put(t.type(), t));
    extensions.forEach(all::putIfAbsent);
    this.types = Map.copyOf(all);
  }

  Component create(ComponentSpec spec, boolean finalLayer) {
    ComponentType type = types.get(spec.type());
    if (type == null) throw new IllegalArgumentException("component type " + spec.type() + " is not supported");
    return type.create(spec, finalLayer);
  }
}
