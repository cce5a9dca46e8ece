package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentFields;
import ai.archon.gateway.config.ComponentOptions;
import ai.archon.gateway.config.ComponentSpec;
import java.util.Set;

/**
 * Archon's {@code unit_test_evaluator}: reads {@link UnitTestEvaluatorOptions}; needs candidates and the unit tests
 * of an earlier unit_test_generator ({@link UnitTestEvaluator}).
 */
final class UnitTestEvaluatorType implements ComponentType {
  @Override public String type() { return "unit_test_evaluator"; }

  @Override
  public Set<String> usedKeys() { return Set.of("top_k", "first_k", "first_pass", "remove_unit_tests_from_prompt"); }

  @Override public Set<String> ignoredKeys() { return Set.of("unit_test_cap"); }

  @Override public boolean needsUnitTests() { return true; }

  @Override
  public ComponentOptions parse(ComponentFields f) {
    Integer topK = f.positiveInt("top_k");
    Integer firstK = f.positiveInt("first_k");
    // Archon's older configs say first_pass: true for "stop at the first candidate that passes every test".
    if (f.bool("first_pass") && firstK == null && !f.present("first_k")) firstK = 1;
    return new UnitTestEvaluatorOptions(topK, firstK, f.bool("remove_unit_tests_from_prompt"));
  }

  @Override
  public Component create(ComponentSpec spec, boolean finalLayer) { return new UnitTestEvaluator(spec); }
}
