package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;
import java.util.Set;

/** Archon's {@code critic}: no options of its own; needs candidates ({@link Critic}). */
final class CriticType implements ComponentType {
  @Override public String type() { return "critic"; }

  @Override public Set<String> ignoredKeys() { return Set.of("top_k", "ranker_batch_size"); }

  @Override
  public Component create(ComponentSpec spec, boolean finalLayer) { return new Critic(spec); }
}
