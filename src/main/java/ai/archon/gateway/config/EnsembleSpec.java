package ai.archon.gateway.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One loaded Archon configuration: the virtual model {@code name}, the file it came from, its layers in order (each
 * layer's components in config order), a content hash that identifies this version of the architecture, and the
 * config's own {@code "gateway": {"min_candidates": n}} (null when it leaves it to the settings).
 */
public record EnsembleSpec(String name, Path file, List<List<ComponentSpec>> layers, String sha256,
    Integer minCandidates) {
  public EnsembleSpec {
    layers = layers.stream().map(List::copyOf).toList();
  }

  public EnsembleSpec(String name, Path file, List<List<ComponentSpec>> layers, String sha256) {
    this(name, file, layers, sha256, null);
  }

  /** Every distinct model_type the ensemble calls. */
  public List<String> modelTypes() {
    return layers.stream().flatMap(List::stream).map(ComponentSpec::modelType).distinct().toList();
  }
}
