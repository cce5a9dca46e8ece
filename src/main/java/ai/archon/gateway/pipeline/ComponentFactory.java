package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.config.ComponentTypes;
import java.util.Map;
import java.util.Set;

/** Builds the runnable component for a validated spec; the single place that maps type names to classes. */
public final class ComponentFactory {
  /** The component types this build can run: all seven Archon types. */
  public static final Set<String> SUPPORTED = ComponentTypes.ALL;

  /** Archon's seven types only, no extensions. */
  public static final ComponentFactory BUILT_IN = new ComponentFactory(Map.of());

  private final Map<String, ? extends ComponentCreator> extensions;

  /** @param extensions the component types extensions add, by type name */
  public ComponentFactory(Map<String, ? extends ComponentCreator> extensions) {
    this.extensions = Map.copyOf(extensions);
  }

  Component create(ComponentSpec spec, boolean finalLayer) {
    switch (spec.type()) {
      case ComponentTypes.GENERATOR: return new Generator(spec, finalLayer);
      case ComponentTypes.FUSER: return new Fuser(spec, finalLayer);
      case ComponentTypes.CRITIC: return new Critic(spec);
      case ComponentTypes.RANKER: return new Ranker(spec);
      case ComponentTypes.VERIFIER: return new Verifier(spec);
      case ComponentTypes.UNIT_TEST_GENERATOR: return new UnitTestGenerator(spec);
      case ComponentTypes.UNIT_TEST_EVALUATOR: return new UnitTestEvaluator(spec);
      default:
        ComponentCreator ext = extensions.get(spec.type());
        if (ext == null) throw new IllegalArgumentException("component type " + spec.type() + " is not supported");
        return ext.create(spec, finalLayer);
    }
  }
}
