package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import java.util.Set;

/** Builds the runnable component for a validated spec; the single place that maps type names to classes. */
public final class ComponentFactory {
  /** The component types this build can run; the config loader rejects the others as not supported yet. */
  public static final Set<String> SUPPORTED = Set.of("generator", "critic", "ranker", "fuser");

  private ComponentFactory() { }

  static Component create(ComponentSpec spec, boolean finalLayer) {
    switch (spec.type()) {
      case "generator": return new Generator(spec, finalLayer);
      case "fuser": return new Fuser(spec, finalLayer);
      case "critic": return new Critic(spec);
      case "ranker": return new Ranker(spec);
      default: throw new IllegalArgumentException("component type " + spec.type() + " is not supported yet");
    }
  }
}
