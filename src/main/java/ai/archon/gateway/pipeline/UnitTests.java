package ai.archon.gateway.pipeline;

import java.util.List;

/**
 * The unit tests a {@code unit_test_generator} wrote for the query: short checkable statements about what a good
 * answer contains. {@code inPrompt} says whether later generators and fusers see them appended to the query (a
 * {@code unit_test_evaluator} with {@code remove_unit_tests_from_prompt} turns that off); evaluators always see them.
 */
public record UnitTests(List<String> tests, boolean inPrompt) {
  /** The generator ran but produced no usable tests: later layers run as if there were none. */
  public static final UnitTests NONE = new UnitTests(List.of(), false);

  public UnitTests {
    tests = List.copyOf(tests);
  }

  public boolean isEmpty() { return tests.isEmpty(); }

  public UnitTests hiddenFromPrompt() {
    return inPrompt ? new UnitTests(tests, false) : this;
  }
}
