package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentFields;
import ai.archon.gateway.config.ComponentOptions;
import ai.archon.gateway.config.ComponentSpec;
import java.util.Set;

/**
 * Archon's {@code unit_test_generator}: reads {@link UnitTestGeneratorOptions}; needs no candidates and writes unit
 * tests for later layers ({@link UnitTestGenerator}).
 */
final class UnitTestGeneratorType implements ComponentType {
  @Override public String type() { return "unit_test_generator"; }

  @Override public Set<String> usedKeys() { return Set.of("unit_test_cap"); }

  @Override public boolean needsCandidates() { return false; }

  @Override public boolean writesUnitTests() { return true; }

  @Override
  public ComponentOptions parse(ComponentFields f) {
    return new UnitTestGeneratorOptions(f.positiveInt("unit_test_cap"));
  }

  @Override
  public Component create(ComponentSpec spec, boolean finalLayer) { return new UnitTestGenerator(spec); }
}
