package ai.archon.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * AlpacaEval 2.0: the eval set (CC BY-NC, so never shipped: fetched from its official repository, or
 * {@code --questions}), as the official JSON array or as JSON lines; answers in one JSON array of {@code {instruction, output, generator, dataset}} in eval-set order, each
 * instruction exactly as read (several end in white space). Answers are first appended to a JSON-lines progress
 * file beside it ({@code <model>.progress.jsonl}), which {@code --resume} reads; the array is written from it at the
 * end of every run, so it always holds every answer so far.
 */
final class AlpacaEval extends BuiltinBenchmark {

  AlpacaEval() {
    super(new Identity("alpaca_eval", QuestionSets.ALPACA_EVAL, false, "instruction"), AlpacaEval::questions);
  }

  private static List<Question> questions(Path file) {
    return QuestionFiles.map(file, file + " item", (q, where) -> {
      String instruction = QuestionFiles.text(q, "instruction", where);
      return Question.turns(instruction, q, List.of(instruction), null, null);
    });
  }

  @Override
  public ObjectNode record(Answered a, String modelId) {
    ObjectNode n = keyed(a).put("output", a.last()).put("generator", modelId);
    JsonNode dataset = a.question().source().get("dataset");
    if (dataset != null) n.set("dataset", dataset);
    return n;
  }

  /** Only a string instruction is a key (the eval set's are all strings). */
  @Override
  public String keyOf(JsonNode record) {
    JsonNode v = record.get("instruction");
    return v == null || !v.isTextual() ? null : v.textValue();
  }

  @Override
  public Path answerFile(Path outputDir, String modelId) {
    return outputDir.resolve(name()).resolve("model_answer").resolve(modelId + ".json");
  }

  @Override
  public Path progressFile(Path outputDir, String modelId) {
    return outputDir.resolve(name()).resolve("model_answer").resolve(modelId + ".progress.jsonl");
  }

  @Override
  public void finish(AnswerLog log, List<Question> questions, Path outputDir, String modelId) throws IOException {
    Map<String, String> lines = log.lines();
    StringBuilder sb = new StringBuilder("[");
    boolean first = true;
    for (Question q : questions) {
      String line = lines.get(q.key());
      if (line == null) continue;
      sb.append(first ? "\n  " : ",\n  ").append(line);
      first = false;
    }
    sb.append(first ? "]\n" : "\n]\n");
    AnswerLog.writeAtomically(answerFile(outputDir, modelId), sb.toString());
  }
}
