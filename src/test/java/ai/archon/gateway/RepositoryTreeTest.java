package ai.archon.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.archon.gateway.support.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data that others wrote is never committed: no file under {@code src/} or {@code gateway-configs/} may be a byte
 * for byte copy of a file in the shared folder (the published configs, question sets, judge prompts, judgments).
 */
class RepositoryTreeTest {
  private static final List<String> OWN_TREES = List.of("src", "gateway-configs");

  @Test
  void noFileOfOursIsACopyOfSharedData() {
    Map<Long, List<Path>> sharedBySize = new HashMap<>();
    files(SharedData.path("benchmarks").getParent()).forEach(f -> sharedBySize.computeIfAbsent(size(f),
        s -> new ArrayList<>()).add(f));
    List<String> copies = new ArrayList<>();
    int checked = 0;
    for (String tree : OWN_TREES) {
      for (Path own : files(Path.of(tree))) {
        checked++;
        for (Path shared : sharedBySize.getOrDefault(size(own), List.of())) {
          if (size(own) > 0 && same(own, shared)) copies.add(own + " is a copy of " + shared);
        }
      }
    }
    assertTrue(checked > 100, "the project's own files were found (" + checked + "); run from the project folder");
    assertEquals(List.of(), copies, "third-party data belongs in the shared folder, not in the repository");
  }

  @Test
  void theCheckFindsACopy() throws IOException {
    Path shared = SharedData.path("benchmarks/mt-bench/question.jsonl");
    Path copy = Files.createTempFile("copy", ".jsonl");
    try {
      Files.copy(shared, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertTrue(same(copy, shared));
      Files.writeString(copy, "\n", java.nio.file.StandardOpenOption.APPEND);
      assertTrue(!same(copy, shared));
    } finally {
      Files.delete(copy);
    }
  }

  private static List<Path> files(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean same(Path a, Path b) {
    try {
      return Files.mismatch(a, b) == -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Java sources live under {@code src/} (and the benchmark's own programs under {@code bench/}): a stray copy at
   * the root (left by a merge twice) compiles nowhere and silently goes stale.
   */
  @Test
  void noJavaSourceOutsideSrcAndBench() throws IOException {
    try (Stream<Path> root = Files.list(Path.of("."))) {
      List<String> stray = root.filter(p -> p.getFileName().toString().endsWith(".java")).map(Path::toString).toList();
      assertEquals(List.of(), stray, "Java files at the repository root");
    }
  }
}
