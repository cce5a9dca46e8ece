package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.AnswerLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark's judging: the tasks in the official order, the official judgment file, and how a line is found
 * again on {@code --resume}. Lines are appended to {@link #progressFile} as they finish; {@link #finish} then writes
 * the judgment file in the official order.
 */
interface JudgeFormat {

  /** The judged model's name, as its answers give it. */
  String model();

  /** Every task, in the order the judgment file lists them. */
  List<JudgeTask> tasks();

  /** The judgment file the official scorer (and {@code bench score}) reads. */
  Path judgmentFile();

  /** Where lines are appended as they finish (for JSON-lines formats, the judgment file itself). */
  default Path progressFile() {
    return judgmentFile();
  }

  /** Whether the file also holds other models' lines, which are kept (MT-Bench's one file per judge). */
  default boolean sharedFile() {
    return false;
  }

  /** The resume key of a line, equal to its task's key; null if it has none. */
  String keyOf(JsonNode line);

  /** After a run: the judgment file in task order (other lines, e.g. other models', after them). */
  default void finish(AnswerLog log) throws IOException {
    log.rewriteInOrder(tasks().stream().map(JudgeTask::key).toList());
  }

  /** A line for the summary about how verdicts were read (AlpacaEval: log-probabilities or discrete), or null. */
  default String verdictNote() {
    return null;
  }
}
