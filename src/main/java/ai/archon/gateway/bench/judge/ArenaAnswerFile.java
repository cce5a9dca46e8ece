package ai.archon.gateway.bench.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Arena-Hard answer file in either schema: the 2024 one ({@code question_id, model_id,
 * choices[0].turns[{content}]}) or the 2025 one ({@code uid, model, messages[..., {role: assistant, content:
 * {answer}}]}): the model's name and its answer turns by question id.
 */
record ArenaAnswerFile(String model, Map<String, List<String>> turns) {

  static ArenaAnswerFile of(List<ObjectNode> lines, String what) {
    String model = null;
    Map<String, List<String>> turns = new LinkedHashMap<>();
    for (ObjectNode a : lines) {
      String m = a.has("model") ? a.get("model").asText() : a.path("model_id").asText(null);
      if (model == null) model = m;
      String id = a.has("uid") ? a.get("uid").asText() : a.path("question_id").asText(null);
      if (id == null || m == null) throw new IllegalArgumentException(what + ": an answer without uid/question_id or model");
      List<String> texts = new ArrayList<>();
      for (JsonNode t : a.path("choices").path(0).path("turns")) texts.add(t.path("content").asText());
      for (JsonNode msg : a.path("messages")) {
        if (!msg.path("role").asText().equals("assistant")) continue;
        JsonNode c = msg.path("content");
        texts.add(c.isObject() ? c.path("answer").asText() : c.asText());
      }
      if (texts.isEmpty()) throw new IllegalArgumentException(what + ": answer " + id + " has no text");
      turns.put(id, texts);
    }
    return new ArenaAnswerFile(model, turns);
  }
}
