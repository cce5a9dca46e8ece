package ai.archon.gateway.bench.judge;

import ai.archon.gateway.bench.PinnedFile;
import ai.archon.gateway.bench.PinnedFiles;
import ai.archon.gateway.bench.QuestionFiles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a judging reads besides the answers: the official files (local folder, cache or downloaded once, checked
 * against their SHA-256), the judge prompt ({@code --judge-prompt FILE} replaces the official one) and where the
 * judgments go: {@code <bench>/model_judgment/} beside the {@code <bench>/model_answer/} folder of the answers.
 */
record JudgeInputs(JudgeOptions opts, PinnedFiles files) {

  /** The verified local copy of an official file. */
  Path official(PinnedFile file) {
    return files.locate(file, null);
  }

  /** {@code --judge-prompt FILE}, else the official judge prompt. */
  Path judgePrompt(PinnedFile official) {
    if (opts.judgePrompt() != null) {
      if (!Files.isRegularFile(opts.judgePrompt())) {
        throw new IllegalArgumentException("--judge-prompt " + opts.judgePrompt() + " is not a file");
      }
      return opts.judgePrompt();
    }
    return files.locate(official, "--judge-prompt FILE");
  }

  /** {@code --questions FILE}, else the benchmark's official question set. */
  Path questions(PinnedFile official) {
    return opts.questions() != null ? opts.questions() : files.locate(official, "--questions FILE");
  }

  /** The answers being judged (JSON lines or one JSON array), at most {@code --limit} of them. */
  List<ObjectNode> answers() {
    List<ObjectNode> all = QuestionFiles.read(opts.answers());
    if (all.isEmpty()) throw new IllegalArgumentException(opts.answers() + " holds no answers");
    return all.size() > opts.limit() ? all.subList(0, opts.limit()) : all;
  }

  /** The baseline's answers: {@code --baseline PATH}, else the official ones. */
  List<ObjectNode> baseline(PinnedFile official) {
    if (opts.baseline() != null) return QuestionFiles.read(opts.baseline());
    return QuestionFiles.read(files.locate(official, "--baseline PATH"));
  }

  /** {@code <bench>/model_judgment}: beside {@code model_answer/} when the answers are in one, else beside them. */
  Path judgmentDir() {
    Path dir = opts.answers().toAbsolutePath().getParent();
    Path bench = dir.getFileName() != null && dir.getFileName().toString().equals("model_answer") ? dir.getParent() : dir;
    return bench.resolve("model_judgment");
  }

  String judgeId() {
    return opts.judgeId();
  }
}
