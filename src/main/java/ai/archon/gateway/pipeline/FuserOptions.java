package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentOptions;

/**
 * A fuser's own settings.
 *
 * @param lengthControl {@code length_control}: keep the fused answer no longer than the longest candidate
 */
public record FuserOptions(boolean lengthControl) implements ComponentOptions { }
