package ai.archon.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.CommandOutput;
import ai.archon.gateway.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Runs the bench command in-process for tests and reads what it wrote. */
final class BenchRun extends CommandOutput {
  private BenchRun(CommandOutput output) {
    super(output);
  }

  /** Runs {@code bench ARGS} with a 5 ms retry backoff, capturing both output streams (not a terminal). */
  static BenchRun run(Map<String, String> env, String... args) {
    return new BenchRun(CommandOutput.capture(
        (out, err) -> BenchCommand.run(BenchOptions.parse(args, env), env, out, err, false, 5)));
  }

  static List<JsonNode> jsonLines(Path file) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : lines(file)) out.add(Json.parse(line));
    return out;
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = BenchRun.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing test resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path dir, String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The judge-facing schema check: same field names in the same order, same JSON types (integer vs float too),
   * recursively, array lengths included.
   */
  static void assertSameShape(JsonNode expected, JsonNode actual, String path) {
    assertEquals(expected.getNodeType(), actual.getNodeType(), "type at " + path);
    if (expected.isNumber()) assertEquals(expected.isIntegralNumber(), actual.isIntegralNumber(), "number kind at " + path);
    if (expected.isObject()) {
      assertEquals(names(expected), names(actual), "fields at " + path);
      expected.fieldNames().forEachRemaining(f -> assertSameShape(expected.get(f), actual.get(f), path + "." + f));
    }
    if (expected.isArray()) {
      assertEquals(expected.size(), actual.size(), "length at " + path);
      for (int i = 0; i < expected.size(); i++) assertSameShape(expected.get(i), actual.get(i), path + "[" + i + "]");
    }
  }

  static List<String> names(JsonNode n) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = n.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  /** A shortuuid: 22 characters of base 57. */
  static void assertShortUuid(JsonNode id) {
    assertTrue(id.isTextual() && id.asText().matches("[2-9A-HJ-NP-Za-km-z]{22}"), "shortuuid: " + id);
  }
}
