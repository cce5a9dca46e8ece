package ai.archon.gateway.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of loading config files: the ensembles to serve (one per model name), every error and warning, and one
 * {@link FileOutcome} per file looked at, in load order.
 */
public record LoadReport(
    List<EnsembleSpec> ensembles, List<ConfigProblem> errors, List<ConfigProblem> warnings, List<FileOutcome> files) {

  /**
   * One file looked at: the model name it serves or claims (null when it could not be read that far) and whether it is
   * sound. A byte-identical copy of another file is sound but adds no second ensemble.
   */
  public record FileOutcome(Path file, String name, boolean ok) {}

  public LoadReport {
    ensembles = List.copyOf(ensembles);
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    files = List.copyOf(files);
  }

  /** The ensembles by virtual model name, in load order. */
  public Map<String, EnsembleSpec> byName() {
    Map<String, EnsembleSpec> map = new LinkedHashMap<>();
    ensembles.forEach(e -> map.put(e.name(), e));
    return map;
  }

  /** The errors about one file. */
  public List<ConfigProblem> errorsFor(Path file) {
    return errors.stream().filter(p -> p.file().equals(file)).toList();
  }

  /** The warnings about one file. */
  public List<ConfigProblem> warningsFor(Path file) {
    return warnings.stream().filter(p -> p.file().equals(file)).toList();
  }

  /** True when no file had an error. */
  public boolean ok() {
    return errors.isEmpty();
  }
}
