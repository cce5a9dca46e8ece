package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentSpec;

/**
 * Builds the component of a type an extension adds ({@code spi/ComponentTypeProvider} is one). The pipeline sits
 * below the extension interfaces, so it is handed these instead of looking them up.
 */
@FunctionalInterface
public interface ComponentCreator {

  /** Builds the component for one validated spec; {@code finalLayer} is true in the config's last layer. */
  Component create(ComponentSpec spec, boolean finalLayer);
}
