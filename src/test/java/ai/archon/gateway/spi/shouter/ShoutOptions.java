package ai.archon.gateway.spi.shouter;

import ai.archon.gateway.config.ComponentOptions;

/**
 * The shouter's own settings, read by {@link ShoutingComponentType#parse}.
 *
 * @param prefix {@code "prefix"}: written before each shouted candidate; empty when the config gives none
 */
public record ShoutOptions(String prefix) implements ComponentOptions { }
