package ai.archon.gateway.config;

import java.nio.file.Path;

/**
 * One error or warning found while loading a config file: the file, where in it (for example {@code layer 2,
 * component 1 (fuser)}, {@code line 26, column 40} or {@code name}; empty when it concerns the whole file) and a
 * human-readable reason.
 */
public record ConfigProblem(Path file, String where, String reason) {

  public ConfigProblem {
    where = where == null ? "" : where;
  }

  /** {@code <file>: <where>: <reason>}, or {@code <file>: <reason>} when there is no where. */
  public String format() {
    return where.isEmpty() ? file + ": " + reason : file + ": " + where + ": " + reason;
  }

  @Override
  public String toString() {
    return format();
  }
}
