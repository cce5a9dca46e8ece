package ai.archon.gateway.spi;

import ai.archon.gateway.pipeline.ComponentType;

/**
 * Adds a component type (Archon's {@code add_component}) through the same interface Archon's seven built-in types
 * implement ({@link ComponentType}): found with {@link java.util.ServiceLoader} on the class path (list the class in
 * {@code META-INF/services/ai.archon.gateway.spi.ComponentTypeProvider}). A config uses it with
 * {@code "type": "<type()>"} and {@code "custom": true}; the type reads its own keys into its options record in
 * {@link ComponentType#parse} and finds them in {@code spec.options()} when it builds a component. Its
 * {@code type()} must not be one of Archon's seven.
 */
public interface ComponentTypeProvider extends ComponentType { }
