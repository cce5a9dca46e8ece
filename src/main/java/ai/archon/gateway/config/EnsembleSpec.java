package ai.archon.gateway.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One loaded Archon configuration: the virtual model {@code name}, the file it came from, its layers in order (each
 * layer's components in config order) and a content hash that identifies this version of the architecture.
 */
public record EnsembleSpec(String name, Path file, List<List<ComponentSpec>> layers, String sha256) {
  public EnsembleSpec {
    layers = layers.stream().map(List::copyOf).toList();
  }

  /** Every distinct model_type the ensemble calls. */
  public List<String> modelTypes() {
    return layers.stream().flatMap(List::stream).map(ComponentSpec::modelType).distinct().toList();
  }
}
