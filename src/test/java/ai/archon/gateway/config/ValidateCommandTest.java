package ai.archon.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.archon.gateway.pipeline.ComponentFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output lines and exit codes of {@code validate PATH...}. */
class ValidateCommandTest {
  private static final String GEN = "{\"type\": \"generator\", \"model\": \"m\", \"model_type\": \"Together_API\"}";

  @TempDir Path tmp;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final ConfigLoader loader =
      new ConfigLoader(BuiltinProviders.resolve(Map.of()).keySet(), ComponentFactory.SUPPORTED);

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private Path write(String name, String json) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  @Test
  void soundFilesGiveOkAndExitZero() throws IOException {
    Path a = write("a.json", "{\"name\": \"alpha\", \"layers\": [[" + GEN + "]]}");
    Path b = write("b.json", "{\"layers\": [" + GEN + "]}");
    int rc = ValidateCommand.run(List.of(tmp.toString()), out, loader);
    assertEquals(0, rc);
    assertEquals(List.of(
        "OK " + a + " alpha",
        "OK " + b + " b",
        "WARN " + b + ": layer 1: a bare component object used as a layer; read as a one-component layer"
            + " (write the layer as [ {...} ])",
        "2 files: 2 OK, 0 with errors"), lines());
  }

  @Test
  void oneErrorLinePerProblemAndExitOne() throws IOException {
    Path good = write("a.json", "{\"name\": \"a\", \"layers\": [[" + GEN + "]]}");
    Path bad = write("b.json", "{\"name\": \"b\", \"layers\": [[{\"type\": \"fuser\", \"model\": \"m\","
        + " \"model_type\": \"Nope_API\"}]]}");
    int rc = ValidateCommand.run(List.of(good.toString(), bad.toString()), out, loader);
    assertEquals(1, rc);
    List<String> lines = lines();
    assertEquals(4, lines.size(), lines::toString);
    assertEquals("OK " + good + " a", lines.get(0));
    assertEquals("ERROR " + bad + ": layer 1, component 1 (fuser): unknown model_type \"Nope_API\"",
        lines.get(1).substring(0, lines.get(1).indexOf(";")));
    assertEquals("ERROR " + bad + ": layer 1, component 1 (fuser): fuser receives no candidates: it is in the first"
        + " layer", lines.get(2));
    assertEquals("2 files: 1 OK, 1 with errors", lines.get(3));
  }

  @Test
  void invalidJsonAndMissingPaths() throws IOException {
    Path broken = write("broken.json", "{\"name\": \"x\",\n \"layers\": [}");
    Path missing = tmp.resolve("missing.json");
    int rc = ValidateCommand.run(List.of(broken.toString(), missing.toString()), out, loader);
    assertEquals(1, rc);
    assertEquals(List.of(
        "ERROR " + missing + ": no such file or directory",
        "ERROR " + broken + ": line 2, column 13: invalid JSON: Unexpected close marker '}': expected ']' (for Array"
            + " starting at line 2, column 12)",
        "2 files: 0 OK, 2 with errors"), lines());
  }

  @Test
  void noPathIsAUsageError() {
    assertEquals(2, ValidateCommand.run(List.of(), out, loader));
    assertEquals(1, lines().size());
    assertEquals(true, lines().get(0).startsWith("usage: "));
  }

  @Test
  void anEmptyFolderIsNotAPass() {
    assertEquals(1, ValidateCommand.run(List.of(tmp.toString()), out, loader));
    assertEquals(List.of("0 files: 0 OK, 0 with errors",
        "no config files found (a folder is searched for *.json files)"), lines());
  }

  @Test
  void theSettingsFileInAValidatedFolderIsSkipped() throws IOException {
    Path settings = write("gateway.json", "{\"providers\": {}}");
    write("a.json", "{\"name\": \"a\", \"layers\": [[" + GEN + "]]}");
    assertEquals(0, ValidateCommand.run(List.of(tmp.toString()), settings, out, loader));
    assertEquals("1 file: 1 OK, 0 with errors", lines().get(lines().size() - 1));
  }
}
