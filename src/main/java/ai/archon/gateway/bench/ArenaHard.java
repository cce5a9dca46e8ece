package ai.archon.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Arena-Hard-Auto, either version: its questions are read alike in either schema, the 2024 one ({@code question_id},
 * {@code turns[{content}]}) or the 2025 one ({@code uid}, {@code prompt}), as both v0.1 and v2.0 sets exist in each;
 * the versions differ in their sampling and their answer lines.
 */
abstract class ArenaHard extends BuiltinBenchmark {

  /** {@code temperature} and {@code maxTokens} for every question; null: the model's own. */
  ArenaHard(Identity identity, Double temperature, Integer maxTokens) {
    super(identity, file -> read(file, temperature, maxTokens));
  }

  static List<Question> read(Path file, Double temperature, Integer maxTokens) {
    return QuestionFiles.map(file, "Arena-Hard question", (q, where) -> {
      List<String> turns = new ArrayList<>();
      String id;
      if (q.has("uid")) {
        id = q.get("uid").asText();
        turns.add(QuestionFiles.text(q, "prompt", where));
      } else {
        JsonNode qid = q.get("question_id");
        JsonNode t = q.get("turns");
        if (qid == null || t == null || !t.isArray() || t.isEmpty()) {
          throw new IllegalArgumentException(where + ": needs uid and prompt, or question_id and turns");
        }
        id = qid.asText();
        for (JsonNode turn : t) {
          JsonNode content = turn.get("content");
          if (content == null || !content.isTextual()) throw new IllegalArgumentException(where + ": turn without content");
          turns.add(content.textValue());
        }
      }
      return Question.turns(id, q, turns, temperature, maxTokens);
    });
  }
}
