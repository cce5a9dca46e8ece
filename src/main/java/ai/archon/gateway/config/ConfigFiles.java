package ai.archon.gateway.config;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the config files named by the user: files as given, and every {@code *.json} under a folder, recursively,
 * following symbolic links but skipping hidden entries (Kubernetes mounts a ConfigMap as {@code ..data} links next to
 * the real files, which would otherwise be read twice). The settings file is never a config. The result is sorted by
 * absolute path, so which of two same-named files is "later" does not depend on argument or directory order.
 */
final class ConfigFiles {
  /** The files found, and problems with the paths themselves (missing, unreadable folder, settings file given). */
  record Found(List<Path> files, List<ConfigProblem> errors, List<ConfigProblem> warnings) {}

  private ConfigFiles() {}

  static Found find(List<Path> paths, Path settingsFileOrNull) {
    Path settings = settingsFileOrNull == null ? null : key(settingsFileOrNull);
    Map<Path, Path> byKey = new LinkedHashMap<>(); // absolute normalized path -> path as shown to the user
    List<ConfigProblem> errors = new ArrayList<>();
    List<ConfigProblem> warnings = new ArrayList<>();
    for (Path path : new LinkedHashSet<>(paths)) {
      if (!Files.exists(path)) {
        errors.add(new ConfigProblem(path, "", "no such file or directory"));
      } else if (Files.isDirectory(path)) {
        walk(path, errors, warnings).forEach(f -> {
          if (!key(f).equals(settings)) byKey.putIfAbsent(key(f), f);
        });
      } else if (key(path).equals(settings)) {
        warnings.add(new ConfigProblem(path, "", "skipped: this is the gateway settings file, not an Archon config"));
      } else {
        byKey.putIfAbsent(key(path), path);
      }
    }
    List<Path> files = byKey.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(Path::toString)))
        .map(Map.Entry::getValue)
        .toList();
    return new Found(files, errors, warnings);
  }

  private static Path key(Path p) {
    return p.toAbsolutePath().normalize();
  }

  private static List<Path> walk(Path root, List<ConfigProblem> errors, List<ConfigProblem> warnings) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String name = file.getFileName().toString();
              if (attrs.isRegularFile() && !hidden(file) && name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (e instanceof FileSystemLoopException) {
                // A link back to an ancestor: everything under it is already being read; skipping it keeps the folder
                // loadable (as an error it rejected the reload of every config).
                warnings.add(new ConfigProblem(file, "", "skipped: symbolic link loop"));
                return FileVisitResult.CONTINUE;
              }
              errors.add(new ConfigProblem(file, "", "cannot read: " + describe(e)));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      errors.add(new ConfigProblem(root, "", "cannot read folder: " + describe(e)));
    }
    return found;
  }

  private static boolean hidden(Path p) {
    return p.getFileName() != null && p.getFileName().toString().startsWith(".");
  }

  static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    return e.getMessage() == null ? kind : kind + " " + e.getMessage();
  }
}
