package ai.archon.gateway.config;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code validate PATH...} command: loads config files and folders and prints one line per finding, then a
 * total. Output lines:
 *
 * <pre>
 * OK &lt;file&gt; &lt;name&gt;
 * ERROR &lt;file&gt;: &lt;where&gt;: &lt;reason&gt;     (one per error)
 * WARN &lt;file&gt;: &lt;where&gt;: &lt;reason&gt;      (one per warning)
 * 292 files: 270 OK, 22 with errors
 * </pre>
 *
 * Exit code: 0 when every file is sound (warnings allowed), 1 when any file has an error or no config file was found,
 * 2 for a usage error (no path given).
 */
public final class ValidateCommand {
  public static final int OK = 0;
  public static final int INVALID = 1;
  public static final int USAGE = 2;

  private ValidateCommand() {}

  /** Validates {@code paths} with no settings file. */
  public static int run(List<String> paths, PrintStream out, ConfigLoader loader) {
    return run(paths, null, out, loader);
  }

  /**
   * Validates {@code paths} (files or folders).
   *
   * @param settingsFileOrNull the gateway settings file, skipped when it lies in a folder being validated
   * @return the exit code
   */
  public static int run(List<String> paths, Path settingsFileOrNull, PrintStream out, ConfigLoader loader) {
    if (paths == null || paths.isEmpty()) {
      out.println("usage: java -jar archon-gateway.jar validate PATH...  (Archon config files or folders of them)");
      return USAGE;
    }
    LoadReport report = loader.loadPaths(paths.stream().map(Path::of).toList(), settingsFileOrNull);
    int ok = 0;
    int bad = 0;
    for (LoadReport.FileOutcome file : report.files()) {
      if (file.ok()) {
        ok++;
        out.println("OK " + file.file() + " " + file.name());
      } else {
        bad++;
        report.errorsFor(file.file()).forEach(p -> out.println("ERROR " + p.format()));
      }
      report.warningsFor(file.file()).forEach(p -> out.println("WARN " + p.format()));
    }
    // Warnings about paths that were not loaded at all (the settings file given by name).
    report.warnings().stream()
        .filter(w -> report.files().stream().noneMatch(f -> f.file().equals(w.file())))
        .forEach(w -> out.println("WARN " + w.format()));
    int total = ok + bad;
    out.println(total + (total == 1 ? " file: " : " files: ") + ok + " OK, " + bad + " with errors");
    if (total == 0) {
      out.println("no config files found (a folder is searched for *.json files)");
      return INVALID;
    }
    return bad == 0 ? OK : INVALID;
  }
}
