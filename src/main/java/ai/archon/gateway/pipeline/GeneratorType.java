package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import java.util.Set;

/** Archon's {@code generator}: no options of its own; writes fresh candidates ({@link Generator}). */
final class GeneratorType implements ComponentType {
  @Override public String type() { return "generator"; }

  @Override public Set<String> ignoredKeys() { return Set.of("top_k"); }

  @Override public boolean startsFresh() { return true; }

  @Override
  public Component create(ComponentSpec spec, boolean finalLayer) { return new Generator(spec, finalLayer); }
}
