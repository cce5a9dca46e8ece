package ai.archon.gateway.pipeline;

import ai.archon.gateway.config.ComponentKind;
import ai.archon.gateway.config.ComponentSpec;

/**
 * A component type, the one interface Archon's seven built-ins and extensions' types implement alike: how configs
 * spell it and read its options (the {@link ComponentKind} half, which config loading sees) and how it runs. A new
 * type is one class of this interface, its options record and its component, registered once: a built-in in
 * {@link ComponentFactory#ARCHON}, an extension through {@code spi/ComponentTypeProvider}.
 */
public interface ComponentType extends ComponentKind {

  /** Builds the component for one validated spec; {@code finalLayer} is true in the config's last layer. */
  Component create(ComponentSpec spec, boolean finalLayer);
}
