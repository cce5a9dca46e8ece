package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentFields;
import ai.archon.gateway.config.ComponentOptions;
import ai.archon.gateway.config.ComponentSpec;
import java.util.Set;

/** Archon's {@code verifier}: reads {@link VerifierOptions}; needs candidates ({@link Verifier}). */
final class VerifierType implements ComponentType {
  @Override public String type() { return "verifier"; }

  @Override public Set<String> usedKeys() { return Set.of("first_k"); }

  @Override public Set<String> ignoredKeys() { return Set.of("batch_num"); }

  @Override
  public ComponentOptions parse(ComponentFields f) { return new VerifierOptions(f.positiveInt("first_k")); }

  @Override
  public Component create(ComponentSpec spec, boolean finalLayer) { return new Verifier(spec); }
}
