package ai.archon.gateway.bench.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code avg_tokens} as show_result.py computes it: the model's answer file {@code model_answer/<model>.jsonl} beside
 * the {@code model_judgment/} folder, the token count of each answer (v0.1 {@code choices[0].turns[0].token_len},
 * else {@code conv_metadata.token_len}; v2.0 {@code metadata.token_len}) averaged over its questions (the last answer
 * per question id counts) and truncated to an integer. Null when the answer file is not there.
 */
final class ArenaAnswers {
  private ArenaAnswers() { }

  /** {@code <bench>/model_answer} for judgments at {@code <bench>/model_judgment/<judge>[/<model>.jsonl]}. */
  static Path answerDir(Path judgments) {
    Path dir = Files.isDirectory(judgments) ? judgments : judgments.toAbsolutePath().getParent();
    Path judgeParent = dir.toAbsolutePath().getParent();
    return judgeParent == null || judgeParent.getParent() == null ? null
        : judgeParent.getParent().resolve("model_answer");
  }

  static Long avgTokens(Path answerDir, String model) {
    if (answerDir == null) return null;
    Path file = answerDir.resolve(model + ".jsonl");
    if (!Files.isRegularFile(file)) return null;
    Map<String, Double> perQuestion = new LinkedHashMap<>();
    for (JsonNode a : ScoreJson.readLines(file)) {
      JsonNode len = a.path("choices").path(0).path("turns").path(0).path("token_len");
      if (!len.isNumber()) len = a.path("conv_metadata").path("token_len");
      if (!len.isNumber()) len = a.path("metadata").path("token_len");
      String id = a.has("uid") ? a.get("uid").asText() : a.path("question_id").asText();
      if (len.isNumber()) perQuestion.put(id, len.doubleValue());
    }
    if (perQuestion.isEmpty()) return null;
    double sum = 0;
    for (double v : perQuestion.values()) sum += v;
    return (long) (sum / perQuestion.size());
  }
}
