package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentOptions;

/**
 * A unit_test_generator's own settings.
 *
 * @param unitTestCap {@code unit_test_cap}: how many tests to write, or null for the default
 */
public record UnitTestGeneratorOptions(Integer unitTestCap) implements ComponentOptions { }
