package ai.archon.gateway.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One loaded Archon configuration: the virtual model {@code name}, the file it came from, its layers in order (each
 * layer's components in config order), a content hash that identifies this version of the architecture, the
 * config's own {@code "gateway": {"min_candidates": n}} (null when it leaves it to the settings) and its own
 * response-cache settings (null = the gateway's).
 */
public record EnsembleSpec(String name, Path file, List<List<ComponentSpec>> layers, String sha256,
    Integer minCandidates, CacheSettings cache) {
  public EnsembleSpec {
    layers = layers.stream().map(List::copyOf).toList();
  }

  /** A config that leaves min_candidates and the cache to the settings. */
  public EnsembleSpec(String name, Path file, List<List<ComponentSpec>> layers, String sha256) {
    this(name, file, layers, sha256, null, null);
  }

  /** A config that leaves the cache to the settings. */
  public EnsembleSpec(String name, Path file, List<List<ComponentSpec>> layers, String sha256, Integer minCandidates) {
    this(name, file, layers, sha256, minCandidates, null);
  }

  /** Every distinct model_type the ensemble calls. */
  public List<String> modelTypes() {
    return layers.stream().flatMap(List::stream).map(ComponentSpec::modelType).distinct().toList();
  }
}
