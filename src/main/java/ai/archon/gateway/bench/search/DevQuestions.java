package ai.archon.gateway.bench.search;

import ai.archon.gateway.bench.Benchmark;
import ai.archon.gateway.bench.Benchmarks;
import ai.archon.gateway.bench.PinnedFile;
import ai.archon.gateway.bench.PinnedFiles;
import ai.archon.gateway.bench.Question;
import ai.archon.gateway.bench.QuestionFiles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The development questions in the order the rungs take them: {@code --questions FILE} (or the benchmark's official
 * set, found as {@code bench} finds it) shuffled with a fixed seed, so the first few questions a rung scores on are a
 * fair sample of the whole set rather than its first category; written once to {@code <out>/dev-questions.*} in the
 * source's own shape (JSON lines, or one array) and kept for {@code --resume}.
 */
final class DevQuestions {
  static final long SEED = 42;

  private DevQuestions() { }

  /** The shuffled file (made now unless it is there) and its questions. */
  static Path prepare(SearchOptions opts, Map<String, String> env, PrintStream err) {
    Benchmark benchmark = Benchmarks.of(opts.benchmark());
    Path source = opts.scoring().questions();
    if (source == null) {
      PinnedFile set = benchmark.questionSet();
      source = PinnedFiles.fromEnv(env, err, false).locate(set, "--questions FILE");
    }
    boolean array;
    try {
      array = Files.readString(source, StandardCharsets.UTF_8).stripLeading().startsWith("[");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the questions " + source + ": " + e.getMessage());
    }
    Path file = opts.out().resolve(array ? "dev-questions.json" : "dev-questions.jsonl");
    if (opts.resume() && Files.isRegularFile(file)) return file;
    List<ObjectNode> rows = new ArrayList<>(QuestionFiles.read(source));
    Collections.shuffle(rows, new Random(SEED));
    List<String> lines = rows.stream().map(ObjectNode::toString).toList();
    String text = array ? "[\n" + String.join(",\n", lines) + "\n]\n" : String.join("\n", lines) + "\n";
    try {
      Files.createDirectories(opts.out());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Turns per question (0 for a question asked as one call), in file order. */
  static List<Integer> turns(String benchmark, Path file) {
    return Benchmarks.of(benchmark).read(file).stream().map((Question q) -> q.turns().size()).toList();
  }
}
