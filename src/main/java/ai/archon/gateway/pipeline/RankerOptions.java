package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentOptions;

/**
 * A ranker's own settings.
 *
 * @param topK {@code top_k}: how many candidates to keep
 * @param useCritiques {@code use_critiques}: show the critiques to the ranker
 */
public record RankerOptions(Integer topK, boolean useCritiques) implements ComponentOptions { }
