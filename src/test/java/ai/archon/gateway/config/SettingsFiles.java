package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The settings tests' fixture: a settings file {@code gateway.json} in a fresh folder per test, written from JSON with
 * single quotes for double ones (so tests need not escape), loaded as the gateway loads it, the warnings it gave kept
 * in {@link #warnings}. Register it on an instance field,
 * {@code @RegisterExtension final SettingsFiles settings = new SettingsFiles();}; its folder is deleted after each test.
 */
final class SettingsFiles implements AfterEachCallback {
  /** The warnings of every load so far in this test. */
  final List<String> warnings = new ArrayList<>();
  private Path dir;

  /** The test's folder, made on first use. */
  synchronized Path dir() {
    try {
      if (dir == null) dir = Files.createTempDirectory("settings");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code json} (single quotes for double) as the folder's {@code gateway.json}. */
  Path write(String json) {
    try {
      return Files.writeString(dir().resolve("gateway.json"), json.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The settings {@code json} makes, with no environment. */
  Settings load(String json) {
    return load(json, Map.of());
  }

  /** The settings {@code json} makes with the environment {@code env}. */
  Settings load(String json, Map<String, String> env) {
    return SettingsLoader.load(write(json), env, warnings::add);
  }

  /** The error that refuses {@code json}. */
  ConfigException refused(String json) {
    Path file = write(json);
    return assertThrows(ConfigException.class, () -> SettingsLoader.load(file, Map.of(), warnings::add));
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (dir == null) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
