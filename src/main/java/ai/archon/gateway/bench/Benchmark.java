package ai.archon.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark's formats: how its questions are read and what one answer line looks like. Answers are appended one
 * JSON line each to {@link #progressFile} as they finish; {@link #finish} then writes the judge's file from it.
 */
public interface Benchmark {

  /** The {@code --benchmark} name, also the output folder. */
  String name();

  /** The questions of {@code file} ({@code --questions}, or the official set found by {@link PinnedFiles}), in order. */
  List<Question> read(Path file);

  /** The official question set used without {@code --questions}; null when the benchmark has none. */
  default PinnedFile questionSet() { return null; }

  /** The answer line for a finished question (a JSON object; field order matters to some judges). */
  ObjectNode record(Answered answer, String modelId);

  /** The resume key of an answer line, equal to its question's {@link Question#key()}; null if it has none. */
  String keyOf(JsonNode record);

  /** Whether lines escape non-ASCII as the official writer does. */
  default boolean asciiOnly() { return true; }

  /** The answer file the judge reads: {@code <dir>/<benchmark>/model_answer/<model>.jsonl}. */
  default Path answerFile(Path outputDir, String modelId) {
    return outputDir.resolve(name()).resolve("model_answer").resolve(modelId + ".jsonl");
  }

  /** Where answers are appended as they finish (for JSONL benchmarks, the answer file itself). */
  default Path progressFile(Path outputDir, String modelId) {
    return answerFile(outputDir, modelId);
  }

  /** After a run: put the answers in set order in the answer file. */
  default void finish(AnswerLog log, List<Question> questions, Path outputDir, String modelId) throws IOException {
    log.rewriteInOrder(questions.stream().map(Question::key).toList());
  }
}
