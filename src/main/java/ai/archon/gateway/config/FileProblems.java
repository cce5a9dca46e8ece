package ai.archon.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects the errors and warnings of one config file while it is parsed. */
final class FileProblems {
  private final Path file;
  private final List<ConfigProblem> errors = new ArrayList<>();
  private final List<ConfigProblem> warnings = new ArrayList<>();

  FileProblems(Path file) {
    this.file = file;
  }

  void error(String where, String reason) {
    errors.add(new ConfigProblem(file, where, reason));
  }

  void warn(String where, String reason) {
    warnings.add(new ConfigProblem(file, where, reason));
  }

  int errorCount() {
    return errors.size();
  }

  List<ConfigProblem> errors() {
    return List.copyOf(errors);
  }

  List<ConfigProblem> warnings() {
    return List.copyOf(warnings);
  }
}
