package ai.archon.gateway.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Arena-Hard-Auto v2.0 as its current {@code gen_answer.py} writes it: {@code uid, ans_id, model, messages[user,
 * assistant with content {"answer": ...}], tstamp, metadata{token_len, header_count, list_count, bold_count}}, with
 * o200k_base token counts and raw UTF-8 ({@code ensure_ascii=False}). Temperature and max tokens are the model's own
 * (the official pipeline takes them per model from its api_config).
 */
final class ArenaHardV2 extends ArenaHard {

  ArenaHardV2() {
    super(new Identity("arena_hard_v2.0", QuestionSets.ARENA_HARD_V20, false, "uid"), null, null);
  }

  @Override
  public ObjectNode record(Answered a, String modelId) {
    ObjectNode n = keyed(a).put("ans_id", ShortUuid.next()).put("model", modelId);
    ArrayNode messages = n.putArray("messages");
    List<String> turns = a.question().turns();
    for (int i = 0; i < turns.size(); i++) {
      messages.addObject().put("role", "user").put("content", turns.get(i));
      ObjectNode assistant = messages.addObject().put("role", "assistant");
      assistant.putObject("content").put("answer", a.outputs().get(i));
    }
    n.set("tstamp", AnswerJson.seconds(a.tstamp()));
    n.set("metadata", MarkdownStats.metadata(a.last(), TokenCounter.O200K.count(a.last())));
    return n;
  }
}
