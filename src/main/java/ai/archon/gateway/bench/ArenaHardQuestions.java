package ai.archon.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Arena-Hard questions in either schema: the 2024 one ({@code question_id}, {@code turns[{content}]}) or the
 * 2025 one ({@code uid}, {@code prompt}); both v0.1 and v2.0 sets exist in each.
 */
final class ArenaHardQuestions {
  private ArenaHardQuestions() { }

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
