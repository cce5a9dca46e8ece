package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentOptions;

/**
 * A verifier's own settings.
 *
 * @param firstK {@code first_k}: stop once the first this many candidates judged in order are correct; null = judge all
 */
public record VerifierOptions(Integer firstK) implements ComponentOptions { }
