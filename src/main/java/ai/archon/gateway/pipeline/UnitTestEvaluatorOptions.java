package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentOptions;

/**
 * A unit_test_evaluator's own settings.
 *
 * @param topK {@code top_k}: how many candidates to keep; null = all
 * @param firstK {@code first_k} (or Archon's older {@code first_pass: true}, read as 1): stop at the first this many
 *     candidates that pass every test; null = evaluate all
 * @param removeUnitTestsFromPrompt {@code remove_unit_tests_from_prompt}: later layers see the query without the tests
 */
public record UnitTestEvaluatorOptions(Integer topK, Integer firstK, boolean removeUnitTestsFromPrompt)
    implements ComponentOptions { }
