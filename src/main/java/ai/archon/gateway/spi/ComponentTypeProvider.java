package ai.archon.gateway.spi;

import ai.archon.gateway.config.ComponentSpec;
import ai.archon.gateway.pipeline.Component;
import ai.archon.gateway.pipeline.ComponentCreator;

/**
 * Adds a component type (Archon's {@code add_component}): found with {@link java.util.ServiceLoader} on the class path
 * (list the class in {@code META-INF/services/ai.archon.gateway.spi.ComponentTypeProvider}). A config uses it with
 * {@code "type": "<type()>"} and {@code "custom": true}; the component's other keys reach it in {@code spec.raw()}.
 */
public interface ComponentTypeProvider extends ComponentCreator {

  /** The {@code type} configs name; must not be one of Archon's seven. */
  String type();

  /** True when the component writes new candidates (like a generator or fuser) rather than judging incoming ones. */
  default boolean producesCandidates() { return false; }

  /** True when the component needs candidates from an earlier layer (the loader checks the layer order). */
  default boolean needsCandidates() { return !producesCandidates(); }

  /** Builds the component for one validated spec; {@code finalLayer} is true in the config's last layer. */
  @Override
  Component create(ComponentSpec spec, boolean finalLayer);
}
